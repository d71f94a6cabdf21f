import {
  legalHoldCreateSchema,
  legalHoldListSchema,
  legalHoldSchema,
  retentionSettingsSchema,
} from '@anxin/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../../app-context.ts';
import { problemResponses } from '../../../platform/http/problem.ts';
import { actorOf, identityCtx } from '../../identity/route-helpers.ts';
import { listLegalHolds, placeLegalHold, releaseLegalHold } from './legal-hold.service.ts';
import { getRetentionSettings, updateRetentionSettings } from './retention-settings.service.ts';

const errors = problemResponses(400, 401, 403, 404, 409);

/** Retention periods per record type and legal holds (B9). Administrators. */
export const retentionRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/settings/retention',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['privacy'],
        summary: 'Retention floor and ceiling (days) per record type',
        response: { 200: retentionSettingsSchema, ...errors },
      },
    },
    async (request) => getRetentionSettings(identityCtx(ctx, request), actorOf(request)),
  );

  app.put(
    '/settings/retention',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['privacy'],
        summary: 'Change the retention periods (ceiling ≥ floor; audited)',
        body: retentionSettingsSchema,
        response: { 200: retentionSettingsSchema, ...errors },
      },
    },
    async (request) =>
      updateRetentionSettings(identityCtx(ctx, request), actorOf(request), request.body),
  );

  app.get(
    '/legal-holds',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['privacy'],
        summary: 'Legal holds, active and released',
        response: { 200: legalHoldListSchema, ...errors },
      },
    },
    async (request) => ({
      items: await listLegalHolds(identityCtx(ctx, request), actorOf(request)),
    }),
  );

  app.post(
    '/legal-holds',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['privacy'],
        summary: 'Place a legal hold on a person or a case (reason required; audited)',
        body: legalHoldCreateSchema,
        response: { 201: legalHoldSchema, ...errors },
      },
    },
    async (request, reply) => {
      const hold = await placeLegalHold(identityCtx(ctx, request), actorOf(request), request.body);
      return reply.status(201).send(hold);
    },
  );

  app.post(
    '/legal-holds/:id/release',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['privacy'],
        summary: 'Release a legal hold (audited); the next retention run proceeds',
        params: z.object({ id: z.uuid() }),
        response: { 200: legalHoldSchema, ...errors },
      },
    },
    async (request) =>
      releaseLegalHold(identityCtx(ctx, request), actorOf(request), request.params.id),
  );
};
