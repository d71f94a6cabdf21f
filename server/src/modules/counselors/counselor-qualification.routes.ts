import {
  qualificationDecisionSchema,
  qualificationInputSchema,
  qualificationSchema,
} from '@anxin/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { problemResponses } from '../../platform/http/problem.ts';
import { actorOf } from '../identity/route-helpers.ts';
import { counselorCtx } from './counselor-context.ts';
import { decideQualification } from './qualification-review.service.ts';
import {
  addQualification,
  changeQualification,
  removeQualification,
} from './qualification.service.ts';

const errors = problemResponses(400, 401, 403, 404, 409);
const idParams = z.object({ id: z.uuid() });
const qualificationParams = z.object({ id: z.uuid(), qid: z.uuid() });
const tags = ['counselors'];
const access = { access: 'signed-in' } as const;

/** Certificates of a profile (A3): the counselor maintains them, administrators decide. */
export const counselorQualificationRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (
  app,
  { ctx },
) => {
  app.post(
    '/counselor-profiles/:id/qualifications',
    {
      config: access,
      schema: {
        tags,
        summary: 'Add a certificate (pending until verified)',
        params: idParams,
        body: qualificationInputSchema,
        response: { 201: qualificationSchema, ...errors },
      },
    },
    async (request, reply) => {
      const q = await addQualification(
        counselorCtx(ctx, request),
        actorOf(request),
        request.params.id,
        request.body,
      );
      return reply.status(201).send(q);
    },
  );

  app.put(
    '/counselor-profiles/:id/qualifications/:qid',
    {
      config: access,
      schema: {
        tags,
        summary: 'Correct a pending or rejected certificate',
        params: qualificationParams,
        body: qualificationInputSchema,
        response: { 200: qualificationSchema, ...errors },
      },
    },
    async (request) =>
      changeQualification(
        counselorCtx(ctx, request),
        actorOf(request),
        request.params.id,
        request.params.qid,
        request.body,
      ),
  );

  app.delete(
    '/counselor-profiles/:id/qualifications/:qid',
    {
      config: access,
      schema: {
        tags,
        summary: 'Withdraw a certificate that was not verified',
        params: qualificationParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await removeQualification(
        counselorCtx(ctx, request),
        actorOf(request),
        request.params.id,
        request.params.qid,
      );
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/counselor-profiles/:id/qualifications/:qid/decision',
    {
      config: access,
      schema: {
        tags,
        summary: 'Verify or reject a certificate (administrators)',
        params: qualificationParams,
        body: qualificationDecisionSchema,
        response: { 200: qualificationSchema, ...errors },
      },
    },
    async (request) =>
      decideQualification(
        counselorCtx(ctx, request),
        actorOf(request),
        request.params.id,
        request.params.qid,
        request.body,
      ),
  );
};
