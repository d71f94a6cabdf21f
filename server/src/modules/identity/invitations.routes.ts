import {
  invitationAcceptSchema,
  invitationCreateSchema,
  invitationCreatedSchema,
  invitationListSchema,
  invitationLookupSchema,
  sessionResponseSchema,
  setupRequestSchema,
} from '@anxin/common';
import { problemResponses } from '../../platform/http/problem.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import {
  acceptInvitation,
  createInvitation,
  listInvitations,
  lookupInvitation,
  revokeInvitation,
} from './invitation.service.ts';
import { actorOf, identityCtx, signedInReply } from './route-helpers.ts';
import { completeSetup } from './setup.service.ts';
import { resolveNewSession } from './sign-in.service.ts';

const errors = problemResponses(400, 401, 403, 404, 409);

export const invitationsRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (
  app,
  { ctx },
) => {
  app.post(
    '/invitations',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['users'],
        summary: 'Invite a staff member (single-use link, 72 h)',
        body: invitationCreateSchema,
        response: { 201: invitationCreatedSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createInvitation(identityCtx(ctx, request), actorOf(request), request.body)),
  );

  app.get(
    '/invitations',
    {
      config: { access: 'signed-in' },
      schema: { tags: ['users'], response: { 200: invitationListSchema, ...errors } },
    },
    async (request) => ({
      items: await listInvitations(identityCtx(ctx, request), actorOf(request)),
    }),
  );

  app.delete(
    '/invitations/:id',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['users'],
        params: z.object({ id: z.uuid() }),
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await revokeInvitation(identityCtx(ctx, request), actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/invitations/lookup',
    {
      config: { access: 'public' },
      schema: {
        tags: ['users'],
        querystring: z.object({ token: z.string().min(20).max(200) }),
        response: { 200: invitationLookupSchema, ...errors },
      },
    },
    (request) => lookupInvitation(identityCtx(ctx, request), request.query.token),
  );

  app.post(
    '/invitations/accept',
    {
      config: { access: 'public', rateLimit: { max: 20, timeWindow: 60_000 } },
      schema: {
        tags: ['users'],
        body: invitationAcceptSchema,
        response: { 200: sessionResponseSchema, ...errors },
      },
    },
    async (request, reply) => {
      const token = await acceptInvitation(identityCtx(ctx, request), request.body);
      return signedInReply(ctx, reply, token, await resolveNewSession(ctx.database.db, token));
    },
  );

  app.post(
    '/setup',
    {
      config: { access: 'public', rateLimit: { max: 10, timeWindow: 60_000 } },
      schema: {
        tags: ['setup'],
        summary: 'Create the organisation and its first administrator (one-time link)',
        body: setupRequestSchema,
        response: { 200: sessionResponseSchema, ...errors },
      },
    },
    async (request, reply) => {
      const token = await completeSetup(identityCtx(ctx, request), request.body);
      return signedInReply(ctx, reply, token, await resolveNewSession(ctx.database.db, token));
    },
  );
};
