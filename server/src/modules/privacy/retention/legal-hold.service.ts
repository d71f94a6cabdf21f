import type { LegalHold, LegalHoldCreate } from '@anxin/common';
import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../../platform/auth/actor.ts';
import { legalHolds, users } from '../../../platform/db/schema/index.ts';
import { AppError, notFound } from '../../../platform/http/app-error.ts';
import { requirePermission } from '../../counselors/vocabulary.service.ts';
import { audit } from '../../identity/audit-helpers.ts';
import { auditKeyOf, type IdentityContext } from '../../identity/identity-context.ts';
import { findHold, listHolds, type LegalHoldRow } from './legal-hold.repo.ts';

function present(row: LegalHoldRow, subjectName: string | null): LegalHold {
  return {
    id: row.id,
    subjectUserId: row.subjectUserId,
    subjectName,
    caseReference: row.caseReference,
    reason: row.reason,
    placedAt: row.placedAt.toISOString(),
    placedBy: row.placedBy,
    releasedAt: row.releasedAt?.toISOString() ?? null,
    active: row.releasedAt === null,
  };
}

export async function listLegalHolds(ctx: IdentityContext, actor: Actor): Promise<LegalHold[]> {
  requirePermission(ctx.app, actor, 'legal_hold.manage');
  const rows = await listHolds(ctx.app.database.db, actor.organizationId);
  return rows.map((r) => present(r.hold, r.subjectName));
}

/**
 * A legal hold (B9): while in force nothing of the person is destroyed, neither by erasure (it
 * seals instead) nor by the retention job. A hold on a case reference alone is recorded for the
 * records that will carry case references; none do yet.
 */
export async function placeLegalHold(
  ctx: IdentityContext,
  actor: Actor,
  input: LegalHoldCreate,
): Promise<LegalHold> {
  requirePermission(ctx.app, actor, 'legal_hold.manage');
  return ctx.app.database.db.transaction(async (tx) => {
    let subjectName: string | null = null;
    if (input.subjectUserId) {
      const [user] = await tx
        .select({ name: users.displayName })
        .from(users)
        .where(
          and(eq(users.organizationId, actor.organizationId), eq(users.id, input.subjectUserId)),
        );
      if (!user) {
        throw new AppError('validation_failed', 'No such person.', [
          { path: 'body.subjectUserId', message: 'No such person', code: 'not_found' },
        ]);
      }
      subjectName = user.name;
    }
    const [row] = await tx
      .insert(legalHolds)
      .values({
        organizationId: actor.organizationId,
        subjectUserId: input.subjectUserId ?? null,
        caseReference: input.caseReference ?? null,
        reason: input.reason,
        placedBy: actor.userId,
      })
      .returning();
    if (!row) throw new Error('hold not inserted');
    await audit(tx, auditKeyOf(ctx), ctx.meta, {
      organizationId: actor.organizationId,
      action: 'legal_hold.place',
      entityType: 'legal_hold',
      entityId: row.id,
      subjectId: row.subjectUserId,
      changes: { caseReference: { old: null, new: row.caseReference } },
    });
    return present(row, subjectName);
  });
}

/** Ends a hold; the next retention run then proceeds with what it held. */
export async function releaseLegalHold(
  ctx: IdentityContext,
  actor: Actor,
  id: string,
): Promise<LegalHold> {
  requirePermission(ctx.app, actor, 'legal_hold.manage');
  return ctx.app.database.db.transaction(async (tx) => {
    const hold = await findHold(tx, actor.organizationId, id, true);
    if (!hold) throw notFound();
    if (hold.releasedAt) throw new AppError('invalid_transition', 'This hold was released.');
    const now = new Date();
    const [row] = await tx
      .update(legalHolds)
      .set({ releasedAt: now, releasedBy: actor.userId, updatedAt: now })
      .where(eq(legalHolds.id, id))
      .returning();
    if (!row) throw notFound();
    await audit(tx, auditKeyOf(ctx), ctx.meta, {
      organizationId: actor.organizationId,
      action: 'legal_hold.release',
      entityType: 'legal_hold',
      entityId: id,
      subjectId: row.subjectUserId,
      changes: { releasedAt: { old: null, new: now.toISOString() } },
    });
    return present(row, null);
  });
}
