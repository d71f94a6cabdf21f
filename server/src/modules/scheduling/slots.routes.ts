import { slotListSchema, slotQuerySchema } from '@anxin/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { problemResponses } from '../../platform/http/problem.ts';
import { signedInActorOf } from '../counselors/directory.service.ts';
import { searchSlots } from './slot-search.service.ts';

const errors = problemResponses(400, 404, 409);
const idParams = z.object({ id: z.uuid() });

/** Open slots of a listed counselor (A4), in the counselor's zone; the web shows local times. */
export const slotsRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/counselors/:id/slots',
    {
      config: { access: 'public' },
      schema: {
        tags: ['scheduling'],
        summary: 'Bookable start times of a listed counselor',
        params: idParams,
        querystring: slotQuerySchema,
        response: { 200: slotListSchema, ...errors },
      },
    },
    async (request) => searchSlots(ctx, signedInActorOf(request), request.params.id, request.query),
  );
};
