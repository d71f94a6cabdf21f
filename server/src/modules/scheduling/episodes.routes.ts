import { episodeCloseSchema, episodeSchema } from '@anxin/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { problemResponses } from '../../platform/http/problem.ts';
import { actorOf } from '../identity/route-helpers.ts';
import { schedulingCtx } from './appointment-context.ts';
import { closeEpisode, listEpisodesFor } from './episode.service.ts';

const errors = problemResponses(400, 401, 403, 404, 409);
const tags = ['scheduling'];
const access = { access: 'signed-in' } as const;

/** Episodes of care (C1): opened by an intake, followed up, closed with a reason. */
export const episodesRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/episodes',
    {
      config: access,
      schema: {
        tags,
        summary: "Episodes of care: a counselor's own, or all (administrators)",
        querystring: z.object({ clientId: z.uuid().optional() }),
        response: { 200: z.object({ items: z.array(episodeSchema) }), ...errors },
      },
    },
    async (request) =>
      listEpisodesFor(schedulingCtx(ctx, request), actorOf(request), request.query),
  );

  app.post(
    '/episodes/:id/close',
    {
      config: access,
      schema: {
        tags,
        summary: 'Close an episode of care with a reason',
        params: z.object({ id: z.uuid() }),
        body: episodeCloseSchema,
        response: { 200: episodeSchema, ...errors },
      },
    },
    async (request) =>
      closeEpisode(
        schedulingCtx(ctx, request),
        actorOf(request),
        request.params.id,
        request.body.reason,
      ),
  );
};
