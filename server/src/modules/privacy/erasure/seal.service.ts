import { randomUUID } from 'node:crypto';
import type { Seal, SealDetail } from '@anxin/common';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Actor } from '../../../platform/auth/actor.ts';
import { auditRead } from '../../../platform/audit/request-audit.ts';
import type { Db } from '../../../platform/db/database.ts';
import { breakGlassGrants, seals, userRoles } from '../../../platform/db/schema/index.ts';
import { AppError, notFound } from '../../../platform/http/app-error.ts';
import { requirePermission } from '../../counselors/vocabulary.service.ts';
import { enqueueNotification } from '../../notifications/notification.service.ts';
import { audit } from '../../identity/audit-helpers.ts';
import { auditKeyOf, kickDelivery, type IdentityContext } from '../../identity/identity-context.ts';
import type { SealedRecords } from './erasure.service.ts';
import { decryptSealedRows } from './sealed-fields.ts';
import { sealSourceFor } from './sources/index.ts';

type SealRow = typeof seals.$inferSelect;

/** Seals are the privacy officer's (an administrator designation): hidden from anyone else. */
function requireSealOfficer(ctx: IdentityContext, actor: Actor) {
  try {
    requirePermission(ctx.app, actor, 'seal.read');
  } catch {
    throw notFound();
  }
}

export const recordsOf = (row: SealRow) => (row.records ?? []) as SealedRecords[];

function presentSeal(row: SealRow): Seal {
  return {
    id: row.id,
    subjectUserId: row.subjectUserId,
    recordType: row.recordType,
    reason: row.reason,
    recordCount: recordsOf(row).reduce((n, r) => n + r.ids.length, 0),
    sealedAt: row.createdAt.toISOString(),
    sealedUntil: row.sealedUntil?.toISOString() ?? null,
    shreddedAt: row.shreddedAt?.toISOString() ?? null,
    requestId: row.requestId,
  };
}

async function findSeal(db: Db, organizationId: string, id: string) {
  return (
    await db
      .select()
      .from(seals)
      .where(and(eq(seals.organizationId, organizationId), eq(seals.id, id)))
  )[0];
}

/** The organisation's seals, newest first: kinds, counts and dates only, never content. */
export async function listSeals(ctx: IdentityContext, actor: Actor): Promise<Seal[]> {
  requireSealOfficer(ctx, actor);
  const rows = await ctx.app.database.db
    .select()
    .from(seals)
    .where(eq(seals.organizationId, actor.organizationId))
    .orderBy(desc(seals.createdAt))
    .limit(500);
  return rows.map(presentSeal);
}

/**
 * Break-glass on a seal: a written reason, at most 60 minutes, audited, administrators told.
 * The reason is encrypted under the seal's own key (the person's key no longer exists).
 */
export async function openSeal(
  ctx: IdentityContext,
  actor: Actor,
  sealId: string,
  input: { reason: string; minutes: number },
) {
  requireSealOfficer(ctx, actor);
  const grant = await ctx.app.database.db.transaction(async (tx) => {
    const seal = await findSeal(tx, actor.organizationId, sealId);
    if (!seal) throw notFound();
    if (seal.shreddedAt) throw new AppError('conflict', 'This seal was shredded.');
    const id = randomUUID();
    const expiresAt = new Date(Date.now() + input.minutes * 60_000);
    const vault = ctx.app.vault.scope(tx, actor.organizationId);
    const reasonEnc = await vault.encrypt(
      { type: 'seal', id: seal.id },
      { table: 'break_glass_grants', field: 'reason', recordId: id },
      input.reason,
    );
    await tx.insert(breakGlassGrants).values({
      id,
      organizationId: actor.organizationId,
      actorId: actor.userId,
      resourceType: 'seal',
      resourceId: seal.id,
      reasonEnc,
      expiresAt,
    });
    await audit(tx, auditKeyOf(ctx), ctx.meta, {
      organizationId: actor.organizationId,
      action: 'break_glass.start',
      entityType: 'seal',
      entityId: seal.id,
      subjectId: seal.subjectUserId,
      reason: `break_glass:${id}`,
      changes: { expiresAt: { old: null, new: expiresAt.toISOString() } },
    });
    const admins = await tx
      .select({ userId: userRoles.userId })
      .from(userRoles)
      .where(
        and(
          eq(userRoles.organizationId, actor.organizationId),
          eq(userRoles.role, 'administrator'),
        ),
      );
    for (const admin of admins) {
      await enqueueNotification(tx, vault, {
        organizationId: actor.organizationId,
        userId: admin.userId,
        keyOwner: { type: 'person', id: admin.userId },
        channel: 'in_app',
        template: 'break_glass_opened',
        params: { actorName: actor.displayName, resourceType: 'seal', minutes: input.minutes },
        locale: 'zh-CN',
      });
    }
    return { id, resourceType: 'seal', resourceId: seal.id, expiresAt: expiresAt.toISOString() };
  });
  await kickDelivery(ctx);
  return grant;
}

/**
 * A seal's content, only under an active break-glass grant on it; the read is audited before
 * anything is returned. Without a grant it answers 403 (the seal itself is listed to officers).
 */
export async function readSeal(
  ctx: IdentityContext,
  actor: Actor,
  sealId: string,
): Promise<SealDetail> {
  requireSealOfficer(ctx, actor);
  const { db } = ctx.app.database;
  const seal = await findSeal(db, actor.organizationId, sealId);
  if (!seal) throw notFound();
  const grant = actor.breakGlass.find((g) => g.resourceType === 'seal' && g.resourceId === sealId);
  if (!grant) throw new AppError('forbidden', 'Open the seal through break-glass first.');
  const vault = ctx.app.vault.scope(db, actor.organizationId);
  const records: SealDetail['records'] = [];
  if (!seal.shreddedAt) {
    for (const part of recordsOf(seal)) {
      const source = sealSourceFor(part.table);
      if (!source) continue;
      records.push(
        ...(await decryptSealedRows(db, vault, source, part.ids, { type: 'seal', id: seal.id })),
      );
    }
  }
  await auditRead(ctx.app, ctx.meta, {
    organizationId: actor.organizationId,
    action: 'seal.read',
    entityType: 'seal',
    entityId: seal.id,
    subjectId: seal.subjectUserId,
    reason: `break_glass:${grant.grantId}`,
  });
  return { ...presentSeal(seal), records };
}

/** Seals still sealed (for the retention job). */
export function liveSeals(db: Db, organizationId: string) {
  return db
    .select()
    .from(seals)
    .where(and(eq(seals.organizationId, organizationId), isNull(seals.shreddedAt)));
}
