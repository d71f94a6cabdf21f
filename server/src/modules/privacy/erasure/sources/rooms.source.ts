import { and, eq, sql } from 'drizzle-orm';
import { riskSignals, sessionRooms } from '../../../../platform/db/schema/index.ts';
import type { ErasureSource } from '../erasure-source.ts';

/**
 * Rooms and their attendance hold no content (timings, who joined, seconds connected): they stay
 * for statistics, linked only to the tombstone, like appointments.
 */
export const sessionRoomsKept: ErasureSource = {
  kind: 'keep',
  category: 'session_rooms',
  async count({ tx, organizationId, subjectUserId }) {
    const [row] = await tx
      .select({ n: sql<number>`count(*)::int`.mapWith(Number) })
      .from(sessionRooms)
      .where(
        and(
          eq(sessionRooms.organizationId, organizationId),
          eq(sessionRooms.clientUserId, subjectUserId),
        ),
      );
    return row?.n ?? 0;
  },
};

/** Risk signals hold where and how serious, never words: kept for the crisis statistics. */
export const riskSignalsKept: ErasureSource = {
  kind: 'keep',
  category: 'risk_signals',
  async count({ tx, organizationId, subjectUserId }) {
    const [row] = await tx
      .select({ n: sql<number>`count(*)::int`.mapWith(Number) })
      .from(riskSignals)
      .where(
        and(
          eq(riskSignals.organizationId, organizationId),
          eq(riskSignals.subjectUserId, subjectUserId),
        ),
      );
    return row?.n ?? 0;
  },
};
