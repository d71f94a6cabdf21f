import { and, eq, lt, ne, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import {
  counselorProfiles,
  roomParticipants,
  sessionRooms,
  users,
} from '../../platform/db/schema/index.ts';

export type SessionRoomRow = typeof sessionRooms.$inferSelect;
export type RoomParticipantRow = typeof roomParticipants.$inferSelect;

export async function findRoom(
  tx: Db,
  organizationId: string,
  id: string,
  options: { lock?: boolean } = {},
): Promise<SessionRoomRow | undefined> {
  const q = tx
    .select()
    .from(sessionRooms)
    .where(and(eq(sessionRooms.organizationId, organizationId), eq(sessionRooms.id, id)));
  const rows = options.lock ? await q.for('update') : await q;
  return rows[0];
}

export async function findRoomOfAppointment(
  tx: Db,
  organizationId: string,
  appointmentId: string,
): Promise<SessionRoomRow | undefined> {
  const rows = await tx
    .select()
    .from(sessionRooms)
    .where(
      and(
        eq(sessionRooms.organizationId, organizationId),
        eq(sessionRooms.appointmentId, appointmentId),
      ),
    );
  return rows[0];
}

/** Creates the room unless a concurrent request did; either way returns the one room. */
export async function insertRoomOnce(
  tx: Db,
  values: typeof sessionRooms.$inferInsert,
): Promise<SessionRoomRow> {
  await tx.insert(sessionRooms).values(values).onConflictDoNothing();
  const row = await findRoomOfAppointment(tx, values.organizationId, values.appointmentId);
  if (!row) throw new Error('room not created');
  return row;
}

export async function updateRoom(
  tx: Db,
  id: string,
  set: Partial<typeof sessionRooms.$inferInsert>,
): Promise<SessionRoomRow> {
  const [row] = await tx
    .update(sessionRooms)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(sessionRooms.id, id))
    .returning();
  if (!row) throw new Error('room vanished');
  return row;
}

/** Records a join: the first one fixes `firstJoinedAt` (attendance), later ones move `lastJoinedAt`. */
export async function upsertParticipant(
  tx: Db,
  v: { organizationId: string; roomId: string; userId: string; role: RoomParticipantRow['role'] },
  now: Date,
): Promise<RoomParticipantRow> {
  const [row] = await tx
    .insert(roomParticipants)
    .values({ ...v, firstJoinedAt: now, lastJoinedAt: now })
    .onConflictDoUpdate({
      target: [roomParticipants.roomId, roomParticipants.userId],
      set: { lastJoinedAt: now, updatedAt: now },
    })
    .returning();
  if (!row) throw new Error('participant not recorded');
  return row;
}

export async function addConnectedTime(
  tx: Db,
  roomId: string,
  userId: string,
  seconds: number,
  now: Date,
): Promise<void> {
  await tx
    .update(roomParticipants)
    .set({
      lastLeftAt: now,
      connectedSeconds: sql`${roomParticipants.connectedSeconds} + ${Math.max(0, Math.round(seconds))}`,
      updatedAt: now,
    })
    .where(and(eq(roomParticipants.roomId, roomId), eq(roomParticipants.userId, userId)));
}

export async function participantRoles(
  tx: Db,
  roomId: string,
): Promise<Set<RoomParticipantRow['role']>> {
  const rows = await tx
    .select({ role: roomParticipants.role })
    .from(roomParticipants)
    .where(eq(roomParticipants.roomId, roomId));
  return new Set(rows.map((r) => r.role));
}

/** Rooms past their closing time that are not ended yet: the close job's work. */
export async function findDueRooms(tx: Db, now: Date): Promise<{ id: string }[]> {
  return tx
    .select({ id: sessionRooms.id })
    .from(sessionRooms)
    .where(and(ne(sessionRooms.status, 'ended'), lt(sessionRooms.closesAt, now)));
}

/** The display names shown across the room (never the client's real name, which is sealed). */
export async function roomNames(
  tx: Db,
  room: Pick<SessionRoomRow, 'clientUserId' | 'counselorUserId'>,
): Promise<{ clientName: string; counselorName: string }> {
  const [client] = await tx
    .select({ name: users.displayName })
    .from(users)
    .where(eq(users.id, room.clientUserId));
  const [counselor] = await tx
    .select({ name: counselorProfiles.displayName })
    .from(counselorProfiles)
    .where(eq(counselorProfiles.userId, room.counselorUserId));
  return { clientName: client?.name ?? '', counselorName: counselor?.name ?? '' };
}
