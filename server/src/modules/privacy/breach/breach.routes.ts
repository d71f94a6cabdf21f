import {
  breachIncidentListSchema,
  breachIncidentSchema,
  breachInputSchema,
  breachNotifyResultSchema,
  breachPatchSchema,
  breachReportSchema,
  breachScopePreviewSchema,
  breachScopeResultSchema,
  breachScopeSchema,
  breachSettingsSchema,
  breachStatusSchema,
} from '@anxin/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../../app-context.ts';
import { problemResponses } from '../../../platform/http/problem.ts';
import { actorOf, identityCtx } from '../../identity/route-helpers.ts';
import { notifyAffected } from './breach-notify.service.ts';
import { incidentReport, reportCsv } from './breach-report.ts';
import { readBreachSettings, updateBreachSettings } from './breach-settings.ts';
import {
  applyScope,
  createIncident,
  editIncident,
  getIncident,
  listIncidentsFor,
  previewScope,
  transitionIncident,
} from './breach.service.ts';

const errors = problemResponses(400, 401, 403, 404, 409);
const tags = ['privacy'];
const config = { access: 'signed-in' } as const;
const params = z.object({ id: z.uuid() });

/** The register of personal-information incidents (B12), for holders of `breach.manage`. */
export const breachRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/breach-incidents',
    {
      config,
      schema: {
        tags,
        summary: 'Incidents, newest first, with deadlines and overdue flags',
        response: { 200: breachIncidentListSchema, ...errors },
      },
    },
    async (request) => listIncidentsFor(identityCtx(ctx, request), actorOf(request)),
  );

  app.post(
    '/breach-incidents',
    {
      config,
      schema: {
        tags,
        summary: 'Register an incident; deadlines follow from its severity',
        body: breachInputSchema,
        response: { 201: breachIncidentSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createIncident(identityCtx(ctx, request), actorOf(request), request.body)),
  );

  app.get(
    '/breach-incidents/:id',
    {
      config,
      schema: {
        tags,
        summary: 'One incident',
        params,
        response: { 200: breachIncidentSchema, ...errors },
      },
    },
    async (request) => getIncident(identityCtx(ctx, request), actorOf(request), request.params.id),
  );

  app.patch(
    '/breach-incidents/:id',
    {
      config,
      schema: {
        tags,
        summary: 'Edit the facts (a new severity moves the deadlines)',
        params,
        body: breachPatchSchema,
        response: { 200: breachIncidentSchema, ...errors },
      },
    },
    async (request) =>
      editIncident(identityCtx(ctx, request), actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/breach-incidents/:id/transition',
    {
      config,
      schema: {
        tags,
        summary: 'Move the handling on: detected → assessed → notifying → reported → closed',
        params,
        body: z.object({ to: breachStatusSchema }),
        response: { 200: breachIncidentSchema, ...errors },
      },
    },
    async (request) =>
      transitionIncident(
        identityCtx(ctx, request),
        actorOf(request),
        request.params.id,
        request.body.to,
      ),
  );

  app.post(
    '/breach-incidents/:id/scope/preview',
    {
      config,
      schema: {
        tags,
        summary: 'How many people the audit trail shows in this scope (nothing recorded)',
        params,
        body: breachScopeSchema,
        response: { 200: breachScopePreviewSchema, ...errors },
      },
    },
    async (request) =>
      previewScope(identityCtx(ctx, request), actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/breach-incidents/:id/scope',
    {
      config,
      schema: {
        tags,
        summary: 'Record the people in this scope as affected',
        params,
        body: breachScopeSchema,
        response: { 200: breachScopeResultSchema, ...errors },
      },
    },
    async (request) =>
      applyScope(identityCtx(ctx, request), actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/breach-incidents/:id/notify',
    {
      config,
      schema: {
        tags,
        summary: 'Send the notice to every affected person not told yet (in-app and e-mail)',
        params,
        response: { 200: breachNotifyResultSchema, ...errors },
      },
    },
    async (request) =>
      notifyAffected(identityCtx(ctx, request), actorOf(request), request.params.id),
  );

  app.get(
    '/breach-incidents/:id/report',
    {
      config,
      schema: {
        tags,
        summary: "For the authority's report: facts, deadlines, counts (no one's identity)",
        params,
        response: { 200: breachReportSchema, ...errors },
      },
    },
    async (request) =>
      incidentReport(identityCtx(ctx, request), actorOf(request), request.params.id),
  );

  app.get(
    '/breach-incidents/:id/report.csv',
    {
      config,
      // No response schema: the body is CSV text.
      schema: { tags, summary: 'Affected counts by data category, as CSV', params },
    },
    async (request, reply) => {
      const report = await incidentReport(
        identityCtx(ctx, request),
        actorOf(request),
        request.params.id,
      );
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="breach-${report.incident.id}.csv"`)
        .send(reportCsv(report));
    },
  );

  app.get(
    '/settings/breach',
    {
      config,
      schema: {
        tags,
        summary: 'Breach deadlines per severity and the notice contact',
        response: { 200: breachSettingsSchema, ...errors },
      },
    },
    async (request) => readBreachSettings(identityCtx(ctx, request), actorOf(request)),
  );

  app.put(
    '/settings/breach',
    {
      config,
      schema: {
        tags,
        summary: 'Change the breach settings (audited)',
        body: breachSettingsSchema,
        response: { 200: breachSettingsSchema, ...errors },
      },
    },
    async (request) =>
      updateBreachSettings(identityCtx(ctx, request), actorOf(request), request.body),
  );
};
