import type { AppointmentActor, AppointmentEvent } from './appointment-status.ts';

/** The organisation's rules (A5, C10); defaults in the settings. */
export interface CancellationRules {
  /** A client must cancel at least this long before the start (default 24 h). */
  windowHours: number;
  /** What a late cancellation and an absence refund, in percent of what was paid (default 0). */
  lateCancelRefundPercent: number;
  noShowRefundPercent: number;
}

export interface CancellationOutcome {
  event: Extract<AppointmentEvent, 'cancel' | 'late_cancel'>;
  /** The moment until which a client's cancellation is on time. */
  deadline: Date;
  /** A client's late cancellation counts as a no-show (A5); nobody else's ever does. */
  countsAsNoShow: boolean;
  refundPercent: number;
}

const HOUR = 3_600_000;

export function cancellationDeadline(startsAt: Date, rules: CancellationRules): Date {
  return new Date(startsAt.getTime() - rules.windowHours * HOUR);
}

/**
 * What cancelling now would do: the same function answers the preview shown to the client
 * before they confirm and decides the cancellation itself, so what they are told is what happens.
 * A counselor's or administrator's cancellation never counts against the client and refunds in
 * full; so does a client's on-time one.
 */
export function cancellationOutcome(
  startsAt: Date,
  now: Date,
  by: AppointmentActor,
  rules: CancellationRules,
): CancellationOutcome {
  const deadline = cancellationDeadline(startsAt, rules);
  const late = by === 'client' && now.getTime() > deadline.getTime();
  return late
    ? {
        event: 'late_cancel',
        deadline,
        countsAsNoShow: true,
        refundPercent: rules.lateCancelRefundPercent,
      }
    : { event: 'cancel', deadline, countsAsNoShow: false, refundPercent: 100 };
}

/** The refund in fen for a share of what was paid, rounded down to whole fen (never above). */
export function refundFen(paidFen: number, percent: number): number {
  const p = Math.min(Math.max(percent, 0), 100);
  return Math.floor((paidFen * p) / 100);
}

/** Repeated no-shows (default 3 in 90 days) put further bookings behind staff approval (A5). */
export function needsApproval(noShowsInPeriod: number, limit: number): boolean {
  return noShowsInPeriod >= limit;
}
