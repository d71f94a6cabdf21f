import { and, asc, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { chatMessages, roomParticipants, sessionRooms } from '../../platform/db/schema/index.ts';

export type ChatMessageRow = typeof chatMessages.$inferSelect;

/** The stored message a sender already sent under this id (a resend after a reconnect). */
export async function findSent(
  db: Db,
  roomId: string,
  senderUserId: string,
  clientMessageId: string,
): Promise<ChatMessageRow | undefined> {
  const [row] = await db
    .select()
    .from(chatMessages)
    .where(
      and(
        eq(chatMessages.roomId, roomId),
        eq(chatMessages.senderUserId, senderUserId),
        eq(chatMessages.clientMessageId, clientMessageId),
      ),
    );
  return row;
}

/**
 * The next sequence number of an open room, or undefined once it ended. The row lock it takes
 * orders concurrent writers of one room; other rooms are not touched.
 */
export async function allocateSeq(db: Db, roomId: string): Promise<number | undefined> {
  const [row] = await db
    .update(sessionRooms)
    .set({ lastSeq: sql`${sessionRooms.lastSeq} + 1` })
    .where(and(eq(sessionRooms.id, roomId), sql`${sessionRooms.status} <> 'ended'`))
    .returning({ seq: sessionRooms.lastSeq });
  return row?.seq;
}

/**
 * Numbers for a batch: each open room's last number after taking `counts` more. The rooms are
 * locked in id order first, so two batches sharing rooms cannot deadlock; an ended room is
 * missing from the answer.
 */
export async function allocateSeqs(
  db: Db,
  counts: ReadonlyMap<string, number>,
): Promise<Map<string, number>> {
  const ids = [...counts.keys()].sort();
  await db
    .select({ id: sessionRooms.id })
    .from(sessionRooms)
    .where(inArray(sessionRooms.id, ids))
    .orderBy(asc(sessionRooms.id))
    .for('update');
  const increments = sql.join(
    ids.map((id) => sql`WHEN ${id}::uuid THEN ${counts.get(id) ?? 0}::bigint`),
    sql` `,
  );
  const rows = await db
    .update(sessionRooms)
    .set({ lastSeq: sql`${sessionRooms.lastSeq} + (CASE ${sessionRooms.id} ${increments} END)` })
    .where(and(inArray(sessionRooms.id, ids), sql`${sessionRooms.status} <> 'ended'`))
    .returning({ id: sessionRooms.id, last: sessionRooms.lastSeq });
  return new Map(rows.map((r) => [r.id, r.last]));
}

/** Inserts the rows whose sender did not already send their id; returns how many it wrote. */
export async function insertMessages(
  db: Db,
  rows: (typeof chatMessages.$inferInsert)[],
): Promise<number> {
  const inserted = await db
    .insert(chatMessages)
    .values(rows)
    .onConflictDoNothing({
      target: [chatMessages.roomId, chatMessages.senderUserId, chatMessages.clientMessageId],
    })
    .returning({ id: chatMessages.id });
  return inserted.length;
}

/** Inserts unless the sender already sent this id; false then (nothing written). */
export async function insertMessage(
  db: Db,
  row: typeof chatMessages.$inferInsert,
): Promise<boolean> {
  const inserted = await db
    .insert(chatMessages)
    .values(row)
    .onConflictDoNothing({
      target: [chatMessages.roomId, chatMessages.senderUserId, chatMessages.clientMessageId],
    })
    .returning({ id: chatMessages.id });
  return inserted.length > 0;
}

/** Gives back a number taken in this transaction (the room row is still locked by it). */
export async function releaseSeq(db: Db, roomId: string, seq: number) {
  await db
    .update(sessionRooms)
    .set({ lastSeq: seq - 1 })
    .where(and(eq(sessionRooms.id, roomId), eq(sessionRooms.lastSeq, seq)));
}

/** The last `limit` messages, oldest first. */
export async function recentMessages(db: Db, roomId: string, limit: number) {
  const rows = await db
    .select()
    .from(chatMessages)
    .where(eq(chatMessages.roomId, roomId))
    .orderBy(desc(chatMessages.seq))
    .limit(limit);
  return rows.reverse();
}

export async function messagesAfter(db: Db, roomId: string, afterSeq: number, limit: number) {
  return db
    .select()
    .from(chatMessages)
    .where(and(eq(chatMessages.roomId, roomId), gt(chatMessages.seq, afterSeq)))
    .orderBy(asc(chatMessages.seq))
    .limit(limit);
}

/** Read receipts only move forward. */
export async function markRead(db: Db, roomId: string, userId: string, seq: number) {
  await db
    .update(roomParticipants)
    .set({ readUpToSeq: sql`greatest(${roomParticipants.readUpToSeq}, ${seq})` })
    .where(and(eq(roomParticipants.roomId, roomId), eq(roomParticipants.userId, userId)));
}

export async function participants(db: Db, roomId: string) {
  return db.select().from(roomParticipants).where(eq(roomParticipants.roomId, roomId));
}

export async function roomStatus(db: Db, roomId: string) {
  const [row] = await db
    .select({ status: sessionRooms.status, endReason: sessionRooms.endReason })
    .from(sessionRooms)
    .where(eq(sessionRooms.id, roomId));
  return row;
}
