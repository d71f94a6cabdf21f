import type { WorkingDayException } from '@anxin/common';
import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../../platform/auth/actor.ts';
import { audit } from '../../../platform/audit/request-audit.ts';
import { workingDayExceptions } from '../../../platform/db/schema/index.ts';
import { AppError, notFound } from '../../../platform/http/app-error.ts';
import { requirePermission } from '../../counselors/vocabulary.service.ts';
import type { PrivacyContext } from './privacy-requests.service.ts';
import { readPrivacySettings } from './privacy-settings.ts';
import {
  listExceptions,
  organizationTimeZone,
  type WorkingDayExceptionRow,
} from './working-calendar.repo.ts';

const present = (r: WorkingDayExceptionRow): WorkingDayException => ({
  id: r.id,
  date: r.date,
  working: r.working,
  label: r.label,
});

/**
 * The organisation's working-day calendar (B11): holidays and make-up working days. Changing it
 * moves the due dates of requests received afterwards only; a due date once given stays.
 */
export async function listCalendar(
  ctx: PrivacyContext,
  actor: Actor,
  range: { from?: string | undefined; to?: string | undefined },
) {
  requirePermission(ctx.app, actor, 'privacy_request.handle');
  const db = ctx.app.database.db;
  const [rows, timeZone, settings] = await Promise.all([
    listExceptions(db, actor.organizationId, {
      ...(range.from ? { from: range.from } : {}),
      ...(range.to ? { to: range.to } : {}),
    }),
    organizationTimeZone(db, actor.organizationId),
    readPrivacySettings(db, actor.organizationId),
  ]);
  return {
    items: rows.map(present),
    timeZone,
    requestDueWorkingDays: settings.requestDueWorkingDays,
  };
}

export async function addException(
  ctx: PrivacyContext,
  actor: Actor,
  body: { date: string; working: boolean; label?: string | undefined },
): Promise<WorkingDayException> {
  requirePermission(ctx.app, actor, 'privacy_request.handle');
  return ctx.app.database.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(workingDayExceptions)
      .values({
        organizationId: actor.organizationId,
        date: body.date,
        working: body.working,
        label: body.label || null,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) {
      throw new AppError('conflict', 'This date already has an exception.', [
        { path: 'body.date', message: 'Already in the calendar', code: 'duplicate' },
      ]);
    }
    await audit(tx, ctx.app.vault.keyring.auditKey, ctx.meta, {
      organizationId: actor.organizationId,
      action: 'working_day_exception.create',
      entityType: 'working_day_exception',
      entityId: row.id,
      changes: { date: { old: null, new: row.date }, working: { old: null, new: row.working } },
    });
    return present(row);
  });
}

export async function removeException(ctx: PrivacyContext, actor: Actor, id: string) {
  requirePermission(ctx.app, actor, 'privacy_request.handle');
  await ctx.app.database.db.transaction(async (tx) => {
    const [row] = await tx
      .delete(workingDayExceptions)
      .where(
        and(
          eq(workingDayExceptions.organizationId, actor.organizationId),
          eq(workingDayExceptions.id, id),
        ),
      )
      .returning();
    if (!row) throw notFound();
    await audit(tx, ctx.app.vault.keyring.auditKey, ctx.meta, {
      organizationId: actor.organizationId,
      action: 'working_day_exception.delete',
      entityType: 'working_day_exception',
      entityId: row.id,
      changes: { date: { old: row.date, new: null }, working: { old: row.working, new: null } },
    });
  });
}
