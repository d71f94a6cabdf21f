import { and, eq, isNull, lt, lte } from 'drizzle-orm';
import type { Logger } from 'pino';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { Vault } from '../../platform/crypto/vault.ts';
import type { Database, Db } from '../../platform/db/database.ts';
import {
  appointments,
  organizations,
  roomParticipants,
  sessionRooms,
} from '../../platform/db/schema/index.ts';
import type { JobDefinition } from '../../platform/jobs/jobs.ts';
import { readSchedulingSettings } from './appointment-settings.ts';
import { applyAppointmentEvent } from './appointment-transition.service.ts';

export const NO_SHOW_JOB = 'scheduling.no_show';

export interface NoShowReport {
  marked: number;
  /** Appointments whose transaction failed (each rolled back alone; the rest went on). */
  failed: number;
}

/**
 * Every minute: a booked appointment whose start plus the grace period (15 min by default) has
 * passed with nobody arrived becomes a no-show (A5). Gets the vault and audit key by closure,
 * as the job context carries neither.
 */
export function createNoShowJob(deps: { vault: Vault; auditKey: Buffer }): JobDefinition {
  return {
    name: NO_SHOW_JOB,
    cron: '* * * * *',
    async run({ database, log }) {
      const report = await runNoShowSweep(database, deps.vault, deps.auditKey, new Date(), log);
      if (report.marked || report.failed) log.info({ ...report }, 'no-show sweep done');
      if (report.failed > 0) throw new Error('no-show sweep: some appointments failed');
    },
  };
}

/**
 * One run at `now`, over every organisation with its own grace period. Idempotent: each
 * appointment is decided again under its row lock, so a second run (or a counselor marking
 * arrival meanwhile) changes nothing.
 */
export async function runNoShowSweep(
  database: Database,
  vault: Vault,
  auditKey: Buffer,
  now: Date = new Date(),
  log?: Logger,
): Promise<NoShowReport> {
  const report: NoShowReport = { marked: 0, failed: 0 };
  const orgs = await database.db.select({ id: organizations.id }).from(organizations);
  for (const org of orgs) {
    const settings = await readSchedulingSettings(database.db, org.id);
    const cutoff = new Date(now.getTime() - settings.noShowGraceMinutes * 60_000);
    const due = await database.db
      .select({ id: appointments.id })
      .from(appointments)
      .where(
        and(
          eq(appointments.organizationId, org.id),
          eq(appointments.status, 'booked'),
          isNull(appointments.arrivedAt),
          lt(appointments.startsAt, cutoff),
        ),
      );
    for (const { id } of due) {
      try {
        if (await markAbsent(database, vault, auditKey, id, now, cutoff)) report.marked++;
      } catch (err) {
        // Identifiers and the error's frames only.
        log?.error({ err, appointmentId: id }, 'no-show sweep: marking failed');
        report.failed++;
      }
    }
  }
  return report;
}

async function markAbsent(
  database: Database,
  vault: Vault,
  auditKey: Buffer,
  id: string,
  now: Date,
  cutoff: Date,
): Promise<boolean> {
  return database.db.transaction(async (tx) => {
    const [row] = await tx.select().from(appointments).where(eq(appointments.id, id)).for('update');
    if (row?.status !== 'booked' || row.arrivedAt || row.startsAt >= cutoff) return false;
    if (await joinedInTime(tx, row, now.getTime() - cutoff.getTime())) return false;
    await applyAppointmentEvent(
      {
        tx,
        vault: vault.scope(tx, row.organizationId),
        audit: (fields) => appendAudit(tx, auditKey, { ...fields, actorId: null }),
        actorId: null,
        now,
        settings: await readSchedulingSettings(tx, row.organizationId),
      },
      row,
      'mark_absent',
      'system',
      null,
      'system.appointment.noshow',
    );
    return true;
  });
}

/**
 * Whether the client joined the session room by the start plus the grace period: attendance
 * the room recorded counts even if the arrival itself was not (issue 7.1).
 */
async function joinedInTime(
  tx: Db,
  a: { id: string; clientUserId: string; startsAt: Date },
  graceMs: number,
): Promise<boolean> {
  const rows = await tx
    .select({ id: roomParticipants.id })
    .from(roomParticipants)
    .innerJoin(sessionRooms, eq(sessionRooms.id, roomParticipants.roomId))
    .where(
      and(
        eq(sessionRooms.appointmentId, a.id),
        eq(roomParticipants.userId, a.clientUserId),
        eq(roomParticipants.role, 'client'),
        lte(roomParticipants.firstJoinedAt, new Date(a.startsAt.getTime() + graceMs)),
      ),
    )
    .limit(1);
  return rows.length > 0;
}
