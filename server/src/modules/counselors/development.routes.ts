import {
  ceShortfallListSchema,
  developmentQuerySchema,
  developmentSummarySchema,
  supervisionSessionInputSchema,
  supervisionSessionSchema,
  trainingRecordInputSchema,
  trainingRecordSchema,
} from '@anxin/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import {
  acceptRawUploads,
  sendFile,
  UPLOAD_ROUTE,
  uploadedBytes,
  uploadedName,
} from '../../platform/files/upload-route.ts';
import { problemResponses } from '../../platform/http/problem.ts';
import { actorOf, identityCtx } from '../identity/route-helpers.ts';
import {
  addSupervision,
  addTraining,
  attachEvidence,
  readDevelopment,
  readEvidence,
  readShortfall,
  removeSupervision,
  removeTraining,
} from './development.service.ts';

const errors = problemResponses(400, 401, 403, 404);
const profileParams = z.object({ id: z.uuid() });
const trainingParams = z.object({ id: z.uuid(), tid: z.uuid() });
const supervisionParams = z.object({ id: z.uuid(), sid: z.uuid() });
const PROFILE = '/counselor-profiles/:id';

/** The evidence upload: raw bytes, in its own scope so the rest of the API stays JSON-only. */
const evidenceUploadRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  acceptRawUploads(app);
  app.put(
    `${PROFILE}/training/:tid/evidence`,
    {
      ...UPLOAD_ROUTE,
      config: { access: 'signed-in' },
      schema: {
        tags: ['counselors'],
        summary: 'Attach a certificate of attendance (PDF, JPEG or PNG, sniffed; ≤ 10 MB)',
        params: trainingParams,
        response: { 200: trainingRecordSchema, ...problemResponses(400, 401, 403, 404, 413, 415) },
      },
    },
    async (request) =>
      attachEvidence(
        identityCtx(ctx, request),
        actorOf(request),
        { profileId: request.params.id, trainingId: request.params.tid },
        { bytes: uploadedBytes(request), name: uploadedName(request) },
      ),
  );
};

/**
 * Continuing education and supervision received (C5): the counselor keeps them, administrators
 * read them and see who falls short of the yearly requirement.
 */
export const developmentRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (
  app,
  { ctx },
) => {
  app.get(
    `${PROFILE}/development`,
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['counselors'],
        summary: "A year's training and supervision against the requirement (audited read)",
        params: profileParams,
        querystring: developmentQuerySchema,
        response: { 200: developmentSummarySchema, ...errors },
      },
    },
    async (request) =>
      readDevelopment(
        identityCtx(ctx, request),
        actorOf(request),
        request.params.id,
        request.query.year,
      ),
  );

  app.post(
    `${PROFILE}/training`,
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['counselors'],
        params: profileParams,
        body: trainingRecordInputSchema,
        response: { 201: trainingRecordSchema, ...errors },
      },
    },
    async (request, reply) => {
      const record = await addTraining(
        identityCtx(ctx, request),
        actorOf(request),
        request.params.id,
        request.body,
      );
      return reply.status(201).send(record);
    },
  );

  app.delete(
    `${PROFILE}/training/:tid`,
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['counselors'],
        params: trainingParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      const { id, tid } = request.params;
      await removeTraining(identityCtx(ctx, request), actorOf(request), id, tid);
      return reply.status(204).send(null);
    },
  );

  app.get(
    `${PROFILE}/training/:tid/evidence`,
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['counselors'],
        summary: 'Download the evidence (attachment; audited read)',
        params: trainingParams,
        response: errors,
      },
    },
    async (request, reply) => {
      const { id, tid } = request.params;
      const file = await readEvidence(identityCtx(ctx, request), actorOf(request), {
        profileId: id,
        trainingId: tid,
      });
      return sendFile(reply, file, 'attachment');
    },
  );

  app.post(
    `${PROFILE}/supervision`,
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['counselors'],
        params: profileParams,
        body: supervisionSessionInputSchema,
        response: { 201: supervisionSessionSchema, ...errors },
      },
    },
    async (request, reply) => {
      const session = await addSupervision(
        identityCtx(ctx, request),
        actorOf(request),
        request.params.id,
        request.body,
      );
      return reply.status(201).send(session);
    },
  );

  app.delete(
    `${PROFILE}/supervision/:sid`,
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['counselors'],
        params: supervisionParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      const { id, sid } = request.params;
      await removeSupervision(identityCtx(ctx, request), actorOf(request), id, sid);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/counselor-development/shortfall',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['counselors'],
        summary: 'Counselors below the yearly training requirement (administrators)',
        querystring: developmentQuerySchema,
        response: { 200: ceShortfallListSchema, ...errors },
      },
    },
    async (request) => readShortfall(ctx, actorOf(request), request.query.year),
  );

  await app.register(evidenceUploadRoutes, { ctx });
};
