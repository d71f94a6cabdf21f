import { ledgerEntrySchema, ledgerSchema, paymentConfirmSchema } from '@anxin/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { problemResponses } from '../../platform/http/problem.ts';
import { actorOf, identityCtx } from '../identity/route-helpers.ts';
import { readClientLedger, readReceipt } from './ledger.service.ts';
import { recordPayment } from './payment-provider.ts';
import { receiptSchema } from './receipt.ts';

const errors = problemResponses(400, 401, 403, 404, 409);
const idParams = z.object({ id: z.uuid() });
const tags = ['ledger'];
const access = { access: 'signed-in' } as const;

/** Fees (C10): payments confirmed by administrators, ledgers and receipts. */
export const ledgerRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.post(
    '/appointments/:id/payments',
    {
      config: access,
      schema: {
        tags,
        summary: 'Confirm money received offline for an appointment (administrators; audited)',
        params: idParams,
        body: paymentConfirmSchema,
        response: { 201: ledgerEntrySchema, ...errors },
      },
    },
    async (request, reply) => {
      const entry = await recordPayment(
        identityCtx(ctx, request),
        actorOf(request),
        request.params.id,
        request.body,
      );
      return reply.status(201).send(entry);
    },
  );

  app.get(
    '/ledger/me',
    {
      config: access,
      schema: {
        tags,
        summary: 'My charges, payments and refunds, with the balance',
        response: { 200: ledgerSchema, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return readClientLedger(identityCtx(ctx, request), actor, actor.userId);
    },
  );

  app.get(
    '/ledger',
    {
      config: access,
      schema: {
        tags,
        summary: "A client's ledger (administrators; audited)",
        querystring: z.object({ clientId: z.uuid() }),
        response: { 200: ledgerSchema, ...errors },
      },
    },
    async (request) =>
      readClientLedger(identityCtx(ctx, request), actorOf(request), request.query.clientId),
  );

  app.get(
    '/appointments/:id/receipt',
    {
      config: access,
      schema: {
        tags,
        summary: 'The receipt of an appointment (its client or administrators; audited)',
        params: idParams,
        response: { 200: receiptSchema, ...errors },
      },
    },
    async (request) => readReceipt(identityCtx(ctx, request), actorOf(request), request.params.id),
  );
};
