import {
  privacyRequestAnswerSchema,
  privacyRequestAssignSchema,
  privacyRequestCreateSchema,
  privacyRequestListSchema,
  privacyRequestQueueQuerySchema,
  privacyRequestSchema,
  privacyRequestTransitionSchema,
  workingDayExceptionCreateSchema,
  workingDayExceptionListSchema,
  workingDayExceptionQuerySchema,
  workingDayExceptionSchema,
} from '@anxin/common';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../../app-context.ts';
import { requestMeta } from '../../../platform/audit/request-audit.ts';
import { problemResponses } from '../../../platform/http/problem.ts';
import { actorOf } from '../../identity/route-helpers.ts';
import {
  answerRequest,
  assignHandler,
  createOwnRequest,
  listOwnRequests,
  listQueue,
  readRequest,
  transitionRequest,
  type PrivacyContext,
} from './privacy-requests.service.ts';
import { addException, listCalendar, removeException } from './working-calendar.service.ts';

const errors = problemResponses(400, 401, 403, 404, 409);
const tags = ['privacy'];
const access = { access: 'signed-in' } as const;
const idParams = z.object({ id: z.uuid() });

const privacyCtx = (app: AppContext, request: FastifyRequest): PrivacyContext => ({
  app,
  meta: requestMeta(request),
});

/**
 * Data-subject requests (B11) and the working-day calendar their due dates count on. Carrying
 * out a deletion is the erasure module's route (`POST /privacy-requests/:id/erase`).
 */
export const privacyRequestsRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (
  app,
  { ctx },
) => {
  app.post(
    '/privacy-requests',
    {
      config: access,
      schema: {
        tags,
        summary: 'File a request about my data (access, correction, deletion, withdrawal)',
        body: privacyRequestCreateSchema,
        response: { 201: privacyRequestSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createOwnRequest(privacyCtx(ctx, request), actorOf(request), request.body)),
  );

  app.get(
    '/privacy-requests/mine',
    {
      config: access,
      schema: {
        tags,
        summary: 'My requests with their status, due date and answer',
        response: { 200: privacyRequestListSchema, ...errors },
      },
    },
    async (request) => listOwnRequests(privacyCtx(ctx, request), actorOf(request)),
  );

  app.get(
    '/privacy-requests',
    {
      config: access,
      schema: {
        tags,
        summary: 'The handlers’ queue: overdue first, then by due date',
        querystring: privacyRequestQueueQuerySchema,
        response: { 200: privacyRequestListSchema, ...errors },
      },
    },
    async (request) => listQueue(privacyCtx(ctx, request), actorOf(request), request.query),
  );

  app.get(
    '/privacy-requests/:id',
    {
      config: access,
      schema: {
        tags,
        summary: 'One request (its subject, or a handler)',
        params: idParams,
        response: { 200: privacyRequestSchema, ...errors },
      },
    },
    async (request) => readRequest(privacyCtx(ctx, request), actorOf(request), request.params.id),
  );

  app.post(
    '/privacy-requests/:id/assign',
    {
      config: access,
      schema: {
        tags,
        summary: 'Assign a handler (a received request starts)',
        params: idParams,
        body: privacyRequestAssignSchema,
        response: { 200: privacyRequestSchema, ...errors },
      },
    },
    async (request) =>
      assignHandler(
        privacyCtx(ctx, request),
        actorOf(request),
        request.params.id,
        request.body.handlerUserId,
      ),
  );

  app.put(
    '/privacy-requests/:id/answer',
    {
      config: access,
      schema: {
        tags,
        summary: 'Write the answer to an open request',
        params: idParams,
        body: privacyRequestAnswerSchema,
        response: { 200: privacyRequestSchema, ...errors },
      },
    },
    async (request) =>
      answerRequest(
        privacyCtx(ctx, request),
        actorOf(request),
        request.params.id,
        request.body.answer,
      ),
  );

  app.post(
    '/privacy-requests/:id/transition',
    {
      config: access,
      schema: {
        tags,
        summary: 'Start, complete or reject (with a reason) a request',
        params: idParams,
        body: privacyRequestTransitionSchema,
        response: { 200: privacyRequestSchema, ...errors },
      },
    },
    async (request) =>
      transitionRequest(
        privacyCtx(ctx, request),
        actorOf(request),
        request.params.id,
        request.body,
      ),
  );

  app.get(
    '/working-days',
    {
      config: access,
      schema: {
        tags,
        summary: 'The working-day calendar: holidays and make-up working days',
        querystring: workingDayExceptionQuerySchema,
        response: { 200: workingDayExceptionListSchema, ...errors },
      },
    },
    async (request) => listCalendar(privacyCtx(ctx, request), actorOf(request), request.query),
  );

  app.post(
    '/working-days',
    {
      config: access,
      schema: {
        tags,
        summary: 'Add a holiday or a make-up working day',
        body: workingDayExceptionCreateSchema,
        response: { 201: workingDayExceptionSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await addException(privacyCtx(ctx, request), actorOf(request), request.body)),
  );

  app.delete(
    '/working-days/:id',
    {
      config: access,
      schema: {
        tags,
        summary: 'Remove an exception from the calendar',
        params: idParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await removeException(privacyCtx(ctx, request), actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
};
