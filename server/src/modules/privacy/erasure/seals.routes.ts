import {
  breakGlassGrantSchema,
  sealBreakGlassSchema,
  sealDetailSchema,
  sealListSchema,
} from '@anxin/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../../app-context.ts';
import { problemResponses } from '../../../platform/http/problem.ts';
import { actorOf, identityCtx } from '../../identity/route-helpers.ts';
import { listSeals, openSeal, readSeal } from './seal.service.ts';

const errors = problemResponses(400, 401, 403, 404, 409);
const idParams = z.object({ id: z.uuid() });

/** Sealed records (B9, B11): listed without content; read only through break-glass. */
export const sealsRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/seals',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['privacy'],
        summary: 'Seals of erased people (privacy officer; no content)',
        response: { 200: sealListSchema, ...errors },
      },
    },
    async (request) => ({ items: await listSeals(identityCtx(ctx, request), actorOf(request)) }),
  );

  app.post(
    '/seals/:id/break-glass',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['privacy'],
        summary: 'Open a seal for at most 60 minutes, with a reason (audited, administrators told)',
        params: idParams,
        body: sealBreakGlassSchema,
        response: { 201: breakGlassGrantSchema, ...errors },
      },
    },
    async (request, reply) => {
      const grant = await openSeal(
        identityCtx(ctx, request),
        actorOf(request),
        request.params.id,
        request.body,
      );
      return reply.status(201).send(grant);
    },
  );

  app.get(
    '/seals/:id',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['privacy'],
        summary: 'A seal with its content (only under an active break-glass grant; audited)',
        params: idParams,
        response: { 200: sealDetailSchema, ...errors },
      },
    },
    async (request) => readSeal(identityCtx(ctx, request), actorOf(request), request.params.id),
  );
};
