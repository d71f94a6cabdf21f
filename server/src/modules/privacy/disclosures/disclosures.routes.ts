import { disclosureInputSchema, disclosureListSchema, disclosureSchema } from '@anxin/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../../app-context.ts';
import { problemResponses } from '../../../platform/http/problem.ts';
import { actorOf, identityCtx } from '../../identity/route-helpers.ts';
import {
  approveDisclosure,
  getDisclosure,
  listDisclosuresFor,
  listMyDisclosures,
  recordDisclosure,
} from './disclosure.service.ts';

const errors = problemResponses(400, 401, 403, 404, 409);
const tags = ['privacy'];
const access = { access: 'signed-in' } as const;
const idParams = z.object({ id: z.uuid() });

/** The register of disclosures to third parties (B7, C7). */
export const disclosuresRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (
  app,
  { ctx },
) => {
  app.get(
    '/disclosures',
    {
      config: access,
      schema: {
        tags,
        summary: 'Disclosures the actor may read (administrators all; a counselor their own)',
        querystring: z.object({
          subjectUserId: z.uuid().optional(),
          pending: z.stringbool().optional(),
        }),
        response: { 200: disclosureListSchema, ...errors },
      },
    },
    async (request) =>
      listDisclosuresFor(identityCtx(ctx, request), actorOf(request), request.query),
  );

  app.get(
    '/disclosures/me',
    {
      config: access,
      schema: {
        tags,
        summary: 'My information disclosed to third parties, with the basis of each',
        response: { 200: disclosureListSchema, ...errors },
      },
    },
    async (request) => listMyDisclosures(identityCtx(ctx, request), actorOf(request)),
  );

  app.get(
    '/disclosures/:id',
    {
      config: access,
      schema: {
        tags,
        summary: 'One disclosure (404 when hidden)',
        params: idParams,
        response: { 200: disclosureSchema, ...errors },
      },
    },
    async (request) =>
      getDisclosure(identityCtx(ctx, request), actorOf(request), request.params.id),
  );

  app.post(
    '/disclosures',
    {
      config: access,
      schema: {
        tags,
        summary: 'Record a disclosure (a counselor about their own client; administrators)',
        body: disclosureInputSchema,
        response: { 201: disclosureSchema, ...errors },
      },
    },
    async (request, reply) => {
      const created = await recordDisclosure(
        identityCtx(ctx, request),
        actorOf(request),
        request.body,
      );
      return reply.status(201).send(created);
    },
  );

  app.post(
    '/disclosures/:id/approve',
    {
      config: access,
      schema: {
        tags,
        summary:
          'Approve an exception disclosure (a supervisor or administrator, not the recorder)',
        params: idParams,
        response: { 200: disclosureSchema, ...errors },
      },
    },
    async (request) =>
      approveDisclosure(identityCtx(ctx, request), actorOf(request), request.params.id),
  );
};
