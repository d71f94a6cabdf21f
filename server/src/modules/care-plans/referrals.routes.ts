import {
  careListQuerySchema,
  referralInputSchema,
  referralListSchema,
  referralResourceInputSchema,
  referralResourceListSchema,
  referralResourceQuerySchema,
  referralResourceSchema,
  referralResourceUpdateSchema,
  referralSchema,
  referralStatusInputSchema,
} from '@anxin/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { requestMeta } from '../../platform/audit/request-audit.ts';
import { problemResponses } from '../../platform/http/problem.ts';
import { actorOf } from '../identity/route-helpers.ts';
import { listClientReferrals, readReferral } from './referral-read.service.ts';
import {
  createReferralResource,
  listReferralResources,
  updateReferralResource,
} from './referral-resource.service.ts';
import { changeReferralStatus, createReferral } from './referral.service.ts';

const errors = problemResponses(400, 401, 403, 404, 409);
const idParams = z.object({ id: z.uuid() });
const tags = ['care-plans'];
const access = { access: 'signed-in' } as const;

/** The referral directory and referrals (C6). */
export const referralsRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const cctx = (request: Parameters<typeof requestMeta>[0]) => ({
    app: ctx,
    meta: requestMeta(request),
  });

  app.get(
    '/referral-resources',
    {
      config: access,
      schema: {
        tags,
        summary: 'The referral directory (retired entries only for its managers, on request)',
        querystring: referralResourceQuerySchema,
        response: { 200: referralResourceListSchema, ...errors },
      },
    },
    async (request) =>
      listReferralResources(
        cctx(request),
        actorOf(request),
        request.query.includeInactive ?? false,
      ),
  );

  app.post(
    '/referral-resources',
    {
      config: access,
      schema: {
        tags,
        summary: 'Add a directory entry (administrators; audited)',
        body: referralResourceInputSchema,
        response: { 201: referralResourceSchema, ...errors },
      },
    },
    async (request, reply) => {
      const out = await createReferralResource(cctx(request), actorOf(request), request.body);
      return reply.code(201).send(out);
    },
  );

  app.patch(
    '/referral-resources/:id',
    {
      config: access,
      schema: {
        tags,
        summary: 'Edit or retire a directory entry (`active: false`; never deleted)',
        params: idParams,
        body: referralResourceUpdateSchema,
        response: { 200: referralResourceSchema, ...errors },
      },
    },
    async (request) =>
      updateReferralResource(cctx(request), actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/referrals',
    {
      config: access,
      schema: {
        tags,
        summary: 'Refer a client of the current episode, on consent or under an exception',
        body: referralInputSchema,
        response: { 201: referralSchema, ...errors },
      },
    },
    async (request, reply) => {
      const out = await createReferral(cctx(request), actorOf(request), request.body);
      return reply.code(201).send(out);
    },
  );

  app.get(
    '/referrals/:id',
    {
      config: access,
      schema: { tags, params: idParams, response: { 200: referralSchema, ...errors } },
    },
    async (request) => readReferral(cctx(request), actorOf(request), request.params.id),
  );

  app.post(
    '/referrals/:id/status',
    {
      config: access,
      schema: {
        tags,
        summary: 'Record that the referral was acknowledged, or close it',
        params: idParams,
        body: referralStatusInputSchema,
        response: { 200: referralSchema, ...errors },
      },
    },
    async (request) =>
      changeReferralStatus(cctx(request), actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/clients/:id/referrals',
    {
      config: access,
      schema: {
        tags,
        summary: 'The referrals of a client that the caller may read',
        params: idParams,
        querystring: careListQuerySchema,
        response: { 200: referralListSchema, ...errors },
      },
    },
    async (request) =>
      listClientReferrals(
        cctx(request),
        actorOf(request),
        request.params.id,
        request.query.episodeId,
      ),
  );
};
