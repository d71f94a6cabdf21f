import { and, asc, eq } from 'drizzle-orm';
import { appointments, counselorProfiles, users } from '../../../../platform/db/schema/index.ts';
import { iso, personKey, type ExportSource } from '../export-source.ts';

/** The person's appointments as a client, with their cancellation reasons. */
export const appointmentsSource: ExportSource = {
  name: 'appointments',
  async collect(tx, vault, subject) {
    const rows = await tx
      .select({ a: appointments, counselorName: users.displayName })
      .from(appointments)
      .leftJoin(counselorProfiles, eq(counselorProfiles.id, appointments.counselorId))
      .leftJoin(users, eq(users.id, counselorProfiles.userId))
      .where(
        and(
          eq(appointments.organizationId, subject.organizationId),
          eq(appointments.clientUserId, subject.userId),
        ),
      )
      .orderBy(asc(appointments.startsAt));
    const owner = personKey(subject.userId);
    return Promise.all(
      rows.map(async ({ a, counselorName }) => ({
        id: a.id,
        counselor: counselorName,
        startsAt: iso(a.startsAt),
        endsAt: iso(a.endsAt),
        kind: a.kind,
        sessionType: a.sessionTypeCode,
        modality: a.modality,
        status: a.status,
        feeFen: a.feeFen,
        cancelledAt: iso(a.cancelledAt),
        cancelledBy: a.cancelledBy,
        cancellationReason: await vault.decryptOrNull(
          owner,
          { table: 'appointments', field: 'cancellation_reason', recordId: a.id },
          a.cancellationReasonEnc,
        ),
        noShowReason: a.noShowReason,
        createdAt: iso(a.createdAt),
      })),
    );
  },
};
