import type { VaultScope } from '../../platform/crypto/vault.ts';
import type { Db } from '../../platform/db/database.ts';
import type { appointments } from '../../platform/db/schema/index.ts';

export type AppointmentRow = typeof appointments.$inferSelect;

/** What the booking service tells the ledger, inside the booking's own transaction (C10). */
export interface MoneyWork {
  tx: Db;
  vault: VaultScope;
  actorId: string | null;
}

/**
 * Records the charge of a newly booked appointment (its agreed fee). Placeholder until the ledger
 * lands: the booking service already calls it in the right place.
 */
export async function chargeForBooking(
  _w: MoneyWork,
  _appointment: AppointmentRow,
): Promise<void> {}

/**
 * Settles money when an appointment ends without a session: refunds `refundPercent` of what was
 * paid for it (on-time or counselor cancellation 100, late cancellation / absence per policy).
 */
export async function settleUnheldAppointment(
  _w: MoneyWork,
  _appointment: AppointmentRow,
  _refundPercent: number,
): Promise<void> {}
