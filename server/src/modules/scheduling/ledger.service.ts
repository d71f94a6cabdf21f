import type { Actor } from '../../platform/auth/actor.ts';
import { audit } from '../../platform/audit/request-audit.ts';
import type { Db } from '../../platform/db/database.ts';
import { notFound } from '../../platform/http/app-error.ts';
import type { IdentityContext } from '../identity/identity-context.ts';
import { refundFen } from './cancellation-policy.ts';
import { ledgerPolicy } from './ledger.policy.ts';
import {
  findAppointment,
  insertLedgerEntry,
  selectAppointmentStatuses,
  selectEntriesOfAppointment,
  selectEntriesOfClient,
  type LedgerRow,
} from './ledger.repo.ts';
import type { AppointmentRow, MoneyWork } from './money-hooks.ts';
import { buildReceipt } from './receipt.ts';

/**
 * The money ledger (C10). Entries are facts and never change (the database refuses UPDATE and
 * DELETE): a `charge` is the fee agreed at booking, a `payment` money received, a `refund` money
 * given back. No other kind exists, so nothing "reverses" a charge.
 *
 * How an unpaid charge is neutralised: the balance does not add up raw rows, it applies one rule
 * per appointment. While an appointment may still take place or took place (pending, booked,
 * arrived, fulfilled), its charge counts in full. Once it ended without a session (cancelled,
 * noshow, entered-in-error), it was settled by `settleUnheldAppointment`, which refunded the
 * policy's share of what had been paid; from then on its charge counts only up to what the
 * organisation kept (payments − refunds, never more than the fee). So:
 *
 *   - nothing paid, cancelled: the charge counts 0 — the client owes nothing, and no refund entry
 *     pretends money went back;
 *   - paid, late cancellation with a 50 % refund: half refunded, the charge counts the half kept,
 *     and the appointment nets to 0;
 *   - paid, on-time or counselor cancellation: all refunded, the charge counts 0, nets to 0.
 *
 * balance = Σ counted charges − payments + refunds (negative = credit), as ledgerSchema says.
 */

const UNHELD = new Set(['cancelled', 'noshow', 'entered-in-error']);

export interface AppointmentMoney {
  feeFen: number;
  paidFen: number;
  refundedFen: number;
  /** What the charge counts for under the rule above. */
  chargedFen: number;
  /** What the client still owes for this appointment (negative = credit). */
  dueFen: number;
}

const sum = (rows: readonly LedgerRow[], kind: LedgerRow['kind']) =>
  rows.filter((r) => r.kind === kind).reduce((n, r) => n + r.amountFen, 0);

/** The rule for one appointment's entries, given its status (null: entries of no appointment). */
export function summariseAppointment(
  entries: readonly LedgerRow[],
  status: string | null,
): AppointmentMoney {
  const feeFen = sum(entries, 'charge');
  const paidFen = sum(entries, 'payment');
  const refundedFen = sum(entries, 'refund');
  const kept = Math.max(paidFen - refundedFen, 0);
  const chargedFen = status !== null && UNHELD.has(status) ? Math.min(feeFen, kept) : feeFen;
  return { feeFen, paidFen, refundedFen, chargedFen, dueFen: chargedFen - paidFen + refundedFen };
}

/** The balance of a set of entries: the rule applied appointment by appointment. */
export function computeBalance(
  entries: readonly LedgerRow[],
  statuses: ReadonlyMap<string, string>,
): number {
  const groups = new Map<string | null, LedgerRow[]>();
  for (const e of entries) groups.set(e.appointmentId, [...(groups.get(e.appointmentId) ?? []), e]);
  let balance = 0;
  for (const [appointmentId, rows] of groups) {
    const status = appointmentId === null ? null : (statuses.get(appointmentId) ?? null);
    balance += summariseAppointment(rows, status).dueFen;
  }
  return balance;
}

/** Records the fee agreed at booking, in the booking's transaction; a free session has none. */
export async function recordCharge(w: MoneyWork, appointment: AppointmentRow): Promise<void> {
  if (appointment.feeFen <= 0) return;
  await insertLedgerEntry(w.tx, {
    organizationId: appointment.organizationId,
    clientUserId: appointment.clientUserId,
    appointmentId: appointment.id,
    kind: 'charge',
    amountFen: appointment.feeFen,
    provider: 'system',
    recordedById: w.actorId,
  });
}

/**
 * Refunds `refundPercent` of what is still held for an appointment that ends without a session
 * (A5, C10). Nothing paid: nothing is written; the balance rule then voids the charge.
 */
export async function recordSettlement(
  w: MoneyWork,
  appointment: AppointmentRow,
  refundPercent: number,
): Promise<number> {
  const entries = await selectEntriesOfAppointment(
    w.tx,
    appointment.organizationId,
    appointment.id,
  );
  const paid = sum(entries, 'payment') - sum(entries, 'refund');
  const amount = refundFen(Math.max(paid, 0), refundPercent);
  if (amount <= 0) return 0;
  await insertLedgerEntry(w.tx, {
    organizationId: appointment.organizationId,
    clientUserId: appointment.clientUserId,
    appointmentId: appointment.id,
    kind: 'refund',
    amountFen: amount,
    provider: 'offline',
    recordedById: w.actorId,
  });
  return amount;
}

/** A client's entries, oldest first, and the balance under the rule above. */
export async function loadClientLedger(db: Db, organizationId: string, clientUserId: string) {
  const entries = await selectEntriesOfClient(db, organizationId, clientUserId);
  const ids = [...new Set(entries.flatMap((e) => (e.appointmentId ? [e.appointmentId] : [])))];
  const statuses = await selectAppointmentStatuses(db, organizationId, ids);
  return { entries, balanceFen: computeBalance(entries, statuses) };
}

export const presentEntry = (e: LedgerRow) => ({
  id: e.id,
  appointmentId: e.appointmentId,
  kind: e.kind,
  amountFen: e.amountFen,
  provider: e.provider,
  reference: e.reference,
  createdAt: e.createdAt.toISOString(),
});

/**
 * A client's ledger: their own (`clientUserId` = the actor) or, for an administrator, anyone's.
 * Who pays for counseling is itself confidential, so the read is audited before it returns, and
 * anyone but the client and administrators gets 404, as for a client who does not exist.
 */
export async function readClientLedger(ctx: IdentityContext, actor: Actor, clientUserId: string) {
  return ctx.app.database.db.transaction(async (tx) => {
    const resource = { organizationId: actor.organizationId, clientUserId };
    if (!ledgerPolicy.can(actor, 'read', resource)) throw notFound();
    await audit(tx, ctx.app.vault.keyring.auditKey, ctx.meta, {
      organizationId: actor.organizationId,
      action: 'ledger.read',
      entityType: 'ledger',
      entityId: clientUserId,
      subjectId: clientUserId,
    });
    const { entries, balanceFen } = await loadClientLedger(tx, actor.organizationId, clientUserId);
    return { items: entries.map(presentEntry), balanceFen };
  });
}

/** One appointment's receipt, for its client or an administrator (anyone else: 404). */
export async function readReceipt(ctx: IdentityContext, actor: Actor, appointmentId: string) {
  return ctx.app.database.db.transaction(async (tx) => {
    const appointment = await findAppointment(tx, actor.organizationId, appointmentId);
    if (!appointment || !ledgerPolicy.can(actor, 'read', appointment)) throw notFound();
    await audit(tx, ctx.app.vault.keyring.auditKey, ctx.meta, {
      organizationId: actor.organizationId,
      action: 'ledger.receipt.read',
      entityType: 'appointment',
      entityId: appointment.id,
      subjectId: appointment.clientUserId,
    });
    const entries = await selectEntriesOfAppointment(tx, actor.organizationId, appointment.id);
    return buildReceipt(tx, appointment, entries);
  });
}
