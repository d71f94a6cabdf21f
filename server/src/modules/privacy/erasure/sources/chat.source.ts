import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import {
  chatMessages,
  conductReports,
  sessionRooms,
} from '../../../../platform/db/schema/index.ts';
import type { ErasureSource } from '../erasure-source.ts';

/**
 * The chat of a client's sessions is counseling content: sealed for the counseling floor counted
 * from the session's end (from now while it has not ended), like the rest of the record.
 */
export const chatMessagesSource: ErasureSource = {
  kind: 'seal',
  category: 'chat_messages',
  table: 'chat_messages',
  recordType: 'counseling_record',
  fields: [{ column: 'body_enc', field: 'body' }],
  async findSealable({ tx, organizationId, subjectUserId, now }) {
    const rows = await tx
      .select({ id: chatMessages.id, endedAt: sessionRooms.endedAt })
      .from(chatMessages)
      .innerJoin(sessionRooms, eq(sessionRooms.id, chatMessages.roomId))
      .where(
        and(
          eq(chatMessages.organizationId, organizationId),
          eq(sessionRooms.clientUserId, subjectUserId),
        ),
      );
    return rows.map((r) => ({ id: r.id, floorFrom: r.endedAt ?? now }));
  },
  async eraseRows(tx, organizationId, ids) {
    if (ids.length === 0) return 0;
    // The body is required and the row says nothing without it: the message goes.
    const rows = await tx
      .delete(chatMessages)
      .where(
        and(eq(chatMessages.organizationId, organizationId), inArray(chatMessages.id, [...ids])),
      )
      .returning({ id: chatMessages.id });
    return rows.length;
  },
};

/**
 * Conduct reports about a client's session carry an excerpt of it and the reporter's account,
 * under the client's key: counseling record, sealed like the chat, floor from the report.
 */
export const conductReportsSource: ErasureSource = {
  kind: 'seal',
  category: 'conduct_reports',
  table: 'conduct_reports',
  recordType: 'counseling_record',
  fields: [
    { column: 'excerpt_enc', field: 'excerpt' },
    { column: 'reason_enc', field: 'reason' },
  ],
  async findSealable({ tx, organizationId, subjectUserId }) {
    const rows = await tx
      .select({ id: conductReports.id, at: conductReports.createdAt })
      .from(conductReports)
      .innerJoin(sessionRooms, eq(sessionRooms.id, conductReports.roomId))
      .where(
        and(
          eq(conductReports.organizationId, organizationId),
          eq(sessionRooms.clientUserId, subjectUserId),
          isNotNull(conductReports.reasonEnc),
        ),
      );
    return rows.map((r) => ({ id: r.id, floorFrom: r.at }));
  },
  async eraseRows(tx, organizationId, ids) {
    if (ids.length === 0) return 0;
    const rows = await tx
      .delete(conductReports)
      .where(
        and(
          eq(conductReports.organizationId, organizationId),
          inArray(conductReports.id, [...ids]),
        ),
      )
      .returning({ id: conductReports.id });
    return rows.length;
  },
};
