import {
  acceptedResponseSchema,
  mfaChallengeRequestSchema,
  passwordResetCompleteSchema,
  passwordResetRequestSchema,
  registerRequestSchema,
  resendVerificationRequestSchema,
  sessionResponseSchema,
  signInRequestSchema,
  verifyRequestSchema,
} from '@anxin/common';
import { problemResponses } from '../../platform/http/problem.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { clearSessionCookies, ensureCsrfCookie } from '../../platform/auth/cookies.ts';
import { completePasswordReset, requestPasswordReset } from './password-reset.service.ts';
import { registerClient, resendVerification, verifyContact } from './registration.service.ts';
import { actorOf, identityCtx, signedInReply, withRetryAfter } from './route-helpers.ts';
import { answerMfaChallenge, signIn, signOut } from './sign-in.service.ts';
import { presentActor } from './user.presenter.ts';

/** Per-IP limit on the credential endpoints, on top of the per-account back-off. */
const AUTH_RATE = { max: 20, timeWindow: 60_000 };
const errors = problemResponses(400, 401, 403, 429);

export const authRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/session',
    {
      config: { access: 'public' },
      schema: {
        tags: ['identity'],
        summary: 'The signed-in actor, or null; sets the CSRF cookie',
        response: { 200: sessionResponseSchema },
      },
    },
    (request, reply) => {
      ensureCsrfCookie(request, reply, ctx.vault.keyring.tokenKey);
      return { actor: request.actor ? presentActor(request.actor, ctx.config.env, 'zh-CN') : null };
    },
  );

  app.post(
    '/auth/register',
    {
      config: { access: 'public', rateLimit: AUTH_RATE },
      schema: {
        tags: ['identity'],
        summary: 'Register as a client (answer does not reveal existing accounts)',
        body: registerRequestSchema,
        response: { 202: acceptedResponseSchema, ...errors },
      },
    },
    async (request, reply) => {
      await registerClient(identityCtx(ctx, request), request.body);
      return reply.status(202).send({ status: 'accepted' as const });
    },
  );

  app.post(
    '/auth/verify',
    {
      config: { access: 'public', rateLimit: AUTH_RATE },
      schema: {
        tags: ['identity'],
        summary: 'Confirm an e-mail address or mobile number with its code',
        body: verifyRequestSchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await verifyContact(identityCtx(ctx, request), request.body.identifier, request.body.code);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/auth/verify/resend',
    {
      config: { access: 'public', rateLimit: AUTH_RATE },
      schema: {
        tags: ['identity'],
        body: resendVerificationRequestSchema,
        response: { 202: acceptedResponseSchema, ...errors },
      },
    },
    async (request, reply) => {
      await resendVerification(identityCtx(ctx, request), request.body.identifier);
      return reply.status(202).send({ status: 'accepted' as const });
    },
  );

  app.post(
    '/auth/sign-in',
    {
      config: { access: 'public', rateLimit: AUTH_RATE },
      schema: {
        tags: ['identity'],
        summary: 'Sign in; staff then answer the MFA challenge',
        body: signInRequestSchema,
        response: { 200: sessionResponseSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { token, actor } = await withRetryAfter(reply, () =>
        signIn(identityCtx(ctx, request), request.body.identifier, request.body.password),
      );
      return signedInReply(ctx, reply, token, actor);
    },
  );

  app.post(
    '/auth/mfa',
    {
      config: { access: 'enrolment', rateLimit: AUTH_RATE },
      schema: {
        tags: ['identity'],
        summary: 'Answer the second-factor challenge',
        body: mfaChallengeRequestSchema,
        response: { 200: sessionResponseSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { token, actor } = await withRetryAfter(reply, () =>
        answerMfaChallenge(identityCtx(ctx, request), actorOf(request), request.body),
      );
      return signedInReply(ctx, reply, token, actor);
    },
  );

  app.post(
    '/auth/sign-out',
    {
      config: { access: 'enrolment' },
      schema: { tags: ['identity'], response: { 204: z.null(), ...errors } },
    },
    async (request, reply) => {
      await signOut(identityCtx(ctx, request), actorOf(request));
      clearSessionCookies(reply);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/auth/password-reset',
    {
      config: { access: 'public', rateLimit: AUTH_RATE },
      schema: {
        tags: ['identity'],
        body: passwordResetRequestSchema,
        response: { 202: acceptedResponseSchema, ...errors },
      },
    },
    async (request, reply) => {
      await requestPasswordReset(identityCtx(ctx, request), request.body.identifier);
      return reply.status(202).send({ status: 'accepted' as const });
    },
  );

  app.post(
    '/auth/password-reset/complete',
    {
      config: { access: 'public', rateLimit: AUTH_RATE },
      schema: {
        tags: ['identity'],
        body: passwordResetCompleteSchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await completePasswordReset(
        identityCtx(ctx, request),
        request.body.token,
        request.body.password,
      );
      return reply.status(204).send(null);
    },
  );
};
