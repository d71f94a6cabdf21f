/**
 * Calendar arithmetic on organisation dates (`YYYY-MM-DD`, already in the organisation's time
 * zone, see `todayIn`). Done in UTC on purpose: a calendar date has no zone, and UTC has no
 * daylight-saving gaps that could shift a day.
 */

const DAY_MS = 86_400_000;

function parseDay(day: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) throw new Error('not a calendar date');
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

const formatDay = (d: Date) => d.toISOString().slice(0, 10);

/** `day` plus `n` days (negative goes back). */
export function addDays(day: string, n: number): string {
  return formatDay(new Date(parseDay(day).getTime() + n * DAY_MS));
}

/**
 * `day` plus `months` calendar months, clamped to the end of a shorter month (31 January plus
 * one month is 28 or 29 February), so a re-check cycle never skips a month.
 */
export function addMonths(day: string, months: number): string {
  const d = parseDay(day);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const lastOfMonth = new Date(
    Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0),
  ).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastOfMonth));
  return formatDay(target);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((parseDay(to).getTime() - parseDay(from).getTime()) / DAY_MS);
}

/**
 * The reminder due now for something `daysLeft` days away: the smallest threshold already
 * reached. Only that one is sent, so a reminder missed while the server was down goes out late,
 * once, and is not followed by the older ones it made pointless. Null when nothing is due (too
 * far away, or already past: then suspension, not a reminder, is what happens).
 */
export function reminderThreshold(daysLeft: number, thresholds: readonly number[]): number | null {
  if (daysLeft < 0) return null;
  const reached = thresholds.filter((t) => daysLeft <= t);
  return reached.length ? Math.min(...reached) : null;
}
