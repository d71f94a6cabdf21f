import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { appointments, careEpisodes } from '../../../../platform/db/schema/index.ts';
import type { ErasureSource } from '../erasure-source.ts';

/**
 * Why an appointment was cancelled may say something about the person's life: part of the
 * counseling record, kept for the floor counted from the episode's close (from now while it is
 * still open). The appointment rows themselves stay for statistics (see `appointmentsKept`).
 */
export const appointmentReasonsSource: ErasureSource = {
  kind: 'seal',
  category: 'appointment_cancellation_reasons',
  table: 'appointments',
  recordType: 'counseling_record',
  fields: [{ column: 'cancellation_reason_enc', field: 'cancellation_reason' }],
  async findSealable({ tx, organizationId, subjectUserId, now }) {
    const rows = await tx
      .select({ id: appointments.id, closedAt: careEpisodes.closedAt })
      .from(appointments)
      .leftJoin(careEpisodes, eq(careEpisodes.id, appointments.episodeId))
      .where(
        and(
          eq(appointments.organizationId, organizationId),
          eq(appointments.clientUserId, subjectUserId),
          isNotNull(appointments.cancellationReasonEnc),
        ),
      );
    return rows.map((r) => ({ id: r.id, floorFrom: r.closedAt ?? now }));
  },
  async eraseRows(tx, organizationId, ids) {
    if (ids.length === 0) return 0;
    const rows = await tx
      .update(appointments)
      .set({ cancellationReasonEnc: null, updatedAt: new Date() })
      .where(
        and(
          eq(appointments.organizationId, organizationId),
          inArray(appointments.id, [...ids]),
          isNotNull(appointments.cancellationReasonEnc),
        ),
      )
      .returning({ id: appointments.id });
    return rows.length;
  },
};

/** Appointments, episodes: no content of their own; they stay for counts per counselor. */
export const appointmentsKept: ErasureSource = {
  kind: 'keep',
  category: 'appointments',
  async count({ tx, organizationId, subjectUserId }) {
    const [row] = await tx
      .select({ n: sql<number>`count(*)::int`.mapWith(Number) })
      .from(appointments)
      .where(
        and(
          eq(appointments.organizationId, organizationId),
          eq(appointments.clientUserId, subjectUserId),
        ),
      );
    return row?.n ?? 0;
  },
};

export const episodesKept: ErasureSource = {
  kind: 'keep',
  category: 'care_episodes',
  async count({ tx, organizationId, subjectUserId }) {
    const [row] = await tx
      .select({ n: sql<number>`count(*)::int`.mapWith(Number) })
      .from(careEpisodes)
      .where(
        and(
          eq(careEpisodes.organizationId, organizationId),
          eq(careEpisodes.clientUserId, subjectUserId),
        ),
      );
    return row?.n ?? 0;
  },
};
