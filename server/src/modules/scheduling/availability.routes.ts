import { availabilityInputSchema, availabilitySchema } from '@anxin/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { problemResponses } from '../../platform/http/problem.ts';
import { actorOf, identityCtx } from '../identity/route-helpers.ts';
import { readAvailability, writeAvailability } from './availability.service.ts';

const errors = problemResponses(400, 401, 403, 404);
const idParams = z.object({ id: z.uuid() });

/** A counselor's weekly openings and date overrides (A4): the owner and administrators. */
export const availabilityRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (
  app,
  { ctx },
) => {
  app.get(
    '/counselor-profiles/:id/availability',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['scheduling'],
        summary: 'Weekly rules, overrides from today on, and the time zone they are in',
        params: idParams,
        response: { 200: availabilitySchema, ...errors },
      },
    },
    async (request) => readAvailability(ctx, actorOf(request), request.params.id),
  );

  app.put(
    '/counselor-profiles/:id/availability',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['scheduling'],
        summary: 'Replace the weekly rules and overrides (audited)',
        params: idParams,
        body: availabilityInputSchema,
        response: { 200: availabilitySchema, ...errors },
      },
    },
    async (request) =>
      writeAvailability(
        identityCtx(ctx, request),
        actorOf(request),
        request.params.id,
        request.body,
      ),
  );
};
