import {
  backupCodesResponseSchema,
  profileSchema,
  profileUpdateSchema,
  sessionListSchema,
  totpConfirmRequestSchema,
  totpEnrolmentResponseSchema,
} from '@anxin/common';
import { problemResponses } from '../../platform/http/problem.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { setSessionCookies } from '../../platform/auth/cookies.ts';
import {
  beginTotpEnrolment,
  confirmTotpEnrolment,
  disableTotp,
  regenerateBackupCodes,
} from './mfa.service.ts';
import { actorOf, identityCtx } from './route-helpers.ts';
import { listOwnSessions, readUser, revokeOwnSession, updateOwnProfile } from './user.service.ts';

const errors = problemResponses(400, 401, 403, 404, 409);

export const meRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/me',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['account'],
        summary: 'My profile (decrypted; the read is audited)',
        response: { 200: profileSchema, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return (await readUser(identityCtx(ctx, request), actor, actor.userId)).profile;
    },
  );

  app.patch(
    '/me',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['account'],
        body: profileUpdateSchema,
        response: { 200: profileSchema, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const ictx = identityCtx(ctx, request);
      await updateOwnProfile(ictx, actor, request.body);
      return (await readUser(ictx, actor, actor.userId)).profile;
    },
  );

  app.post(
    '/me/mfa/totp',
    {
      config: { access: 'enrolment' },
      schema: {
        tags: ['account'],
        summary: 'Start TOTP enrolment',
        response: { 200: totpEnrolmentResponseSchema, ...errors },
      },
    },
    (request) => beginTotpEnrolment(identityCtx(ctx, request), actorOf(request)),
  );

  app.post(
    '/me/mfa/totp/confirm',
    {
      config: { access: 'enrolment' },
      schema: {
        tags: ['account'],
        summary: 'Confirm TOTP with a first code; returns backup codes once',
        body: totpConfirmRequestSchema,
        response: { 200: backupCodesResponseSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { token, backupCodes } = await confirmTotpEnrolment(
        identityCtx(ctx, request),
        actorOf(request),
        request.body.code,
      );
      setSessionCookies(reply, token, ctx.vault.keyring.tokenKey);
      return { backupCodes };
    },
  );

  app.post(
    '/me/mfa/backup-codes',
    {
      config: { access: 'signed-in' },
      schema: { tags: ['account'], response: { 200: backupCodesResponseSchema, ...errors } },
    },
    async (request) => ({
      backupCodes: await regenerateBackupCodes(identityCtx(ctx, request), actorOf(request)),
    }),
  );

  app.delete(
    '/me/mfa/totp',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['account'],
        summary: 'Turn TOTP off (clients only)',
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await disableTotp(identityCtx(ctx, request), actorOf(request));
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/me/sessions',
    {
      config: { access: 'signed-in' },
      schema: { tags: ['account'], response: { 200: sessionListSchema, ...errors } },
    },
    async (request) => ({
      items: await listOwnSessions(identityCtx(ctx, request), actorOf(request)),
    }),
  );

  app.delete(
    '/me/sessions/:id',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['account'],
        params: z.object({ id: z.uuid() }),
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await revokeOwnSession(identityCtx(ctx, request), actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/me/sessions/revoke-others',
    {
      config: { access: 'signed-in' },
      schema: { tags: ['account'], response: { 204: z.null(), ...errors } },
    },
    async (request, reply) => {
      await revokeOwnSession(identityCtx(ctx, request), actorOf(request), { others: true });
      return reply.status(204).send(null);
    },
  );
};
