import { erasureCertificateSchema } from '@anxin/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../../app-context.ts';
import { problemResponses } from '../../../platform/http/problem.ts';
import { actorOf, identityCtx } from '../../identity/route-helpers.ts';
import { eraseForRequest } from './erasure-request.service.ts';

const errors = problemResponses(400, 401, 403, 404, 409);

/** Carrying out a deletion request (B11): the erasure and its certificate. */
export const erasureRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.post(
    '/privacy-requests/:id/erase',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['privacy'],
        summary: 'Erase the subject of a deletion request; answers with the certificate',
        params: z.object({ id: z.uuid() }),
        response: { 200: erasureCertificateSchema, ...errors },
      },
    },
    async (request) =>
      eraseForRequest(identityCtx(ctx, request), actorOf(request), request.params.id),
  );
};
