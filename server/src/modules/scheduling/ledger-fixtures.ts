import { appointments } from '../../platform/db/schema/index.ts';
import type { TestApp } from '../../test/test-app.ts';
import type { AppointmentRow } from './money-hooks.ts';

export interface AppointmentSpec {
  organizationId: string;
  counselorId: string;
  clientUserId: string;
  startsAt: Date;
  status?: AppointmentRow['status'];
  feeFen?: number;
  minutes?: number;
  noShowReason?: AppointmentRow['noShowReason'];
  cancelledBy?: AppointmentRow['cancelledBy'];
}

/** An appointment written straight to the database, as the booking service would have left it. */
export async function insertAppointment(
  t: TestApp,
  spec: AppointmentSpec,
): Promise<AppointmentRow> {
  const endsAt = new Date(spec.startsAt.getTime() + (spec.minutes ?? 50) * 60_000);
  const [row] = await t.database.db
    .insert(appointments)
    .values({
      organizationId: spec.organizationId,
      counselorId: spec.counselorId,
      clientUserId: spec.clientUserId,
      sessionTypeCode: 'follow_up',
      kind: 'follow_up',
      modality: 'video',
      startsAt: spec.startsAt,
      endsAt,
      blockedFrom: spec.startsAt,
      blockedUntil: new Date(endsAt.getTime() + 10 * 60_000),
      status: spec.status ?? 'booked',
      feeFen: spec.feeFen ?? 50_000,
      noShowReason: spec.noShowReason ?? null,
      cancelledBy: spec.cancelledBy ?? null,
      cancelledAt: spec.cancelledBy ? new Date() : null,
    })
    .returning();
  if (!row) throw new Error('appointment not inserted');
  return row;
}

/** Hours from now, on a whole minute. */
export const hoursFromNow = (hours: number) =>
  new Date(Math.floor((Date.now() + hours * 3_600_000) / 60_000) * 60_000);
