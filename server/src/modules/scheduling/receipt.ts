import { ledgerEntrySchema } from '@anxin/common';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../platform/db/database.ts';
import { counselorProfiles, organizations, sessionTypes } from '../../platform/db/schema/index.ts';
import { presentEntry, summariseAppointment } from './ledger.service.ts';
import type { LedgerRow } from './ledger.repo.ts';
import type { AppointmentRow } from './money-hooks.ts';

/**
 * A receipt for one appointment (C10: transparent accounts). Only what a receipt needs: no client
 * name (the reader is the client or staff who know it), no reason for a cancellation.
 */
export const receiptSchema = z.object({
  appointmentId: z.uuid(),
  organizationName: z.string(),
  counselorName: z.string(),
  sessionType: z.object({ code: z.string(), labelZh: z.string(), labelEn: z.string() }),
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
  status: z.string(),
  feeFen: z.number().int(),
  paidFen: z.number().int(),
  refundedFen: z.number().int(),
  dueFen: z.number().int(),
  entries: z.array(ledgerEntrySchema),
});
export type Receipt = z.infer<typeof receiptSchema>;

export async function buildReceipt(
  db: Db,
  appointment: AppointmentRow,
  entries: readonly LedgerRow[],
): Promise<Receipt> {
  const org = appointment.organizationId;
  const [organization] = await db
    .select({ name: organizations.name })
    .from(organizations)
    .where(eq(organizations.id, org));
  const [counselor] = await db
    .select({ name: counselorProfiles.displayName })
    .from(counselorProfiles)
    .where(eq(counselorProfiles.id, appointment.counselorId));
  const [type] = await db
    .select({ labelZh: sessionTypes.labelZh, labelEn: sessionTypes.labelEn })
    .from(sessionTypes)
    .where(
      and(eq(sessionTypes.organizationId, org), eq(sessionTypes.code, appointment.sessionTypeCode)),
    );
  const money = summariseAppointment(entries, appointment.status);
  return {
    appointmentId: appointment.id,
    organizationName: organization?.name ?? '',
    counselorName: counselor?.name ?? '',
    // A type renamed or removed since the booking still shows its code.
    sessionType: {
      code: appointment.sessionTypeCode,
      labelZh: type?.labelZh ?? appointment.sessionTypeCode,
      labelEn: type?.labelEn ?? appointment.sessionTypeCode,
    },
    startsAt: appointment.startsAt.toISOString(),
    endsAt: appointment.endsAt.toISOString(),
    status: appointment.status,
    feeFen: appointment.feeFen,
    paidFen: money.paidFen,
    refundedFen: money.refundedFen,
    dueFen: money.dueFen,
    entries: entries.map(presentEntry),
  };
}
