import type { SchedulingSettings } from '@anxin/common';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../app-context.ts';
import { audit, requestMeta, type AuditFields } from '../../platform/audit/request-audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { VaultScope } from '../../platform/crypto/vault.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/http/app-error.ts';
import { readSchedulingSettings } from './appointment-settings.ts';

/** What scheduling services need from a request: the app and its audit facts. */
export interface SchedulingContext {
  app: AppContext;
  meta: ReturnType<typeof requestMeta>;
}

export const schedulingCtx = (app: AppContext, request: FastifyRequest): SchedulingContext => ({
  app,
  meta: requestMeta(request),
});

/** One unit of work: a transaction, its vault scope, its audit, the clock and the settings. */
export interface SchedulingWork {
  tx: Db;
  vault: VaultScope;
  audit: (fields: AuditFields) => Promise<unknown>;
  actorId: string | null;
  now: Date;
  settings: SchedulingSettings;
}

/**
 * PostgreSQL aborts one of two transactions that wait on each other (40P01): two bookings of one
 * slot can, when each waits on the other's uncommitted entry in an exclusion constraint's index.
 * The aborted one is run again from the start; by then the other has committed, so it answers
 * what it should (here: slot taken) instead of a 500.
 */
const RETRIED_STATES = new Set(['40P01', '40001']);
const ATTEMPTS = 3;

/** Runs `work` in one transaction whose audit events carry the request's actor. */
export async function inSchedulingTransaction<T>(
  ctx: SchedulingContext,
  actor: Actor,
  work: (w: SchedulingWork) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await runSchedulingTransaction(ctx, actor, work);
    } catch (err) {
      const state = sqlStateOf(err);
      if (attempt >= ATTEMPTS || !state || !RETRIED_STATES.has(state)) throw err;
    }
  }
}

function runSchedulingTransaction<T>(
  ctx: SchedulingContext,
  actor: Actor,
  work: (w: SchedulingWork) => Promise<T>,
): Promise<T> {
  return ctx.app.database.db.transaction(async (tx) =>
    work({
      tx,
      vault: ctx.app.vault.scope(tx, actor.organizationId),
      audit: (fields) => audit(tx, ctx.app.vault.keyring.auditKey, ctx.meta, fields),
      actorId: actor.userId,
      now: new Date(),
      settings: await readSchedulingSettings(tx, actor.organizationId),
    }),
  );
}

/** The SQLSTATE of a failed statement, through Drizzle's wrapping. */
export function sqlStateOf(err: unknown): string | undefined {
  const e = err as { code?: unknown; cause?: { code?: unknown } } | null;
  const code = e?.cause?.code ?? e?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * The slot went to someone else. The exclusion constraints (23P01) are the guarantee (A4); the
 * slot check before the insert only answers earlier. Common has no `slot_taken` code yet, so this
 * is a `conflict` whose detail says what happened; the one place to switch when the code exists.
 */
export const slotTaken = () =>
  new AppError('slot_taken', 'This time is no longer available; choose another slot.');

/** Turns an exclusion violation (the whole transaction rolled back) into the slot answer. */
export function asSlotTaken(err: unknown): unknown {
  return sqlStateOf(err) === '23P01' ? slotTaken() : err;
}
