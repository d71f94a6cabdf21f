import { counselorProfileSchema, qualificationSchema } from '@anxin/common';
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
import { actorOf } from '../identity/route-helpers.ts';
import { counselorCtx } from './counselor-context.ts';
import { readPhoto, uploadPhoto } from './counselor.service.ts';
import { readQualificationFile, uploadQualificationFile } from './qualification.service.ts';

const errors = problemResponses(400, 401, 403, 404, 409);
const uploadErrors = problemResponses(400, 401, 403, 404, 409, 413, 415);
const idParams = z.object({ id: z.uuid() });
const qualificationParams = z.object({ id: z.uuid(), qid: z.uuid() });
const tags = ['counselors'];
const access = { access: 'signed-in' } as const;

/**
 * Uploads and downloads: a plugin of its own, so only these routes take raw bytes and the rest
 * of the API stays JSON-only. The bytes are sniffed, never trusted by name or Content-Type.
 */
export const counselorFileRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (
  app,
  { ctx },
) => {
  acceptRawUploads(app);

  app.put(
    '/counselor-profiles/:id/photo',
    {
      ...UPLOAD_ROUTE,
      config: access,
      schema: {
        tags,
        summary: 'Upload the portrait (JPEG or PNG, raw bytes, at most 10 MB)',
        params: idParams,
        response: { 200: counselorProfileSchema, ...uploadErrors },
      },
    },
    async (request) =>
      uploadPhoto(counselorCtx(ctx, request), actorOf(request), request.params.id, {
        bytes: uploadedBytes(request),
        name: uploadedName(request),
      }),
  );

  app.get(
    '/counselor-profiles/:id/photo',
    {
      config: access,
      schema: { tags, summary: 'The portrait', params: idParams, response: errors },
    },
    async (request, reply) => {
      const file = await readPhoto(counselorCtx(ctx, request), actorOf(request), request.params.id);
      return sendFile(reply, file, 'inline');
    },
  );

  app.put(
    '/counselor-profiles/:id/qualifications/:qid/file',
    {
      ...UPLOAD_ROUTE,
      config: access,
      schema: {
        tags,
        summary: 'Upload the certificate scan (PDF, JPEG or PNG, raw bytes, at most 10 MB)',
        params: qualificationParams,
        response: { 200: qualificationSchema, ...uploadErrors },
      },
    },
    async (request) =>
      uploadQualificationFile(
        counselorCtx(ctx, request),
        actorOf(request),
        request.params.id,
        request.params.qid,
        { bytes: uploadedBytes(request), name: uploadedName(request) },
      ),
  );

  app.get(
    '/counselor-profiles/:id/qualifications/:qid/file',
    {
      config: access,
      schema: {
        tags,
        summary: 'The certificate scan, as an attachment (audited read)',
        params: qualificationParams,
        response: errors,
      },
    },
    async (request, reply) => {
      const file = await readQualificationFile(
        counselorCtx(ctx, request),
        actorOf(request),
        request.params.id,
        request.params.qid,
      );
      return sendFile(reply, file, 'attachment');
    },
  );
};
