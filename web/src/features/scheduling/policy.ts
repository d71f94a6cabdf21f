import type { AppointmentStatusName } from '@anxin/common';
import type { MessageKey } from '../../i18n/keys.ts';

/** Until this instant a client's cancellation is on time: the start less the window (A5). */
export function cancellationDeadline(startsAt: string, windowHours: number): string {
  return new Date(Date.parse(startsAt) - windowHours * 3_600_000).toISOString();
}

/** Whether cancelling at `now` comes after the deadline. */
export function isLate(deadline: string, now: Date = new Date()): boolean {
  return now.getTime() > Date.parse(deadline);
}

/** Upcoming: not yet over and still expected to happen (pending, booked or arrived). */
export function isUpcoming(
  appointment: { endsAt: string; status: AppointmentStatusName },
  now: Date = new Date(),
): boolean {
  return (
    ['pending', 'booked', 'arrived'].includes(appointment.status) &&
    Date.parse(appointment.endsAt) > now.getTime()
  );
}

/** The badge's look per status: good, waiting, needing action, or ended badly. */
export function statusTone(status: AppointmentStatusName): 'good' | 'wait' | 'act' | 'bad' {
  switch (status) {
    case 'booked':
    case 'arrived':
    case 'fulfilled':
      return 'good';
    case 'pending':
      return 'wait';
    case 'noshow':
      return 'act';
    case 'cancelled':
    case 'entered-in-error':
      return 'bad';
  }
}

/** The translation key of a status (entered-in-error has a dash the key avoids). */
export function statusKey(status: AppointmentStatusName): MessageKey {
  return `scheduling.status.${status === 'entered-in-error' ? 'enteredInError' : status}`;
}
