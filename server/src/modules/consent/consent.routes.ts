import {
  consentListSchema,
  consentScopeSchema,
  consentSettingsSchema,
  consentSignSchema,
  consentSubjectQuerySchema,
  consentWithdrawalSchema,
  consentWithdrawSchema,
  guardianshipCreateSchema,
  guardianshipListSchema,
  guardianshipSchema,
  pendingConsentListSchema,
  policyDocumentDraftSchema,
  policyDocumentListSchema,
  policyDocumentPatchSchema,
  policyDocumentPublishSchema,
  policyDocumentQuerySchema,
  policyDocumentSchema,
  verbalConsentSchema,
} from '@anxin/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { problemResponses } from '../../platform/http/problem.ts';
import { signedInActorOf } from '../counselors/directory.service.ts';
import { actorOf, identityCtx } from '../identity/route-helpers.ts';
import { readConsentSettings, updateConsentSettings } from './consent-settings.service.ts';
import {
  listConsents,
  pendingConsents,
  recordVerbalConsent,
  signConsents,
} from './consent.service.ts';
import {
  decideGuardianship,
  listGuardianships,
  requestGuardianship,
} from './guardianship.service.ts';
import {
  createPolicyDocument,
  currentPolicyDocuments,
  editPolicyDocument,
  listPolicyDocuments,
  publishPolicyDocument,
  readPolicyDocument,
} from './policy-document.service.ts';
import { withdrawConsent } from './withdrawal.service.ts';

const errors = problemResponses(400, 401, 403, 404, 409);
const idParams = z.object({ id: z.uuid() });
const tags = ['consent'];

/** Rule texts (A12), consent decisions (B3, B4, B10), guardians (C11). */
export const consentRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/policy-documents',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Published versions (drafts too for administrators)',
        querystring: policyDocumentQuerySchema,
        response: { 200: policyDocumentListSchema, ...errors },
      },
    },
    async (request) => listPolicyDocuments(ctx, signedInActorOf(request), request.query),
  );

  app.get(
    '/policy-documents/current',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'The version of each document in force now',
        response: { 200: policyDocumentListSchema, ...errors },
      },
    },
    async (request) => currentPolicyDocuments(ctx, signedInActorOf(request)),
  );

  app.get(
    '/policy-documents/:id',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'One version (old published versions stay readable)',
        params: idParams,
        response: { 200: policyDocumentSchema, ...errors },
      },
    },
    async (request) => readPolicyDocument(ctx, signedInActorOf(request), request.params.id),
  );

  app.post(
    '/policy-documents',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Write a draft: the next version of its kind (administrators; audited)',
        body: policyDocumentDraftSchema,
        response: { 201: policyDocumentSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await createPolicyDocument(identityCtx(ctx, request), actorOf(request), request.body),
        ),
  );

  app.patch(
    '/policy-documents/:id',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Edit a draft (a published version answers 409)',
        params: idParams,
        body: policyDocumentPatchSchema,
        response: { 200: policyDocumentSchema, ...errors },
      },
    },
    async (request) =>
      editPolicyDocument(
        identityCtx(ctx, request),
        actorOf(request),
        request.params.id,
        request.body,
      ),
  );

  app.post(
    '/policy-documents/:id/publish',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Publish a draft: fixes its text hash and effective date',
        params: idParams,
        body: policyDocumentPublishSchema,
        response: { 200: policyDocumentSchema, ...errors },
      },
    },
    async (request) =>
      publishPolicyDocument(
        identityCtx(ctx, request),
        actorOf(request),
        request.params.id,
        request.body,
      ),
  );

  app.get(
    '/consents/me',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'My consent decisions (or my ward’s), current and history',
        querystring: consentSubjectQuerySchema,
        response: { 200: consentListSchema, ...errors },
      },
    },
    async (request) =>
      listConsents(identityCtx(ctx, request), actorOf(request), request.query.subjectUserId),
  );

  app.get(
    '/consents/me/pending',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'What must be (re)accepted before anything else',
        querystring: consentSubjectQuerySchema,
        response: { 200: pendingConsentListSchema, ...errors },
      },
    },
    async (request) =>
      pendingConsents(identityCtx(ctx, request), actorOf(request), request.query.subjectUserId),
  );

  app.post(
    '/consents/me',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Grant or refuse, scope by scope, on the documents in force',
        body: consentSignSchema,
        response: { 200: consentListSchema, ...errors },
      },
    },
    async (request) => signConsents(identityCtx(ctx, request), actorOf(request), request.body),
  );

  app.post(
    '/consents/me/:scope/withdraw',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Withdraw: future appointments cancelled free, deletion request opened',
        params: z.object({ scope: consentScopeSchema }),
        body: consentWithdrawSchema,
        response: { 200: consentWithdrawalSchema, ...errors },
      },
    },
    async (request) =>
      withdrawConsent(
        identityCtx(ctx, request),
        actorOf(request),
        request.params.scope,
        request.body.subjectUserId,
      ),
  );

  app.post(
    '/consents/verbal',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'A hotline caller’s verbal consent, recorded by the operator',
        body: verbalConsentSchema,
        response: { 201: consentListSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await recordVerbalConsent(identityCtx(ctx, request), actorOf(request), request.body)),
  );

  app.get(
    '/settings/consent',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Who signs for clients aged 14–17',
        response: { 200: consentSettingsSchema, ...errors },
      },
    },
    async (request) => readConsentSettings(identityCtx(ctx, request), actorOf(request)),
  );

  app.put(
    '/settings/consent',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Change who signs for clients aged 14–17 (administrators; audited)',
        body: consentSettingsSchema,
        response: { 200: consentSettingsSchema, ...errors },
      },
    },
    async (request) =>
      updateConsentSettings(identityCtx(ctx, request), actorOf(request), request.body),
  );

  app.get(
    '/guardianships',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'My guardian links (all of them for administrators)',
        response: { 200: guardianshipListSchema, ...errors },
      },
    },
    async (request) => listGuardianships(identityCtx(ctx, request), actorOf(request)),
  );

  app.post(
    '/guardianships',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Ask to be linked as the guardian of a minor (pending until verified)',
        body: guardianshipCreateSchema,
        response: { 201: guardianshipSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await requestGuardianship(identityCtx(ctx, request), actorOf(request), request.body)),
  );

  for (const decision of ['verify', 'revoke'] as const) {
    app.post(
      `/guardianships/:id/${decision}`,
      {
        config: { access: 'signed-in' },
        schema: {
          tags,
          summary:
            decision === 'verify'
              ? 'Verify a guardian link (administrators)'
              : 'Revoke a guardian link',
          params: idParams,
          response: { 200: guardianshipSchema, ...errors },
        },
      },
      async (request) =>
        decideGuardianship(
          identityCtx(ctx, request),
          actorOf(request),
          request.params.id,
          decision,
        ),
    );
  }
};
