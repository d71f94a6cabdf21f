import { counselorSettingsSchema } from '@anxin/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.ts';
import { problemResponses } from '../../platform/http/problem.ts';
import { actorOf, identityCtx } from '../identity/route-helpers.ts';
import { readSettings, updateSettings } from './vocabulary.service.ts';

const errors = problemResponses(400, 401, 403);

/** The organisation's counselor settings: staff read them, administrators change them. */
export const counselorSettingsRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (
  app,
  { ctx },
) => {
  app.get(
    '/settings/counselors',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['counselors'],
        summary: 'Re-check cycle, yearly training hours, reminders, profile review period',
        response: { 200: counselorSettingsSchema, ...errors },
      },
    },
    async (request) => readSettings(ctx, actorOf(request)),
  );

  app.put(
    '/settings/counselors',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['counselors'],
        summary: 'Change the counselor settings (administrators; audited)',
        body: counselorSettingsSchema,
        response: { 200: counselorSettingsSchema, ...errors },
      },
    },
    async (request) => updateSettings(identityCtx(ctx, request), actorOf(request), request.body),
  );
};
