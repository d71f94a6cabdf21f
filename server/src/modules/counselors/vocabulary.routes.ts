import {
  vocabularyCreateSchema,
  vocabularyListSchema,
  vocabularyQuerySchema,
  vocabularyTermSchema,
  vocabularyUpdateSchema,
} from '@anxin/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { problemResponses } from '../../platform/http/problem.ts';
import { actorOf, identityCtx } from '../identity/route-helpers.ts';
import { counselorSettingsRoutes } from './counselor-settings.routes.ts';
import { signedInActorOf } from './directory.service.ts';
import { createTerm, editTerm, listVocabulary } from './vocabulary.service.ts';

const errors = problemResponses(400, 401, 403, 404, 409);
const idParams = z.object({ id: z.uuid() });

/** Controlled vocabularies, and (registered from here) the module's settings. */
export const vocabularyRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (
  app,
  { ctx },
) => {
  app.get(
    '/vocabularies',
    {
      config: { access: 'public' },
      schema: {
        tags: ['counselors'],
        summary: 'Vocabulary terms (retired ones only for administrators who ask)',
        querystring: vocabularyQuerySchema,
        response: { 200: vocabularyListSchema, ...errors },
      },
    },
    async (request) => listVocabulary(ctx, signedInActorOf(request), request.query),
  );

  app.post(
    '/vocabularies',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['counselors'],
        summary: 'Add a term (administrators; audited)',
        body: vocabularyCreateSchema,
        response: { 201: vocabularyTermSchema, ...errors },
      },
    },
    async (request, reply) => {
      const term = await createTerm(identityCtx(ctx, request), actorOf(request), request.body);
      return reply.status(201).send(term);
    },
  );

  app.patch(
    '/vocabularies/:id',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['counselors'],
        summary: 'Edit or retire a term (`active: false`; terms are never deleted)',
        params: idParams,
        body: vocabularyUpdateSchema,
        response: { 200: vocabularyTermSchema, ...errors },
      },
    },
    async (request) =>
      editTerm(identityCtx(ctx, request), actorOf(request), request.params.id, request.body),
  );

  await app.register(counselorSettingsRoutes, { ctx });
};
