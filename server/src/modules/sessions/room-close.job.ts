import { and, eq, inArray, lt, ne, or } from 'drizzle-orm';
import type { Logger } from 'pino';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { Database } from '../../platform/db/database.ts';
import { appointments, sessionRooms } from '../../platform/db/schema/index.ts';
import type { JobDefinition } from '../../platform/jobs/jobs.ts';
import { announceRoomStatus } from './bus.registry.ts';
import { checkRoomTransition } from './room-status.ts';
import { findRoom, updateRoom } from './room.repo.ts';

export const CLOSE_ROOMS_JOB = 'sessions.close-rooms';

/** Appointments that will not take place: their room closes at once, as `cancelled`. */
const GONE = ['cancelled', 'noshow', 'entered-in-error'] as const;

/** Every minute: rooms past their closing time, or whose appointment is gone, are ended. */
export function createCloseRoomsJob(deps: { auditKey: Buffer }): JobDefinition {
  return {
    name: CLOSE_ROOMS_JOB,
    cron: '* * * * *',
    async run({ database, log }) {
      const report = await closeDueRooms(database, deps.auditKey, new Date(), log);
      if (report.closed || report.failed) log.info({ ...report }, 'room close sweep done');
      if (report.failed > 0) throw new Error('room close sweep: some rooms failed');
    },
  };
}

export async function closeDueRooms(
  database: Database,
  auditKey: Buffer,
  now: Date = new Date(),
  log?: Logger,
): Promise<{ closed: number; failed: number }> {
  const report = { closed: 0, failed: 0 };
  const due = await database.db
    .select({ id: sessionRooms.id, organizationId: sessionRooms.organizationId })
    .from(sessionRooms)
    .innerJoin(appointments, eq(appointments.id, sessionRooms.appointmentId))
    .where(
      and(
        ne(sessionRooms.status, 'ended'),
        or(lt(sessionRooms.closesAt, now), inArray(appointments.status, [...GONE])),
      ),
    );
  for (const { id, organizationId } of due) {
    try {
      const ended = await closeOne(database, auditKey, organizationId, id, now);
      if (ended) {
        report.closed++;
        // After the commit; the sockets of the room close on it (on every process).
        await announceRoomStatus({ database }, ended.roomId, 'ended', ended.endReason).catch(
          () => undefined,
        );
      }
    } catch (err) {
      log?.error({ err, roomId: id }, 'room close sweep: closing failed');
      report.failed++;
    }
  }
  return report;
}

function closeOne(
  database: Database,
  auditKey: Buffer,
  organizationId: string,
  id: string,
  now: Date,
): Promise<{ roomId: string; endReason: 'closed' | 'cancelled' } | null> {
  return database.db.transaction(async (tx) => {
    const room = await findRoom(tx, organizationId, id, { lock: true });
    if (!room || room.status === 'ended') return null;
    const [a] = await tx
      .select({ status: appointments.status })
      .from(appointments)
      .where(eq(appointments.id, room.appointmentId));
    const gone = a ? (GONE as readonly string[]).includes(a.status) : true;
    if (!gone && room.closesAt >= now) return null;
    const reason = gone ? 'cancelled' : 'closed';
    const check = checkRoomTransition(room.status, 'close', 'system', reason);
    if (!check.ok) return null;
    await updateRoom(tx, room.id, { status: check.to, endedAt: now, endReason: reason });
    await appendAudit(tx, auditKey, {
      organizationId,
      actorId: null,
      action: 'system.room.close',
      entityType: 'session_room',
      entityId: room.id,
      subjectId: room.clientUserId,
      changes: {
        status: { old: room.status, new: check.to },
        endReason: { old: null, new: reason },
      },
    });
    return { roomId: room.id, endReason: reason };
  });
}
