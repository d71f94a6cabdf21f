import {
  counselorAdminListQuerySchema,
  counselorAdminListSchema,
  counselorProfileInputSchema,
  counselorProfileSchema,
  standingActionInputSchema,
  transitionRequestSchema,
} from '@anxin/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { problemResponses } from '../../platform/http/problem.ts';
import { actorOf } from '../identity/route-helpers.ts';
import { counselorCtx } from './counselor-context.ts';
import { counselorFileRoutes } from './counselor-file.routes.ts';
import { listProfiles } from './counselor-list.ts';
import { counselorQualificationRoutes } from './counselor-qualification.routes.ts';
import {
  confirmCurrent,
  readOwnProfile,
  readProfile,
  saveOwnProfile,
  saveProfile,
} from './counselor.service.ts';
import { confirmRecheck, transitionProfile } from './review.service.ts';
import { recordStanding } from './standing.service.ts';

const errors = problemResponses(400, 401, 403, 404, 409);
const idParams = z.object({ id: z.uuid() });
const tags = ['counselors'];
const access = { access: 'signed-in' } as const;

/**
 * Counselor vetting (A3), keeping profiles current (A8) and standing (A9). Every profile route
 * goes through `loadProfileFor`, so a profile the actor may not see answers the same 404 as one
 * that does not exist; every change commits with its audit event.
 */
export const counselorsRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (
  app,
  { ctx },
) => {
  const profile = { 200: counselorProfileSchema, ...errors };

  app.get(
    '/counselor-profiles/me',
    {
      config: access,
      schema: { tags, summary: 'My counselor profile (audited read)', response: profile },
    },
    async (request) => readOwnProfile(counselorCtx(ctx, request), actorOf(request)),
  );

  app.put(
    '/counselor-profiles/me',
    {
      config: access,
      schema: {
        tags,
        summary: 'Create or update my counselor profile',
        body: counselorProfileInputSchema,
        response: profile,
      },
    },
    async (request) => saveOwnProfile(counselorCtx(ctx, request), actorOf(request), request.body),
  );

  app.get(
    '/counselor-profiles',
    {
      config: access,
      schema: {
        tags,
        summary: 'Counselor profiles and work queues (administrators)',
        querystring: counselorAdminListQuerySchema,
        response: { 200: counselorAdminListSchema, ...errors },
      },
    },
    async (request) => listProfiles(counselorCtx(ctx, request), actorOf(request), request.query),
  );

  app.get(
    '/counselor-profiles/:id',
    {
      config: access,
      schema: {
        tags,
        summary: 'One counselor profile (audited read)',
        params: idParams,
        response: profile,
      },
    },
    async (request) => readProfile(counselorCtx(ctx, request), actorOf(request), request.params.id),
  );

  app.put(
    '/counselor-profiles/:id',
    {
      config: access,
      schema: { tags, params: idParams, body: counselorProfileInputSchema, response: profile },
    },
    async (request) =>
      saveProfile(counselorCtx(ctx, request), actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/counselor-profiles/:id/transitions',
    {
      config: access,
      schema: {
        tags,
        summary: 'Submit, review, decide, suspend, reinstate or remove (A3)',
        params: idParams,
        body: transitionRequestSchema,
        response: profile,
      },
    },
    async (request) =>
      transitionProfile(
        counselorCtx(ctx, request),
        actorOf(request),
        request.params.id,
        request.body,
      ),
  );

  app.post(
    '/counselor-profiles/:id/recheck',
    {
      config: access,
      schema: {
        tags,
        summary: 'Confirm the periodic re-check (A3)',
        params: idParams,
        response: profile,
      },
    },
    async (request) =>
      confirmRecheck(counselorCtx(ctx, request), actorOf(request), request.params.id),
  );

  app.post(
    '/counselor-profiles/:id/confirm-current',
    {
      config: access,
      schema: {
        tags,
        summary: 'Confirm the profile is current (A8)',
        params: idParams,
        response: profile,
      },
    },
    async (request) =>
      confirmCurrent(counselorCtx(ctx, request), actorOf(request), request.params.id),
  );

  app.post(
    '/counselor-profiles/:id/standing',
    {
      config: access,
      schema: {
        tags,
        summary: 'Record a warning, suspension or removal (A9)',
        params: idParams,
        body: standingActionInputSchema,
        response: profile,
      },
    },
    async (request) =>
      recordStanding(counselorCtx(ctx, request), actorOf(request), request.params.id, request.body),
  );

  await app.register(counselorQualificationRoutes, { ctx });
  await app.register(counselorFileRoutes, { ctx });
};
