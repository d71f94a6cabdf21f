import { and, asc, eq, isNull } from 'drizzle-orm';
import { audit } from '../../platform/audit/request-audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import {
  counselorProfiles,
  counselorSupervisors,
  userRoles,
  users,
} from '../../platform/db/schema/index.ts';
import { AppError, notFound } from '../../platform/http/app-error.ts';
import { requirePermission } from '../counselors/vocabulary.service.ts';
import type { RecordsContext } from './record.service.ts';

type Row = typeof counselorSupervisors.$inferSelect;
const present = (r: Row, supervisorName: string) => ({
  id: r.id,
  counselorId: r.counselorId,
  supervisorUserId: r.supervisorUserId,
  supervisorName,
  createdAt: r.createdAt.toISOString(),
});

/** A counselor's current supervisors (administrators manage them, C5). */
export async function listSupervisors(ctx: RecordsContext, actor: Actor, counselorId: string) {
  requirePermission(ctx.app, actor, 'supervision.manage');
  const rows = await ctx.app.database.db
    .select({ s: counselorSupervisors, name: users.displayName })
    .from(counselorSupervisors)
    .innerJoin(users, eq(users.id, counselorSupervisors.supervisorUserId))
    .where(
      and(
        eq(counselorSupervisors.organizationId, actor.organizationId),
        eq(counselorSupervisors.counselorId, counselorId),
        isNull(counselorSupervisors.endedAt),
      ),
    )
    .orderBy(asc(counselorSupervisors.createdAt));
  return { items: rows.map((r) => present(r.s, r.name)) };
}

/**
 * Names a supervisor of a counselor: from then on they read the counselor's records, co-sign a
 * trainee's notes, and may observe sessions where the client allows it. Audited.
 */
export async function assignSupervisor(
  ctx: RecordsContext,
  actor: Actor,
  counselorId: string,
  supervisorUserId: string,
) {
  requirePermission(ctx.app, actor, 'supervision.manage');
  return ctx.app.database.db.transaction(async (tx) => {
    const [profile] = await tx
      .select({ id: counselorProfiles.id, userId: counselorProfiles.userId })
      .from(counselorProfiles)
      .where(
        and(
          eq(counselorProfiles.organizationId, actor.organizationId),
          eq(counselorProfiles.id, counselorId),
        ),
      );
    if (!profile) throw notFound();
    const [supervisor] = await tx
      .select({ name: users.displayName })
      .from(users)
      .innerJoin(userRoles, eq(userRoles.userId, users.id))
      .where(
        and(
          eq(users.organizationId, actor.organizationId),
          eq(users.id, supervisorUserId),
          eq(userRoles.role, 'supervisor'),
        ),
      );
    if (!supervisor)
      throw new AppError('validation_failed', 'Not a supervisor of this organisation.', [
        { path: 'body.supervisorUserId', message: 'Not a supervisor', code: 'not_supervisor' },
      ]);
    if (supervisorUserId === profile.userId)
      throw new AppError('validation_failed', 'Nobody supervises themselves.', [
        { path: 'body.supervisorUserId', message: 'Same person', code: 'self' },
      ]);
    const now = new Date();
    const [row] = await tx
      .insert(counselorSupervisors)
      .values({ organizationId: actor.organizationId, counselorId, supervisorUserId })
      .onConflictDoUpdate({
        target: [counselorSupervisors.counselorId, counselorSupervisors.supervisorUserId],
        set: { endedAt: null, updatedAt: now },
      })
      .returning();
    if (!row) throw new Error('supervisor not assigned');
    await audit(tx, ctx.app.vault.keyring.auditKey, ctx.meta, {
      organizationId: actor.organizationId,
      action: 'supervision.assign',
      entityType: 'counselor_profile',
      entityId: counselorId,
      subjectId: profile.userId,
      changes: { supervisor: { old: null, new: supervisorUserId } },
    });
    return present(row, supervisor.name);
  });
}

export async function endSupervision(
  ctx: RecordsContext,
  actor: Actor,
  counselorId: string,
  supervisorUserId: string,
) {
  requirePermission(ctx.app, actor, 'supervision.manage');
  await ctx.app.database.db.transaction(async (tx) => {
    const [row] = await tx
      .update(counselorSupervisors)
      .set({ endedAt: new Date(), updatedAt: new Date() })
      .where(
        and(
          eq(counselorSupervisors.organizationId, actor.organizationId),
          eq(counselorSupervisors.counselorId, counselorId),
          eq(counselorSupervisors.supervisorUserId, supervisorUserId),
          isNull(counselorSupervisors.endedAt),
        ),
      )
      .returning();
    if (!row) throw notFound();
    await audit(tx, ctx.app.vault.keyring.auditKey, ctx.meta, {
      organizationId: actor.organizationId,
      action: 'supervision.end',
      entityType: 'counselor_profile',
      entityId: counselorId,
      changes: { supervisor: { old: supervisorUserId, new: null } },
    });
  });
}
