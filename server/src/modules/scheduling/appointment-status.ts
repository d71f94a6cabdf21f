import { APPOINTMENT_STATUSES } from '@anxin/common';

/**
 * Appointment states after FHIR AppointmentStatus (A4, A5; DOMAIN.md): `pending` (waiting for
 * staff approval after repeated no-shows) → `booked` → `arrived` → `fulfilled`; `cancelled`;
 * `noshow` (absent, or a late cancellation, A5); `entered-in-error`.
 */
export { APPOINTMENT_STATUSES };
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

export const APPOINTMENT_EVENTS = [
  'approve',
  'decline',
  'arrive',
  'fulfil',
  'cancel',
  'late_cancel',
  'mark_absent',
  'enter_in_error',
] as const;
export type AppointmentEvent = (typeof APPOINTMENT_EVENTS)[number];

export type AppointmentActor = 'client' | 'counselor' | 'administrator' | 'system';

interface Transition {
  from: readonly AppointmentStatus[];
  to: AppointmentStatus;
  by: readonly AppointmentActor[];
}

/** The one transition table. Who may fire what is part of it, not left to each route. */
export const APPOINTMENT_TRANSITIONS: Readonly<Record<AppointmentEvent, Transition>> = {
  approve: { from: ['pending'], to: 'booked', by: ['administrator'] },
  decline: { from: ['pending'], to: 'cancelled', by: ['administrator'] },
  // Joining the session room (or the counselor marking the client present) records arrival.
  arrive: { from: ['booked'], to: 'arrived', by: ['client', 'counselor', 'system'] },
  fulfil: { from: ['arrived'], to: 'fulfilled', by: ['counselor', 'system'] },
  // On time by the client, or at any time by the counselor or staff: never counts against the client.
  // The system cancels when a client withdraws consent (B3): never against the client either.
  cancel: {
    from: ['pending', 'booked'],
    to: 'cancelled',
    by: ['client', 'counselor', 'administrator', 'system'],
  },
  // A client cancelling inside the window: recorded as a no-show (A5).
  late_cancel: { from: ['booked'], to: 'noshow', by: ['client'] },
  // Absent 15 minutes (setting) after the start: the job marks it (A5).
  mark_absent: { from: ['booked'], to: 'noshow', by: ['system', 'counselor'] },
  enter_in_error: {
    from: ['pending', 'booked', 'arrived', 'fulfilled', 'cancelled', 'noshow'],
    to: 'entered-in-error',
    by: ['administrator'],
  },
};

export type AppointmentTransitionCheck =
  | { ok: true; to: AppointmentStatus }
  | { ok: false; why: 'not_allowed_from_state' | 'not_allowed_for_actor' };

export function checkAppointmentTransition(
  from: AppointmentStatus,
  event: AppointmentEvent,
  by: AppointmentActor,
): AppointmentTransitionCheck {
  const t = APPOINTMENT_TRANSITIONS[event];
  if (!t.from.includes(from)) return { ok: false, why: 'not_allowed_from_state' };
  if (!t.by.includes(by)) return { ok: false, why: 'not_allowed_for_actor' };
  return { ok: true, to: t.to };
}

/** States that hold the counselor's time (and the client's): the exclusion constraints' WHERE. */
export const HOLDING_STATUSES: readonly AppointmentStatus[] = [
  'pending',
  'booked',
  'arrived',
  'fulfilled',
  'noshow',
];
