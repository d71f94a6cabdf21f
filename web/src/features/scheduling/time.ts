/**
 * Times for scheduling. The server sends instants in UTC; people read them in their own time
 * zone (the browser's), with the zone named so a client abroad is never misled.
 */

/** The browser's IANA time zone, or UTC when the engine does not say. */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** The calendar date (YYYY-MM-DD) of an instant in a zone. */
export function localDayKey(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

export interface DayGroup<T> {
  /** YYYY-MM-DD in the zone. */
  day: string;
  items: T[];
}

/** Items grouped by the local day of their start, days and items in time order. */
export function groupByLocalDay<T extends { startsAt: string }>(
  items: readonly T[],
  timeZone: string,
): DayGroup<T>[] {
  const sorted = [...items].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  const groups: DayGroup<T>[] = [];
  for (const item of sorted) {
    const day = localDayKey(item.startsAt, timeZone);
    const last = groups.at(-1);
    if (last?.day === day) last.items.push(item);
    else groups.push({ day, items: [item] });
  }
  return groups;
}

/** A calendar date (YYYY-MM-DD) as a heading: "Mon, 2 Mar 2026" in the page's language. */
export function formatDayHeading(day: string, locale: string): string {
  const date = new Date(`${day}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}

/** The clock time of an instant in a zone: "09:30". */
export function formatClock(iso: string, locale: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).format(new Date(iso));
}

/** An instant with date, time and the zone's name: the exact cancellation deadline. */
export function formatInstant(iso: string, locale: string, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
    timeZoneName: 'short',
  }).format(date);
}

/** A zone as people read it: its IANA name and its current offset, "Asia/Shanghai (GMT+8)". */
export function zoneLabel(timeZone: string, at: Date = new Date()): string {
  try {
    const offset = new Intl.DateTimeFormat('en', { timeZone, timeZoneName: 'shortOffset' })
      .formatToParts(at)
      .find((part) => part.type === 'timeZoneName')?.value;
    return offset ? `${timeZone} (${offset})` : timeZone;
  } catch {
    return timeZone;
  }
}

/** Today's date (YYYY-MM-DD) in a zone. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return localDayKey(now.toISOString(), timeZone);
}

/** A date plus some days, as dates (no time zone involved). */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The Monday (ISO week start) of the week holding a date. */
export function weekStart(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  const weekday = (date.getUTCDay() + 6) % 7;
  return addDays(day, -weekday);
}

/** ISO weekday 1 (Monday) to 7 (Sunday) of a date. */
export function isoWeekday(day: string): number {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

/**
 * The UTC range to ask for a span of local days: generous by a day on each side, since a zone's
 * midnight is not UTC midnight; the page then groups by the local day and keeps the span.
 */
export function utcRangeForDays(firstDay: string, days: number): { from: string; to: string } {
  return {
    from: new Date(`${addDays(firstDay, -1)}T00:00:00Z`).toISOString(),
    to: new Date(`${addDays(firstDay, days + 1)}T00:00:00Z`).toISOString(),
  };
}
