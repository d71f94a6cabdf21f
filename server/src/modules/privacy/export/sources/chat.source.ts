import { and, asc, eq } from 'drizzle-orm';
import {
  chatMessages,
  counselorProfiles,
  roomParticipants,
  sessionRooms,
} from '../../../../platform/db/schema/index.ts';
import { iso, personKey, type ExportSource } from '../export-source.ts';

/** The person's online sessions as a client: timings and their own attendance. */
export const sessionRoomsSource: ExportSource = {
  name: 'sessionRooms',
  async collect(tx, _vault, subject) {
    const rows = await tx
      .select({
        r: sessionRooms,
        counselor: counselorProfiles.displayName,
        connectedSeconds: roomParticipants.connectedSeconds,
        firstJoinedAt: roomParticipants.firstJoinedAt,
      })
      .from(sessionRooms)
      .leftJoin(counselorProfiles, eq(counselorProfiles.userId, sessionRooms.counselorUserId))
      .leftJoin(
        roomParticipants,
        and(
          eq(roomParticipants.roomId, sessionRooms.id),
          eq(roomParticipants.userId, subject.userId),
        ),
      )
      .where(
        and(
          eq(sessionRooms.organizationId, subject.organizationId),
          eq(sessionRooms.clientUserId, subject.userId),
        ),
      )
      .orderBy(asc(sessionRooms.opensAt));
    return rows.map(({ r, counselor, connectedSeconds, firstJoinedAt }) => ({
      id: r.id,
      appointmentId: r.appointmentId,
      counselor,
      status: r.status,
      startedAt: iso(r.startedAt),
      endedAt: iso(r.endedAt),
      endReason: r.endReason,
      firstJoinedAt: iso(firstJoinedAt),
      connectedSeconds: connectedSeconds ?? 0,
    }));
  },
};

/**
 * The chat of the person's sessions as a client, both sides: the conversation is sealed under the
 * client's key and is theirs (the counselor's words to them included, as in a letter received).
 */
export const chatMessagesSource: ExportSource = {
  name: 'chatMessages',
  async collect(tx, vault, subject) {
    const rows = await tx
      .select({ m: chatMessages })
      .from(chatMessages)
      .innerJoin(sessionRooms, eq(sessionRooms.id, chatMessages.roomId))
      .where(
        and(
          eq(chatMessages.organizationId, subject.organizationId),
          eq(sessionRooms.clientUserId, subject.userId),
        ),
      )
      .orderBy(asc(chatMessages.roomId), asc(chatMessages.seq));
    const owner = personKey(subject.userId);
    return Promise.all(
      rows.map(async ({ m }) => ({
        roomId: m.roomId,
        seq: m.seq,
        from: m.senderUserId === subject.userId ? 'me' : 'counselor',
        body: await vault.decryptOrNull(
          owner,
          { table: 'chat_messages', field: 'body', recordId: m.id },
          m.bodyEnc,
        ),
        sentAt: iso(m.sentAt),
      })),
    );
  },
};
