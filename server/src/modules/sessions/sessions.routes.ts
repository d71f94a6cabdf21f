import { conductReportInputSchema, endRoomSchema, roomSchema } from '@anxin/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { requestMeta } from '../../platform/audit/request-audit.ts';
import { problemResponses } from '../../platform/http/problem.ts';
import { actorOf } from '../identity/route-helpers.ts';
import {
  conductReportListSchema,
  conductReportSchema,
  conductReportSummarySchema,
} from './conduct.presenter.ts';
import {
  closeConductReport,
  listConductReports,
  readConductReport,
  reportConduct,
} from './conduct.service.ts';
import { listOpenRiskSignals, riskSignalListSchema } from './risk.service.ts';
import { endRoom, readRoom, roomForAppointment } from './room.service.ts';

const errors = problemResponses(400, 401, 403, 404, 409);
const idParams = z.object({ id: z.uuid() });
const tags = ['sessions'];
const access = { access: 'signed-in' } as const;

/**
 * Session rooms (issue 7), conduct reports (A6) and risk signals over REST; the chat and the
 * WebRTC signalling ride the room's socket (socket.routes). A room the actor has no place in
 * answers 404 like a missing one.
 */
export const sessionsRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const rctx = (request: Parameters<typeof requestMeta>[0]) => ({
    app: ctx,
    meta: requestMeta(request),
  });
  const room = { 200: roomSchema, ...errors };

  for (const method of ['get', 'post'] as const) {
    app[method](
      '/appointments/:id/room',
      {
        config: access,
        schema: {
          tags,
          summary: 'The session room of an appointment (made on first asking)',
          params: idParams,
          response: room,
        },
      },
      async (request) => roomForAppointment(rctx(request), actorOf(request), request.params.id),
    );
  }

  app.get(
    '/rooms/:id',
    { config: access, schema: { tags, params: idParams, response: room } },
    async (request) => readRoom(rctx(request), actorOf(request), request.params.id),
  );

  app.post(
    '/rooms/:id/end',
    {
      config: access,
      schema: {
        tags,
        summary: 'End the session (the counselor): completed or abusive',
        params: idParams,
        body: endRoomSchema,
        response: room,
      },
    },
    async (request) =>
      endRoom(rctx(request), actorOf(request), request.params.id, request.body.reason),
  );

  app.post(
    '/rooms/:id/reports',
    {
      config: access,
      schema: {
        tags,
        summary: 'Report a message or behaviour to administrators (A6)',
        params: idParams,
        body: conductReportInputSchema,
        response: { 201: conductReportSummarySchema, ...errors },
      },
    },
    async (request, reply) => {
      const report = await reportConduct(
        rctx(request),
        actorOf(request),
        request.params.id,
        request.body,
      );
      return reply.status(201).send(report);
    },
  );

  app.get(
    '/conduct-reports',
    {
      config: access,
      schema: {
        tags,
        querystring: z.object({
          status: z.enum(['open', 'reviewing', 'closed']).default('open'),
        }),
        response: { 200: conductReportListSchema, ...errors },
      },
    },
    async (request) => listConductReports(rctx(request), actorOf(request), request.query.status),
  );

  app.get(
    '/conduct-reports/:id',
    {
      config: access,
      schema: { tags, params: idParams, response: { 200: conductReportSchema, ...errors } },
    },
    async (request) => readConductReport(rctx(request), actorOf(request), request.params.id),
  );

  app.post(
    '/conduct-reports/:id/close',
    {
      config: access,
      schema: { tags, params: idParams, response: { 200: conductReportSummarySchema, ...errors } },
    },
    async (request) => closeConductReport(rctx(request), actorOf(request), request.params.id),
  );

  app.get(
    '/risk-signals',
    {
      config: access,
      schema: {
        tags,
        summary: 'Open risk signals (supervisors, administrators)',
        response: { 200: riskSignalListSchema, ...errors },
      },
    },
    async (request) => listOpenRiskSignals(rctx(request), actorOf(request)),
  );
};
