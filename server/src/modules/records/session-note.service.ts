import { and, asc, eq } from 'drizzle-orm';
import type { ClinicalRecord } from '@anxin/common';
import type { Actor } from '../../platform/auth/actor.ts';
import { appointments, clinicalRecords } from '../../platform/db/schema/index.ts';
import { notFound } from '../../platform/http/app-error.ts';
import { createRecordIn, readRecord, type RecordsContext } from './record.service.ts';

/**
 * The note of an appointment, where the room sends the counselor when a session ends (issue 7.4):
 * the counselor's own session note of that appointment if one exists (draft or signed), else a
 * new draft. The appointment's row is locked while looking, so two tabs following the link at
 * once still end on one note. Anyone who is not the appointment's counselor in its current
 * episode gets 404 from `createRecordIn`, exactly as for a client they do not have.
 */
export async function openSessionNote(
  ctx: RecordsContext,
  actor: Actor,
  appointmentId: string,
): Promise<ClinicalRecord> {
  const found = await ctx.app.database.db.transaction(async (tx) => {
    const [appt] = await tx
      .select({ clientUserId: appointments.clientUserId })
      .from(appointments)
      .where(
        and(
          eq(appointments.id, appointmentId),
          eq(appointments.organizationId, actor.organizationId),
        ),
      )
      .for('update');
    if (!appt) throw notFound();
    const [existing] = await tx
      .select({ id: clinicalRecords.id })
      .from(clinicalRecords)
      .where(
        and(
          eq(clinicalRecords.organizationId, actor.organizationId),
          eq(clinicalRecords.appointmentId, appointmentId),
          eq(clinicalRecords.authorUserId, actor.userId),
          eq(clinicalRecords.recordType, 'session_note'),
        ),
      )
      .orderBy(asc(clinicalRecords.createdAt))
      .limit(1);
    if (existing) return existing.id;
    return createRecordIn(tx, ctx, actor, {
      clientUserId: appt.clientUserId,
      recordType: 'session_note',
      appointmentId,
    });
  });
  // An existing note is read outside the lock, as any read is (and audited as one).
  return typeof found === 'string' ? readRecord(ctx, actor, found) : found;
}
