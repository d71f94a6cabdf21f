import type { PrivacyRequest, PrivacyRequestStatus } from '@anxin/common';
import { and, eq, inArray, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../../app-context.ts';
import { SENSITIVE } from '../../../platform/audit/audit.ts';
import { audit, auditRead, type RequestMeta } from '../../../platform/audit/request-audit.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import type { VaultScope } from '../../../platform/crypto/vault.ts';
import type { Db } from '../../../platform/db/database.ts';
import {
  CONSENT_SCOPES,
  privacyRequests,
  userRoles,
  users,
} from '../../../platform/db/schema/index.ts';
import { AppError, notFound } from '../../../platform/http/app-error.ts';
import { requirePermission } from '../../counselors/vocabulary.service.ts';
import { SENSITIVE_CHANGE } from '../../identity/audit-helpers.ts';
import { openPrivacyRequest, type PrivacyRequestKindName } from './privacy-request.service.ts';
import { privacyRequestPolicy } from './privacy-request.policy.ts';
import { presentRequest } from './privacy-request.presenter.ts';
import {
  displayNames,
  findRequest,
  listRequests,
  updateRequest,
  type PrivacyRequestRow,
} from './privacy-request.repo.ts';
import { requestOwner, requestRef } from './request-crypto.ts';
import { isOpenStatus, nextRequestStatus, type PrivacyRequestEvent } from './request-status.ts';

/** What request services need from an HTTP request: the app and its audit facts. */
export interface PrivacyContext {
  app: AppContext;
  meta: RequestMeta;
}

interface Work {
  tx: Db;
  vault: VaultScope;
  now: Date;
  audit: (fields: Parameters<typeof audit>[3]) => Promise<unknown>;
}

function inTransaction<T>(ctx: PrivacyContext, actor: Actor, work: (w: Work) => Promise<T>) {
  return ctx.app.database.db.transaction(async (tx) =>
    work({
      tx,
      vault: ctx.app.vault.scope(tx, actor.organizationId),
      now: new Date(),
      audit: (fields) => audit(tx, ctx.app.vault.keyring.auditKey, ctx.meta, fields),
    }),
  );
}

async function present(
  w: { tx: Db; vault: VaultScope; now: Date },
  rows: PrivacyRequestRow[],
  withText: boolean,
): Promise<PrivacyRequest[]> {
  const organizationId = rows[0]?.organizationId;
  const names = organizationId
    ? await displayNames(
        w.tx,
        organizationId,
        rows.flatMap((r) => [r.subjectUserId, ...(r.handlerUserId ? [r.handlerUserId] : [])]),
      )
    : new Map<string, string>();
  return Promise.all(rows.map((r) => presentRequest(w.vault, r, { ...w, names, withText })));
}

async function presentOne(w: { tx: Db; vault: VaultScope; now: Date }, row: PrivacyRequestRow) {
  const names = await displayNames(w.tx, row.organizationId, [
    row.subjectUserId,
    ...(row.handlerUserId ? [row.handlerUserId] : []),
  ]);
  return presentRequest(w.vault, row, { now: w.now, names, withText: true });
}

const field = (path: string, message: string) =>
  new AppError('validation_failed', message, [{ path, message, code: 'invalid_value' }]);

/** A person files a request about their own data (B11). */
export async function createOwnRequest(
  ctx: PrivacyContext,
  actor: Actor,
  body: { kind: PrivacyRequestKindName; scope?: string | undefined; detail?: string | undefined },
): Promise<PrivacyRequest> {
  if (body.scope !== undefined) {
    if (body.kind !== 'withdrawal') throw field('body.scope', 'Only a withdrawal names a scope.');
    if (!(CONSENT_SCOPES as readonly string[]).includes(body.scope))
      throw field('body.scope', 'Unknown consent scope.');
  }
  return inTransaction(ctx, actor, async (w) => {
    const opened = await openPrivacyRequest(w.tx, w.vault, {
      organizationId: actor.organizationId,
      subjectUserId: actor.userId,
      kind: body.kind,
      scope: body.scope ?? null,
      detail: body.detail || null,
      now: w.now,
    });
    await w.audit({
      organizationId: actor.organizationId,
      action: 'privacy_request.create',
      entityType: 'privacy_request',
      entityId: opened.id,
      subjectId: actor.userId,
      changes: {
        kind: { old: null, new: body.kind },
        ...(body.detail ? { detail: { old: null, new: SENSITIVE } } : {}),
      },
    });
    const row = await findRequest(w.tx, actor.organizationId, opened.id);
    if (!row) throw notFound();
    return presentOne(w, row);
  });
}

/** The person's own requests, with their words and the answers. */
export async function listOwnRequests(ctx: PrivacyContext, actor: Actor) {
  const db = ctx.app.database.db;
  const rows = await listRequests(
    db,
    and(
      eq(privacyRequests.organizationId, actor.organizationId),
      eq(privacyRequests.subjectUserId, actor.userId),
    ) as SQL,
    new Date(),
  );
  const vault = ctx.app.vault.scope(db, actor.organizationId);
  return { items: await present({ tx: db, vault, now: new Date() }, rows, true) };
}

/** The handlers' queue: overdue first, then by due date. Texts only on the detail page. */
export async function listQueue(
  ctx: PrivacyContext,
  actor: Actor,
  q: {
    status?: PrivacyRequestStatus | undefined;
    open?: 'true' | 'false' | undefined;
    limit: number;
  },
) {
  requirePermission(ctx.app, actor, 'privacy_request.handle');
  const db = ctx.app.database.db;
  const now = new Date();
  const where = and(
    privacyRequestPolicy.filter(actor, 'handle', privacyRequests),
    q.status ? eq(privacyRequests.status, q.status) : undefined,
    q.open === 'true' ? inArray(privacyRequests.status, ['received', 'in_progress']) : undefined,
  ) as SQL;
  const rows = await listRequests(db, where, now, q.limit);
  const vault = ctx.app.vault.scope(db, actor.organizationId);
  return { items: await present({ tx: db, vault, now }, rows, false) };
}

/** One request; anyone but its subject reading the person's words leaves an audit event. */
export async function readRequest(ctx: PrivacyContext, actor: Actor, id: string) {
  const db = ctx.app.database.db;
  const row = await findRequest(db, actor.organizationId, id);
  if (!row || !privacyRequestPolicy.can(actor, 'read', row)) throw notFound();
  if (row.subjectUserId !== actor.userId) {
    await auditRead(ctx.app, ctx.meta, {
      organizationId: row.organizationId,
      action: 'privacy_request.read',
      entityType: 'privacy_request',
      entityId: row.id,
      subjectId: row.subjectUserId,
    });
  }
  const vault = ctx.app.vault.scope(db, actor.organizationId);
  return presentOne({ tx: db, vault, now: new Date() }, row);
}

/** Loads a request for a handler's change, locked; others' requests answer 404, like missing. */
async function loadForHandling(w: Work, actor: Actor, id: string) {
  const row = await findRequest(w.tx, actor.organizationId, id, { lock: true });
  if (!row || !privacyRequestPolicy.can(actor, 'read', row)) throw notFound();
  if (!privacyRequestPolicy.can(actor, 'handle', row)) throw new AppError('forbidden');
  return row;
}

const closed = () => new AppError('invalid_transition', 'This request is already closed.');

/** Assigns a handler (an administrator of the organisation); a received request starts. */
export async function assignHandler(
  ctx: PrivacyContext,
  actor: Actor,
  id: string,
  handlerUserId: string,
) {
  return inTransaction(ctx, actor, async (w) => {
    const row = await loadForHandling(w, actor, id);
    if (!isOpenStatus(row.status)) throw closed();
    const handler = await w.tx
      .select({ id: users.id })
      .from(users)
      .innerJoin(userRoles, eq(userRoles.userId, users.id))
      .where(
        and(
          eq(users.organizationId, actor.organizationId),
          eq(users.id, handlerUserId),
          eq(users.status, 'active'),
          eq(userRoles.role, 'administrator'),
        ),
      );
    if (handler.length === 0)
      throw field('body.handlerUserId', 'The handler must be an active administrator.');
    const status = row.status === 'received' ? 'in_progress' : row.status;
    const updated = await updateRequest(w.tx, row.id, { handlerUserId, status });
    await w.audit({
      organizationId: row.organizationId,
      action: 'privacy_request.assign',
      entityType: 'privacy_request',
      entityId: row.id,
      subjectId: row.subjectUserId,
      changes: {
        handlerUserId: { old: row.handlerUserId, new: handlerUserId },
        ...(status !== row.status ? { status: { old: row.status, new: status } } : {}),
      },
    });
    return presentOne(w, updated);
  });
}

/** Writes (or rewrites) the answer while the request is open; sealed under the subject's key. */
export async function answerRequest(ctx: PrivacyContext, actor: Actor, id: string, answer: string) {
  return inTransaction(ctx, actor, async (w) => {
    const row = await loadForHandling(w, actor, id);
    if (!isOpenStatus(row.status)) throw closed();
    const answerEnc = await w.vault.encrypt(
      requestOwner(row.subjectUserId),
      requestRef(row.id, 'answer'),
      answer,
    );
    const updated = await updateRequest(w.tx, row.id, { answerEnc });
    await w.audit({
      organizationId: row.organizationId,
      action: 'privacy_request.answer',
      entityType: 'privacy_request',
      entityId: row.id,
      subjectId: row.subjectUserId,
      changes: { answer: SENSITIVE_CHANGE },
    });
    return presentOne(w, updated);
  });
}

/**
 * Moves a request along the transition table. A rejection needs its reason, kept as the answer.
 * A deletion is completed only by carrying it out (the erasure route), never by a status change.
 */
export async function transitionRequest(
  ctx: PrivacyContext,
  actor: Actor,
  id: string,
  input: { event: PrivacyRequestEvent; reason?: string | undefined },
) {
  const reason = input.reason?.trim() ?? '';
  if (input.event === 'reject' && !reason) throw field('body.reason', 'Say why it is rejected.');
  return inTransaction(ctx, actor, async (w) => {
    const row = await loadForHandling(w, actor, id);
    const to = nextRequestStatus(row.status, input.event);
    if (!to)
      throw new AppError('invalid_transition', `Cannot ${input.event} a ${row.status} request.`);
    if (input.event === 'complete' && row.kind === 'deletion') {
      throw new AppError('invalid_transition', 'A deletion is completed by carrying it out.');
    }
    const final = to === 'completed' || to === 'rejected';
    const answerEnc =
      input.event === 'reject'
        ? await w.vault.encrypt(
            requestOwner(row.subjectUserId),
            requestRef(row.id, 'answer'),
            reason,
          )
        : row.answerEnc;
    const updated = await updateRequest(w.tx, row.id, {
      status: to,
      answerEnc,
      completedAt: final ? w.now : row.completedAt,
      handlerUserId: row.handlerUserId ?? actor.userId,
    });
    await w.audit({
      organizationId: row.organizationId,
      action: `privacy_request.${input.event}`,
      entityType: 'privacy_request',
      entityId: row.id,
      subjectId: row.subjectUserId,
      changes: {
        status: { old: row.status, new: to },
        ...(input.event === 'reject' ? { answer: SENSITIVE_CHANGE } : {}),
      },
    });
    return presentOne(w, updated);
  });
}
