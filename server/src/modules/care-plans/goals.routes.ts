import {
  careListQuerySchema,
  goalInputSchema,
  goalListSchema,
  goalRevisionInputSchema,
  goalSchema,
  goalStatusInputSchema,
  progressReviewInputSchema,
} from '@anxin/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { requestMeta } from '../../platform/audit/request-audit.ts';
import { problemResponses } from '../../platform/http/problem.ts';
import { actorOf } from '../identity/route-helpers.ts';
import { listClientGoals, readGoal } from './goal-read.service.ts';
import { changeGoalStatus, createGoal, reviewGoal, reviseGoal } from './goal.service.ts';

const errors = problemResponses(400, 401, 403, 404, 409);
const idParams = z.object({ id: z.uuid() });
const tags = ['care-plans'];
const access = { access: 'signed-in' } as const;
const goal = { 200: goalSchema, ...errors };

/**
 * Treatment goals and progress reviews (C4). A goal the actor may not read answers 404; one they
 * read but may not change answers 403; a change the goal's state does not allow answers 409.
 */
export const goalsRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const cctx = (request: Parameters<typeof requestMeta>[0]) => ({
    app: ctx,
    meta: requestMeta(request),
  });

  app.post(
    '/goals',
    {
      config: access,
      schema: {
        tags,
        summary: 'Set a measurable goal in the current episode',
        body: goalInputSchema,
        response: { 201: goalSchema, ...errors },
      },
    },
    async (request, reply) => {
      const out = await createGoal(cctx(request), actorOf(request), request.body);
      return reply.code(201).send(out);
    },
  );

  app.get(
    '/goals/:id',
    { config: access, schema: { tags, params: idParams, response: goal } },
    async (request) => readGoal(cctx(request), actorOf(request), request.params.id),
  );

  app.post(
    '/goals/:id/reviews',
    {
      config: access,
      schema: {
        tags,
        summary: 'Add a progress review (append-only)',
        params: idParams,
        body: progressReviewInputSchema,
        response: goal,
      },
    },
    async (request) => reviewGoal(cctx(request), actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/goals/:id/status',
    {
      config: access,
      schema: {
        tags,
        summary: 'Mark an active goal achieved or discontinued',
        params: idParams,
        body: goalStatusInputSchema,
        response: goal,
      },
    },
    async (request) =>
      changeGoalStatus(cctx(request), actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/goals/:id/revisions',
    {
      config: access,
      schema: {
        tags,
        summary: 'Revise a goal: a new goal replaces it, the old one stays as written',
        params: idParams,
        body: goalRevisionInputSchema,
        response: { 201: goalSchema, ...errors },
      },
    },
    async (request, reply) => {
      const out = await reviseGoal(
        cctx(request),
        actorOf(request),
        request.params.id,
        request.body,
      );
      return reply.code(201).send(out);
    },
  );

  app.get(
    '/clients/:id/goals',
    {
      config: access,
      schema: {
        tags,
        summary: 'The goals of a client that the caller may read',
        params: idParams,
        querystring: careListQuerySchema,
        response: { 200: goalListSchema, ...errors },
      },
    },
    async (request) =>
      listClientGoals(cctx(request), actorOf(request), request.params.id, request.query.episodeId),
  );
};
