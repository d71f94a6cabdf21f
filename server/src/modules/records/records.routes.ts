import {
  addendumInputSchema,
  chartSchema,
  assignSupervisorInputSchema,
  clinicalRecordListSchema,
  clinicalRecordSchema,
  createRecordInputSchema,
  recordTemplateListSchema,
  recordVerificationSchema,
  saveDraftInputSchema,
  signRecordInputSchema,
  supervisorAssignmentListSchema,
  supervisorAssignmentSchema,
} from '@anxin/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { requestMeta } from '../../platform/audit/request-audit.ts';
import { problemResponses } from '../../platform/http/problem.ts';
import { actorOf } from '../identity/route-helpers.ts';
import { readChart } from './chart.service.ts';
import { exportFhir } from './fhir-export.service.ts';
import { presentTemplate } from './record.presenter.ts';
import { listActiveTemplates } from './record.repo.ts';
import {
  addAddendum,
  cosignRecord,
  createRecord,
  readRecord,
  saveDraft,
  signRecord,
} from './record.service.ts';
import { listClientRecords, verifyRecord } from './record-read.service.ts';
import { openSessionNote } from './session-note.service.ts';
import { assignSupervisor, endSupervision, listSupervisors } from './supervision.service.ts';

const errors = problemResponses(400, 401, 403, 404, 409);
const idParams = z.object({ id: z.uuid() });
const tags = ['records'];
const access = { access: 'signed-in' } as const;
const record = { 200: clinicalRecordSchema, ...errors };
/** The Bundle's resources are FHIR's, validated against the FHIR schema in the tests. */
const fhirBundleSchema = z.object({
  resourceType: z.literal('Bundle'),
  type: z.literal('collection'),
  timestamp: z.string(),
  entry: z.array(
    z.object({
      fullUrl: z.string(),
      resource: z.looseObject({ resourceType: z.string(), id: z.string() }),
    }),
  ),
});

/**
 * Clinical records (issue 8): templates, drafts with autosave, signature, addenda, co-signature,
 * chain verification; supervisors of counselors. A record the actor may not read answers 404.
 */
export const recordsRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const rctx = (request: Parameters<typeof requestMeta>[0]) => ({
    app: ctx,
    meta: requestMeta(request),
  });

  app.get(
    '/record-templates',
    {
      config: access,
      schema: {
        tags,
        summary: 'Active record templates',
        response: { 200: recordTemplateListSchema, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const rows = await listActiveTemplates(ctx.database.db, actor.organizationId);
      return { items: rows.map(presentTemplate) };
    },
  );

  app.post(
    '/records',
    {
      config: access,
      schema: {
        tags,
        summary: 'Start a record (a draft) for a client of the current episode',
        body: createRecordInputSchema,
        response: { 201: clinicalRecordSchema, ...errors },
      },
    },
    async (request, reply) => {
      const out = await createRecord(rctx(request), actorOf(request), request.body);
      return reply.code(201).send(out);
    },
  );

  app.post(
    '/appointments/:id/note',
    {
      config: access,
      schema: {
        tags,
        summary: 'The counselor’s note of an appointment: the existing one, else a new draft',
        params: idParams,
        response: record,
      },
    },
    async (request) => openSessionNote(rctx(request), actorOf(request), request.params.id),
  );

  app.get(
    '/records/:id',
    { config: access, schema: { tags, params: idParams, response: record } },
    async (request) => readRecord(rctx(request), actorOf(request), request.params.id),
  );

  app.put(
    '/records/:id/draft',
    {
      config: access,
      schema: {
        tags,
        summary: 'Autosave the draft',
        params: idParams,
        body: saveDraftInputSchema,
        response: record,
      },
    },
    async (request) => saveDraft(rctx(request), actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/records/:id/sign',
    {
      config: access,
      schema: {
        tags,
        summary: 'Sign the draft',
        params: idParams,
        body: signRecordInputSchema,
        response: record,
      },
    },
    async (request) =>
      signRecord(rctx(request), actorOf(request), request.params.id, request.body.revision),
  );

  app.post(
    '/records/:id/addenda',
    {
      config: access,
      schema: {
        tags,
        summary: 'Amend a signed record: a new version with a reason',
        params: idParams,
        body: addendumInputSchema,
        response: record,
      },
    },
    async (request) =>
      addAddendum(rctx(request), actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/records/:id/cosign',
    {
      config: access,
      schema: { tags, summary: 'Co-sign a trainee’s record', params: idParams, response: record },
    },
    async (request) => cosignRecord(rctx(request), actorOf(request), request.params.id),
  );

  app.get(
    '/records/:id/verification',
    {
      config: access,
      schema: {
        tags,
        summary: 'Recompute the version chain from the content',
        params: idParams,
        response: { 200: recordVerificationSchema, ...errors },
      },
    },
    async (request) => verifyRecord(rctx(request), actorOf(request), request.params.id),
  );

  app.get(
    '/clients/:id/records',
    {
      config: access,
      schema: {
        tags,
        summary: 'The records of a client that the caller may read',
        params: idParams,
        response: { 200: clinicalRecordListSchema, ...errors },
      },
    },
    async (request) => listClientRecords(rctx(request), actorOf(request), request.params.id),
  );

  app.get(
    '/clients/:id/chart',
    {
      config: access,
      schema: {
        tags,
        summary: 'The chart of a client: episodes, appointments, records, questionnaires, trends',
        params: idParams,
        response: { 200: chartSchema, ...errors },
      },
    },
    async (request) => readChart(rctx(request), actorOf(request), request.params.id),
  );

  app.get(
    '/clients/:id/fhir',
    {
      config: access,
      schema: {
        tags,
        summary: 'FHIR R4 Bundle of the client’s Appointments and QuestionnaireResponses',
        params: idParams,
        response: { 200: fhirBundleSchema, ...errors },
      },
    },
    async (request) => exportFhir(rctx(request), actorOf(request), request.params.id),
  );

  const supervisorParams = z.object({ id: z.uuid(), userId: z.uuid() });
  app.get(
    '/counselors/:id/supervisors',
    {
      config: access,
      schema: {
        tags,
        params: idParams,
        response: { 200: supervisorAssignmentListSchema, ...errors },
      },
    },
    async (request) => listSupervisors(rctx(request), actorOf(request), request.params.id),
  );
  app.post(
    '/counselors/:id/supervisors',
    {
      config: access,
      schema: {
        tags,
        summary: 'Name a supervisor of the counselor',
        params: idParams,
        body: assignSupervisorInputSchema,
        response: { 201: supervisorAssignmentSchema, ...errors },
      },
    },
    async (request, reply) => {
      const out = await assignSupervisor(
        rctx(request),
        actorOf(request),
        request.params.id,
        request.body.supervisorUserId,
      );
      return reply.code(201).send(out);
    },
  );
  app.delete(
    '/counselors/:id/supervisors/:userId',
    {
      config: access,
      schema: { tags, params: supervisorParams, response: { 204: z.null(), ...errors } },
    },
    async (request, reply) => {
      await endSupervision(
        rctx(request),
        actorOf(request),
        request.params.id,
        request.params.userId,
      );
      return reply.code(204).send(null);
    },
  );
};
