import { DateTime } from 'luxon';

/**
 * The working-day calendar (B11): Monday to Friday are working days unless an exception says
 * otherwise — a public holiday is off, a make-up weekend day (调休) is on. Dates are calendar
 * dates (`YYYY-MM-DD`) in the organisation's time zone; the map holds `date → working`.
 */
export type WorkingDayExceptions = ReadonlyMap<string, boolean>;

/** A valid DateTime's calendar date (Luxon types it nullable for invalid ones). */
function isoDate(d: DateTime): string {
  const text = d.toISODate();
  if (text === null) throw new RangeError('invalid date');
  return text;
}

export function isWorkingDay(date: string, exceptions: WorkingDayExceptions): boolean {
  const known = exceptions.get(date);
  if (known !== undefined) return known;
  const weekday = DateTime.fromISO(date, { zone: 'UTC' }).weekday; // 1 = Monday … 7 = Sunday
  return weekday <= 5;
}

/**
 * The date `n` working days after `start` (the day a request arrives does not count, whether or
 * not it is a working day). `n = 0` gives `start` itself.
 */
export function addWorkingDays(start: string, n: number, exceptions: WorkingDayExceptions): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError('n must be a non-negative integer');
  let day = DateTime.fromISO(start, { zone: 'UTC' });
  if (!day.isValid) throw new RangeError(`not a date: ${start}`);
  let left = n;
  // A year of holidays can't exceed a few weeks; the bound only stops a calendar marking
  // every day off from looping forever.
  for (let guard = 0; left > 0; guard++) {
    if (guard > 3660) throw new RangeError('no working days in the calendar');
    day = day.plus({ days: 1 });
    if (isWorkingDay(isoDate(day), exceptions)) left--;
  }
  return isoDate(day);
}

/** The local calendar date of an instant in a zone. */
export function localDate(instant: Date, zone: string): string {
  return isoDate(DateTime.fromJSDate(instant, { zone }));
}

/** The last moment of a local calendar date in a zone: a request due that day is on time all day. */
export function endOfLocalDay(date: string, zone: string): Date {
  return DateTime.fromISO(date, { zone }).endOf('day').toJSDate();
}
