import { describe, expect, it } from 'vitest';
import {
  APPOINTMENT_EVENTS,
  APPOINTMENT_STATUSES,
  checkAppointmentTransition,
  type AppointmentActor,
  type AppointmentEvent,
  type AppointmentStatus,
} from './appointment-status.ts';

type Row = [AppointmentEvent, AppointmentStatus, AppointmentActor, AppointmentStatus];

/** Every allowed transition, written out by hand rather than derived from the table. */
const ALLOWED: Row[] = [
  ['approve', 'pending', 'administrator', 'booked'],
  ['decline', 'pending', 'administrator', 'cancelled'],
  ['arrive', 'booked', 'client', 'arrived'],
  ['arrive', 'booked', 'counselor', 'arrived'],
  ['arrive', 'booked', 'system', 'arrived'],
  ['fulfil', 'arrived', 'counselor', 'fulfilled'],
  ['fulfil', 'arrived', 'system', 'fulfilled'],
  ...(['pending', 'booked'] as const).flatMap((from) =>
    (['client', 'counselor', 'administrator', 'system'] as const).map((by): Row => [
      'cancel',
      from,
      by,
      'cancelled',
    ]),
  ),
  ['late_cancel', 'booked', 'client', 'noshow'],
  ['mark_absent', 'booked', 'system', 'noshow'],
  ['mark_absent', 'booked', 'counselor', 'noshow'],
  ...(['pending', 'booked', 'arrived', 'fulfilled', 'cancelled', 'noshow'] as const).map(
    (from): Row => ['enter_in_error', from, 'administrator', 'entered-in-error'],
  ),
];
const ACTORS: AppointmentActor[] = ['client', 'counselor', 'administrator', 'system'];

describe('appointment transitions (FHIR AppointmentStatus)', () => {
  it.each(ALLOWED)('%s from %s by %s lands in %s', (event, from, by, to) => {
    expect(checkAppointmentTransition(from, event, by)).toEqual({ ok: true, to });
  });

  const forbidden = APPOINTMENT_EVENTS.flatMap((event) =>
    APPOINTMENT_STATUSES.flatMap((from) =>
      ACTORS.filter(
        (by) => !ALLOWED.some(([e, f, b]) => e === event && f === from && b === by),
      ).map((by) => [event, from, by] as const),
    ),
  );
  it.each(forbidden)('%s from %s by %s is refused', (event, from, by) => {
    expect(checkAppointmentTransition(from, event, by).ok).toBe(false);
  });

  it('has no way out of entered-in-error', () => {
    for (const event of APPOINTMENT_EVENTS)
      for (const by of ACTORS)
        expect(checkAppointmentTransition('entered-in-error', event, by).ok).toBe(false);
  });
});
