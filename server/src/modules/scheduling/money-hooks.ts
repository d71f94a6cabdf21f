import type { VaultScope } from '../../platform/crypto/vault.ts';
import type { Db } from '../../platform/db/database.ts';
import type { appointments } from '../../platform/db/schema/index.ts';
import { recordCharge, recordSettlement } from './ledger.service.ts';

export type AppointmentRow = typeof appointments.$inferSelect;

/** What the booking service tells the ledger, inside the booking's own transaction (C10). */
export interface MoneyWork {
  tx: Db;
  vault: VaultScope;
  actorId: string | null;
}

/** Records the charge of a newly booked appointment (its agreed fee; none when it is free). */
export async function chargeForBooking(w: MoneyWork, appointment: AppointmentRow): Promise<void> {
  await recordCharge(w, appointment);
}

/**
 * Settles money when an appointment ends without a session: refunds `refundPercent` of what was
 * paid for it (on-time or counselor cancellation 100, late cancellation / absence per policy).
 * The balance rule in ledger.service.ts voids whatever of the charge was never paid.
 */
export async function settleUnheldAppointment(
  w: MoneyWork,
  appointment: AppointmentRow,
  refundPercent: number,
): Promise<void> {
  await recordSettlement(w, appointment, refundPercent);
}
