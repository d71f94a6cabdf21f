import { and, asc, eq, ne } from 'drizzle-orm';
import type { z } from 'zod';
import type { sessionTypeInputSchema, sessionTypeSchema } from '@anxin/common';
import { abilitiesOf } from '../../platform/auth/abilities.ts';
import type { AppContext } from '../../app-context.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { sessionTypes } from '../../platform/db/schema/index.ts';
import { AppError, notFound } from '../../platform/http/app-error.ts';
import { changesBetween, createdChanges } from '../counselors/vocabulary.service.ts';
import { resolveOrganization } from '../counselors/directory.service.ts';
import { audit } from '../identity/audit-helpers.ts';
import { auditKeyOf, type IdentityContext } from '../identity/identity-context.ts';
import { requireSchedulingAdmin } from './scheduling-settings.service.ts';

export type SessionTypeRow = typeof sessionTypes.$inferSelect;
export type SessionType = z.infer<typeof sessionTypeSchema>;
export type SessionTypeInput = z.output<typeof sessionTypeInputSchema>;
/** The code is not editable: appointments name their type by it. */
export type SessionTypePatch = Partial<Omit<SessionTypeInput, 'code'>>;

export function presentSessionType(row: SessionTypeRow): SessionType {
  return {
    id: row.id,
    code: row.code,
    labelZh: row.labelZh,
    labelEn: row.labelEn,
    durationMinutes: row.durationMinutes,
    bufferBeforeMinutes: row.bufferBeforeMinutes,
    bufferAfterMinutes: row.bufferAfterMinutes,
    isIntake: row.isIntake,
    active: row.active,
    sortOrder: row.sortOrder,
  };
}

/** The organisation's session types in display order, inactive ones only when asked. */
export async function findSessionTypes(
  db: Db,
  organizationId: string,
  includeInactive = false,
): Promise<SessionTypeRow[]> {
  const t = sessionTypes;
  return db
    .select()
    .from(t)
    .where(
      and(eq(t.organizationId, organizationId), includeInactive ? undefined : eq(t.active, true)),
    )
    .orderBy(asc(t.sortOrder), asc(t.code));
}

/** Public: the web app shows the types (durations) before anyone signs in. */
export async function listSessionTypes(
  app: AppContext,
  actor: Actor | null,
  includeInactive: boolean,
) {
  const org = await resolveOrganization(app.database.db, actor);
  const admin = actor
    ? abilitiesOf(actor, app.config.env).includes('scheduling.settings.update')
    : false;
  const rows = await findSessionTypes(app.database.db, org.id, includeInactive && admin);
  return { items: rows.map(presentSessionType) };
}

/**
 * C1 needs exactly one active intake type: it is what a first appointment books. Checked inside
 * the writing transaction, after the change, so no edit can leave zero or two.
 */
async function assertOneActiveIntake(tx: Db, organizationId: string): Promise<void> {
  const rows = await tx
    .select({ id: sessionTypes.id })
    .from(sessionTypes)
    .where(
      and(
        eq(sessionTypes.organizationId, organizationId),
        eq(sessionTypes.active, true),
        eq(sessionTypes.isIntake, true),
      ),
    );
  if (rows.length !== 1) {
    throw new AppError('conflict', 'Exactly one active intake session type must remain.', [
      { path: 'body.isIntake', message: 'Exactly one active intake type', code: 'one_intake' },
    ]);
  }
}

/** Serialises edits of one organisation's types, so two concurrent edits cannot both pass C1. */
async function lockTypes(tx: Db, organizationId: string): Promise<void> {
  await tx
    .select({ id: sessionTypes.id })
    .from(sessionTypes)
    .where(eq(sessionTypes.organizationId, organizationId))
    .for('update');
}

/**
 * Making a type the intake moves the flag: the previous active intake stops being one in the
 * same transaction (audited), so an administrator can change which type is the intake in one
 * step — one type at a time could only ever leave two intakes or none on the way.
 */
async function moveIntakeFlag(
  ctx: IdentityContext,
  tx: Db,
  organizationId: string,
  toId: string | null,
): Promise<void> {
  const others = await tx
    .update(sessionTypes)
    .set({ isIntake: false, updatedAt: new Date() })
    .where(
      and(
        eq(sessionTypes.organizationId, organizationId),
        eq(sessionTypes.isIntake, true),
        eq(sessionTypes.active, true),
        toId ? ne(sessionTypes.id, toId) : undefined,
      ),
    )
    .returning({ id: sessionTypes.id });
  for (const other of others) {
    await audit(tx, auditKeyOf(ctx), ctx.meta, {
      organizationId,
      action: 'session_type.update',
      entityType: 'session_type',
      entityId: other.id,
      changes: { isIntake: { old: true, new: false } },
    });
  }
}

export async function createSessionType(
  ctx: IdentityContext,
  actor: Actor,
  input: SessionTypeInput,
): Promise<SessionType> {
  requireSchedulingAdmin(ctx.app, actor);
  const organizationId = actor.organizationId;
  return ctx.app.database.db.transaction(async (tx) => {
    await lockTypes(tx, organizationId);
    if (input.isIntake && input.active) await moveIntakeFlag(ctx, tx, organizationId, null);
    const [row] = await tx
      .insert(sessionTypes)
      .values({ ...input, organizationId })
      .onConflictDoNothing()
      .returning();
    if (!row) {
      throw new AppError('conflict', 'This code is already used.', [
        { path: 'body.code', message: 'Already used', code: 'taken' },
      ]);
    }
    await assertOneActiveIntake(tx, organizationId);
    await audit(tx, auditKeyOf(ctx), ctx.meta, {
      organizationId,
      action: 'session_type.create',
      entityType: 'session_type',
      entityId: row.id,
      changes: createdChanges(input),
    });
    return presentSessionType(row);
  });
}

export async function editSessionType(
  ctx: IdentityContext,
  actor: Actor,
  id: string,
  patch: SessionTypePatch,
): Promise<SessionType> {
  requireSchedulingAdmin(ctx.app, actor);
  const organizationId = actor.organizationId;
  return ctx.app.database.db.transaction(async (tx) => {
    await lockTypes(tx, organizationId);
    const scope = and(eq(sessionTypes.organizationId, organizationId), eq(sessionTypes.id, id));
    const before = (await tx.select().from(sessionTypes).where(scope))[0];
    if (!before) throw notFound();
    const changes = changesBetween(before, patch);
    if (Object.keys(changes).length === 0) return presentSessionType(before);
    if (patch.isIntake === true && (patch.active ?? before.active)) {
      await moveIntakeFlag(ctx, tx, organizationId, id);
    }
    const [row] = await tx
      .update(sessionTypes)
      .set({ ...patch, updatedAt: new Date() })
      .where(scope)
      .returning();
    if (!row) throw notFound();
    await assertOneActiveIntake(tx, organizationId);
    await audit(tx, auditKeyOf(ctx), ctx.meta, {
      organizationId,
      action: 'session_type.update',
      entityType: 'session_type',
      entityId: id,
      changes,
    });
    return presentSessionType(row);
  });
}
