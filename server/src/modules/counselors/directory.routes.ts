import {
  directoryCounselorDetailSchema,
  directoryPageSchema,
  directoryQuerySchema,
} from '@anxin/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { sendFile } from '../../platform/files/upload-route.ts';
import { problemResponses } from '../../platform/http/problem.ts';
import {
  readDirectoryCounselor,
  readDirectoryPhoto,
  searchDirectory,
  signedInActorOf,
} from './directory.service.ts';

const errors = problemResponses(400, 404);
const idParams = z.object({ id: z.uuid() });

/**
 * The public counselor directory (A7): listable counselors only, public fields only. Open to
 * visitors, so a client can choose before registering.
 */
export const directoryRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/directory/counselors',
    {
      config: { access: 'public' },
      schema: {
        tags: ['directory'],
        summary: 'Search listable counselors',
        querystring: directoryQuerySchema,
        response: { 200: directoryPageSchema, ...errors },
      },
    },
    async (request) => searchDirectory(ctx, signedInActorOf(request), request.query),
  );

  app.get(
    '/directory/counselors/:id',
    {
      config: { access: 'public' },
      schema: {
        tags: ['directory'],
        summary: 'One listable counselor',
        params: idParams,
        response: { 200: directoryCounselorDetailSchema, ...errors },
      },
    },
    async (request) => readDirectoryCounselor(ctx, signedInActorOf(request), request.params.id),
  );

  app.get(
    '/directory/counselors/:id/photo',
    {
      config: { access: 'public' },
      schema: {
        tags: ['directory'],
        summary: "A listable counselor's photo (JPEG or PNG)",
        params: idParams,
        response: errors,
      },
    },
    async (request, reply) => {
      const file = await readDirectoryPhoto(ctx, signedInActorOf(request), request.params.id);
      return sendFile(reply, file, 'inline');
    },
  );
};
