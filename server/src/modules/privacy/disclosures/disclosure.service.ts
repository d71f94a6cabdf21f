import { randomUUID } from 'node:crypto';
import type { Disclosure, DisclosureInput } from '@anxin/common';
import { and, eq, type SQL } from 'drizzle-orm';
import type { Actor } from '../../../platform/auth/actor.ts';
import { disclosures } from '../../../platform/db/schema/index.ts';
import { AppError, notFound } from '../../../platform/http/app-error.ts';
import { auditRead } from '../../../platform/audit/request-audit.ts';
import { requirePermission } from '../../counselors/vocabulary.service.ts';
import { audit, SENSITIVE_CHANGE } from '../../identity/audit-helpers.ts';
import { auditKeyOf, type IdentityContext } from '../../identity/identity-context.ts';
import { disclosurePolicy } from './disclosure.policy.ts';
import { fieldRef, needsApproval, presentDisclosure, subjectKey } from './disclosure.presenter.ts';
import {
  findDisclosure,
  insertDisclosure,
  isClientOfCounselor,
  isPersonOf,
  listDisclosures,
  setApproval,
} from './disclosure.repo.ts';

const ENTITY = 'disclosure';

/**
 * Whom the actor may record a disclosure about: administrators anyone in the organisation, a
 * counselor only their own clients. Anyone else is "not found", like a missing person.
 */
async function requireRecordableSubject(ctx: IdentityContext, actor: Actor, subjectUserId: string) {
  requirePermission(ctx.app, actor, 'disclosure.record');
  const db = ctx.app.database.db;
  const org = actor.organizationId;
  if (!(await isPersonOf(db, org, subjectUserId))) throw notFound();
  if (actor.roles.includes('administrator')) return;
  if (!(await isClientOfCounselor(db, org, actor.userId, subjectUserId))) throw notFound();
}

/** The rules the schema cannot state alone: a legal obligation names its legal reference. */
function validate(input: DisclosureInput): void {
  if (input.basis === 'legal_obligation' && !input.legalReference) {
    throw new AppError('validation_failed', 'A legal obligation needs its legal reference.', [
      { path: 'body.legalReference', message: 'Required for a legal obligation', code: 'required' },
    ]);
  }
  if (Date.parse(input.disclosedAt) > Date.now() + 5 * 60_000) {
    throw new AppError('validation_failed', 'A disclosure is recorded once it has happened.', [
      { path: 'body.disclosedAt', message: 'Must not be in the future', code: 'too_big' },
    ]);
  }
}

/**
 * Records a disclosure to a third party (B7, C7). What and to whom are sealed under the
 * subject's key. An exception basis is recorded unapproved: in an emergency the disclosure has
 * already happened, so approval is a second person's check afterwards (never the recorder's).
 */
export async function recordDisclosure(
  ctx: IdentityContext,
  actor: Actor,
  input: DisclosureInput,
): Promise<Disclosure> {
  validate(input);
  await requireRecordableSubject(ctx, actor, input.subjectUserId);
  const org = actor.organizationId;
  return ctx.app.database.db.transaction(async (tx) => {
    const vault = ctx.app.vault.scope(tx, org);
    const id = randomUUID();
    const owner = subjectKey(input.subjectUserId);
    const row = await insertDisclosure(tx, {
      id,
      organizationId: org,
      subjectUserId: input.subjectUserId,
      basis: input.basis,
      legalReference: input.legalReference || null,
      recipientEnc: await vault.encrypt(owner, fieldRef('recipient', id), input.recipient),
      contentEnc: await vault.encrypt(owner, fieldRef('content', id), input.content),
      disclosedAt: new Date(input.disclosedAt),
      recordedBy: actor.userId,
    });
    await audit(tx, auditKeyOf(ctx), ctx.meta, {
      organizationId: org,
      action: 'disclosure.create',
      entityType: ENTITY,
      entityId: id,
      subjectId: input.subjectUserId,
      changes: {
        basis: { old: null, new: input.basis },
        legalReference: { old: null, new: row.legalReference },
        recipient: SENSITIVE_CHANGE,
        content: SENSITIVE_CHANGE,
      },
    });
    return presentDisclosure(vault, row);
  });
}

/** A supervisor or administrator other than the recorder approves an exception disclosure. */
export async function approveDisclosure(
  ctx: IdentityContext,
  actor: Actor,
  id: string,
): Promise<Disclosure> {
  return ctx.app.database.db.transaction(async (tx) => {
    const row = await findDisclosure(tx, actor.organizationId, id, { lock: true });
    if (!row || !disclosurePolicy.can(actor, 'read', row)) throw notFound();
    if (!needsApproval(row.basis) || row.approvedBy !== null) {
      throw new AppError('invalid_transition', 'This disclosure needs no approval.');
    }
    if (!disclosurePolicy.can(actor, 'approve', row)) throw new AppError('forbidden');
    const now = new Date();
    const approved = await setApproval(tx, row.id, actor.userId, now);
    await audit(tx, auditKeyOf(ctx), ctx.meta, {
      organizationId: row.organizationId,
      action: 'disclosure.approve',
      entityType: ENTITY,
      entityId: row.id,
      subjectId: row.subjectUserId,
      changes: { approvedBy: { old: null, new: actor.userId } },
    });
    return presentDisclosure(ctx.app.vault.scope(tx, row.organizationId), approved);
  });
}

async function readAudited(
  ctx: IdentityContext,
  actor: Actor,
  where: SQL,
  action: string,
): Promise<{ items: Disclosure[] }> {
  const db = ctx.app.database.db;
  const rows = await listDisclosures(db, where);
  const vault = ctx.app.vault.scope(db, actor.organizationId);
  const items = await Promise.all(rows.map((r) => presentDisclosure(vault, r)));
  // One event per subject whose disclosures were read: "who read my records?" finds it.
  for (const subjectId of new Set(rows.map((r) => r.subjectUserId))) {
    await auditRead(ctx.app, ctx.meta, {
      organizationId: actor.organizationId,
      action,
      entityType: ENTITY,
      subjectId,
    });
  }
  return { items };
}

/** The disclosures the actor may read, optionally of one subject. */
export function listDisclosuresFor(
  ctx: IdentityContext,
  actor: Actor,
  q: { subjectUserId?: string | undefined; pending?: boolean | undefined },
): Promise<{ items: Disclosure[] }> {
  const where = and(
    disclosurePolicy.filter(actor, 'read', disclosures),
    q.subjectUserId ? eq(disclosures.subjectUserId, q.subjectUserId) : undefined,
  ) as SQL;
  return readAudited(ctx, actor, where, 'disclosure.read').then((r) =>
    q.pending ? { items: r.items.filter((d) => d.approvalPending) } : r,
  );
}

/** A person's own disclosures: what of theirs went to whom, and why (B7). */
export function listMyDisclosures(ctx: IdentityContext, actor: Actor) {
  return readAudited(
    ctx,
    actor,
    disclosurePolicy.filter(actor, 'read_own', disclosures),
    'disclosure.read_own',
  );
}

/** One disclosure; 404 when hidden or missing alike. */
export async function getDisclosure(
  ctx: IdentityContext,
  actor: Actor,
  id: string,
): Promise<Disclosure> {
  const db = ctx.app.database.db;
  const row = await findDisclosure(db, actor.organizationId, id);
  if (
    !row ||
    !(disclosurePolicy.can(actor, 'read', row) || disclosurePolicy.can(actor, 'read_own', row))
  )
    throw notFound();
  await auditRead(ctx.app, ctx.meta, {
    organizationId: row.organizationId,
    action: 'disclosure.read',
    entityType: ENTITY,
    entityId: row.id,
    subjectId: row.subjectUserId,
  });
  return presentDisclosure(ctx.app.vault.scope(db, row.organizationId), row);
}
