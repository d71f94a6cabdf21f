import { relationshipInputSchema, relationshipListSchema, relationshipSchema } from '@anxin/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { problemResponses } from '../../platform/http/problem.ts';
import { actorOf, identityCtx } from '../identity/route-helpers.ts';
import {
  declareRelationship,
  endRelationship,
  listRelationships,
} from './relationships.service.ts';

const errors = problemResponses(400, 401, 403, 404, 409);
const profileParams = z.object({ id: z.uuid() });
const relationshipParams = z.object({ id: z.uuid(), rid: z.uuid() });

/**
 * Declared dual relationships (C2): the counselor and administrators read them (audited); only
 * the counselor declares or ends one.
 */
export const relationshipsRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (
  app,
  { ctx },
) => {
  app.get(
    '/counselor-profiles/:id/relationships',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['counselors'],
        summary: 'Declared dual relationships (audited read)',
        params: profileParams,
        response: { 200: relationshipListSchema, ...errors },
      },
    },
    async (request) =>
      listRelationships(identityCtx(ctx, request), actorOf(request), request.params.id),
  );

  app.post(
    '/counselor-profiles/:id/relationships',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['counselors'],
        summary:
          'Declare a dual relationship (the answer never says whether the person is a client)',
        params: profileParams,
        body: relationshipInputSchema,
        response: { 201: relationshipSchema, ...errors },
      },
    },
    async (request, reply) => {
      const created = await declareRelationship(
        identityCtx(ctx, request),
        actorOf(request),
        request.params.id,
        request.body,
      );
      return reply.status(201).send(created);
    },
  );

  app.post(
    '/counselor-profiles/:id/relationships/:rid/end',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['counselors'],
        summary: 'End a declared relationship',
        params: relationshipParams,
        response: { 200: relationshipSchema, ...errors },
      },
    },
    async (request) =>
      endRelationship(
        identityCtx(ctx, request),
        actorOf(request),
        request.params.id,
        request.params.rid,
      ),
  );
};
