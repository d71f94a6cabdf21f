import {
  schedulingSettingsSchema,
  sessionTypeInputSchema,
  sessionTypeListSchema,
  sessionTypeSchema,
} from '@anxin/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { problemResponses } from '../../platform/http/problem.ts';
import { signedInActorOf } from '../counselors/directory.service.ts';
import { actorOf, identityCtx } from '../identity/route-helpers.ts';
import { readSchedulingSettings, updateSchedulingSettings } from './scheduling-settings.service.ts';
import { createSessionType, editSessionType, listSessionTypes } from './session-types.service.ts';

const errors = problemResponses(400, 401, 403, 404, 409);
const idParams = z.object({ id: z.uuid() });
const typesQuery = z.object({ includeInactive: z.stringbool().default(false) });
// A patch names only what changes: no defaults (they would reset fields), and no code (appointments
// refer to their type by it).
const sessionTypePatchSchema = sessionTypeInputSchema
  .omit({ code: true, active: true, sortOrder: true })
  .partial()
  .extend({
    active: z.boolean().optional(),
    sortOrder: z.number().int().min(0).max(10_000).optional(),
  });

/** Scheduling settings (A4, A5) and session types (C1). */
export const schedulingSettingsRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (
  app,
  { ctx },
) => {
  app.get(
    '/settings/scheduling',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['scheduling'],
        summary: 'Cancellation window, no-show rules, notice, horizon, slot step',
        response: { 200: schedulingSettingsSchema, ...errors },
      },
    },
    async (request) => readSchedulingSettings(ctx, actorOf(request)),
  );

  app.put(
    '/settings/scheduling',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['scheduling'],
        summary: 'Change the scheduling settings (administrators; audited)',
        body: schedulingSettingsSchema,
        response: { 200: schedulingSettingsSchema, ...errors },
      },
    },
    async (request) =>
      updateSchedulingSettings(identityCtx(ctx, request), actorOf(request), request.body),
  );

  app.get(
    '/session-types',
    {
      config: { access: 'public' },
      schema: {
        tags: ['scheduling'],
        summary: 'Session types (inactive ones only for administrators who ask)',
        querystring: typesQuery,
        response: { 200: sessionTypeListSchema, ...errors },
      },
    },
    async (request) =>
      listSessionTypes(ctx, signedInActorOf(request), request.query.includeInactive),
  );

  app.post(
    '/session-types',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['scheduling'],
        summary: 'Add a session type (administrators; audited)',
        body: sessionTypeInputSchema,
        response: { 201: sessionTypeSchema, ...errors },
      },
    },
    async (request, reply) => {
      const row = await createSessionType(
        identityCtx(ctx, request),
        actorOf(request),
        request.body,
      );
      return reply.status(201).send(row);
    },
  );

  app.patch(
    '/session-types/:id',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['scheduling'],
        summary: 'Edit or retire a session type (one active intake type must remain)',
        params: idParams,
        body: sessionTypePatchSchema,
        response: { 200: sessionTypeSchema, ...errors },
      },
    },
    async (request) =>
      editSessionType(identityCtx(ctx, request), actorOf(request), request.params.id, request.body),
  );
};
