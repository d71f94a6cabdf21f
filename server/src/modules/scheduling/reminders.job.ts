import { and, eq, gt, lte } from 'drizzle-orm';
import type { Logger } from 'pino';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { Vault } from '../../platform/crypto/vault.ts';
import type { Database } from '../../platform/db/database.ts';
import { appointmentReminders, appointments } from '../../platform/db/schema/index.ts';
import type { JobDefinition } from '../../platform/jobs/jobs.ts';
import { loadClientRecipient, notifyClient } from './appointment-reminders.ts';

export const APPOINTMENT_REMINDERS_JOB = 'scheduling.reminders';

const HOUR = 3_600_000;

export interface ReminderReport {
  sent: number;
  failed: number;
}

/**
 * Every 5 minutes: reminds clients 24 h and 1 h before a booked appointment (A5 item 6). Gets
 * the vault and audit key by closure, as the job context carries neither.
 */
export function createAppointmentRemindersJob(deps: {
  vault: Vault;
  auditKey: Buffer;
}): JobDefinition {
  return {
    name: APPOINTMENT_REMINDERS_JOB,
    cron: '*/5 * * * *',
    async run({ database, log }) {
      const report = await runAppointmentReminders(
        database,
        deps.vault,
        deps.auditKey,
        new Date(),
        log,
      );
      if (report.sent > 0 || report.failed > 0) log.info({ ...report }, 'appointment reminders');
      if (report.failed > 0) throw new Error('appointment reminders: some failed');
    },
  };
}

/**
 * One run at `now`. Each reminder is recorded in `appointment_reminders` (unique per appointment
 * and kind) before it is queued, and queued only when that insert happened, so a second run or
 * a second instance sends nothing more. Only `booked` appointments are reminded: cancelled,
 * no-show and entered-in-error ones never, pending ones not before staff approve them.
 */
export async function runAppointmentReminders(
  database: Database,
  vault: Vault,
  auditKey: Buffer,
  now: Date = new Date(),
  log?: Logger,
): Promise<ReminderReport> {
  const a = appointments;
  const due = await database.db
    .select({ id: a.id })
    .from(a)
    .where(
      and(
        eq(a.status, 'booked'),
        gt(a.startsAt, now),
        lte(a.startsAt, new Date(now.getTime() + 24 * HOUR)),
      ),
    );
  const report: ReminderReport = { sent: 0, failed: 0 };
  for (const { id } of due) {
    try {
      if (await remindOnce(database, vault, auditKey, id, now)) report.sent++;
    } catch (err) {
      // The identifier and the error's frames only: never who or when.
      log?.error({ err, appointmentId: id }, 'appointment reminder failed');
      report.failed++;
    }
  }
  return report;
}

/** One appointment's due reminder, in a transaction of its own. */
async function remindOnce(
  database: Database,
  vault: Vault,
  auditKey: Buffer,
  appointmentId: string,
  now: Date,
): Promise<boolean> {
  return database.db.transaction(async (tx) => {
    const a = appointments;
    const [row] = await tx.select().from(a).where(eq(a.id, appointmentId)).for('update');
    // Decided again under the lock: it may have been cancelled since the candidates query.
    if (row?.status !== 'booked' || row.startsAt.getTime() <= now.getTime()) return false;
    // Inside the last hour only the 1 h reminder is due: two messages at once would be noise.
    const kind = row.startsAt.getTime() - now.getTime() <= HOUR ? '1h' : '24h';
    const inserted = await tx
      .insert(appointmentReminders)
      .values({ organizationId: row.organizationId, appointmentId: row.id, kind })
      .onConflictDoNothing()
      .returning({ id: appointmentReminders.id });
    if (inserted.length === 0) return false;
    const scope = vault.scope(tx, row.organizationId);
    const to = await loadClientRecipient(tx, scope, row);
    if (to) {
      await notifyClient(tx, scope, to, 'appointment_reminder', {
        ...to.message,
        hoursBefore: kind === '1h' ? 1 : 24,
      });
    }
    await appendAudit(tx, auditKey, {
      organizationId: row.organizationId,
      actorId: null,
      action: 'system.appointment.remind',
      entityType: 'appointment',
      entityId: row.id,
      subjectId: row.clientUserId,
      changes: { reminder: { old: null, new: kind } },
    });
    return to !== null;
  });
}
