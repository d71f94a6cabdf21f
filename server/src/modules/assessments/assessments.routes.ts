import {
  assessmentResultListSchema,
  assessmentTaskListSchema,
  assessmentTaskSchema,
  assignAssessmentInputSchema,
  submitAssessmentInputSchema,
} from '@anxin/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { requestMeta } from '../../platform/audit/request-audit.ts';
import { problemResponses } from '../../platform/http/problem.ts';
import { actorOf } from '../identity/route-helpers.ts';
import {
  assignAssessment,
  listClientAssessments,
  listMyAssessments,
  readMyAssessment,
  submitAssessment,
} from './assessment.service.ts';

const errors = problemResponses(400, 401, 403, 404, 409);
const idParams = z.object({ id: z.uuid() });
const tags = ['assessments'];
const access = { access: 'signed-in' } as const;

/** Standard assessments (issue 8.4): assignment, the client's filling in, results for staff. */
export const assessmentsRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (
  app,
  { ctx },
) => {
  const actx = (request: Parameters<typeof requestMeta>[0]) => ({
    app: ctx,
    meta: requestMeta(request),
  });

  app.post(
    '/assessments',
    {
      config: access,
      schema: {
        tags,
        summary: 'Assign a questionnaire to a client of the current episode',
        body: assignAssessmentInputSchema,
        response: { 201: assessmentTaskSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await assignAssessment(actx(request), actorOf(request), request.body)),
  );

  app.get(
    '/me/assessments',
    { config: access, schema: { tags, response: { 200: assessmentTaskListSchema, ...errors } } },
    async (request) => listMyAssessments(actx(request), actorOf(request)),
  );

  app.get(
    '/me/assessments/:id',
    {
      config: access,
      schema: { tags, params: idParams, response: { 200: assessmentTaskSchema, ...errors } },
    },
    async (request) => readMyAssessment(actx(request), actorOf(request), request.params.id),
  );

  app.post(
    '/me/assessments/:id/answers',
    {
      config: access,
      schema: {
        tags,
        summary: 'Submit the answers (scored by the server)',
        params: idParams,
        body: submitAssessmentInputSchema,
        response: { 200: assessmentTaskSchema, ...errors },
      },
    },
    async (request) =>
      submitAssessment(actx(request), actorOf(request), request.params.id, request.body.answers),
  );

  app.get(
    '/clients/:id/assessments',
    {
      config: access,
      schema: {
        tags,
        summary: 'A client’s questionnaires with answers and scores',
        params: idParams,
        response: { 200: assessmentResultListSchema, ...errors },
      },
    },
    async (request) => listClientAssessments(actx(request), actorOf(request), request.params.id),
  );
};
