import { DateTime } from 'luxon';

/** A weekly opening in the counselor's own time zone: ISO weekday (1 = Monday), wall times. */
export interface WeeklyRule {
  weekday: number;
  start: string; // HH:MM
  end: string; // HH:MM
}

/** A date override: extra hours, or time off (the whole day when no times are given). */
export interface DateOverride {
  date: string; // YYYY-MM-DD, in the counselor's time zone
  kind: 'extra' | 'off';
  start?: string | null;
  end?: string | null;
}

/** Time already taken, buffers included. */
export interface Busy {
  from: Date;
  until: Date;
}

export interface SlotQuery {
  timeZone: string;
  rules: readonly WeeklyRule[];
  overrides: readonly DateOverride[];
  busy: readonly Busy[];
  durationMinutes: number;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  /** Spacing of candidate starts within an opening. */
  stepMinutes: number;
  /** Earliest start (now + minimum notice) and latest start (now + horizon). */
  from: Date;
  until: Date;
}

export interface Slot {
  startsAt: Date;
  endsAt: Date;
}

interface Interval {
  from: number;
  until: number;
}

const MINUTE = 60_000;

/**
 * A wall time on a date in a zone, as an instant. A time the zone skips (clocks forward) moves
 * forward; a time that happens twice (clocks back) is its first occurrence.
 */
function instant(date: string, time: string, zone: string): number {
  const key = `${zone} ${date}T${time}`;
  let known = instants.get(key);
  if (known === undefined) {
    const dt = DateTime.fromISO(`${date}T${time}`, { zone });
    known = Math.min(...dt.getPossibleOffsets().map((o) => o.toMillis()), dt.toMillis());
    if (instants.size >= INSTANT_CACHE_SIZE) instants.clear();
    instants.set(key, known);
  }
  return known;
}

/**
 * Zone rules do not change while the process runs, and counselors share zones, dates and hours,
 * so the conversions repeat across requests; each costs several Intl look-ups in Luxon, which
 * was the largest single cost of a slot search. Bounded: cleared when full.
 */
const instants = new Map<string, number>();
const INSTANT_CACHE_SIZE = 50_000;

function subtract(windows: Interval[], cut: Interval): Interval[] {
  return windows.flatMap((w) => {
    if (cut.until <= w.from || cut.from >= w.until) return [w];
    const parts: Interval[] = [];
    if (cut.from > w.from) parts.push({ from: w.from, until: cut.from });
    if (cut.until < w.until) parts.push({ from: cut.until, until: w.until });
    return parts;
  });
}

/** The openings of one local date, as instants: weekly rules plus extras, minus time off. */
function openingsOn(date: DateTime, q: SlotQuery): Interval[] {
  const iso = date.toISODate() ?? '';
  const overrides = q.overrides.filter((o) => o.date === iso);
  if (overrides.some((o) => o.kind === 'off' && !o.start)) return [];
  let windows: Interval[] = [
    ...q.rules.filter((r) => r.weekday === date.weekday),
    ...overrides.filter((o) => o.kind === 'extra' && o.start && o.end),
  ].map((r) => ({
    from: instant(iso, r.start ?? '', q.timeZone),
    until: instant(iso, r.end ?? '', q.timeZone),
  }));
  for (const off of overrides.filter((o) => o.kind === 'off' && o.start && o.end)) {
    windows = subtract(windows, {
      from: instant(iso, off.start ?? '', q.timeZone),
      until: instant(iso, off.end ?? '', q.timeZone),
    });
  }
  return windows.filter((w) => w.until > w.from);
}

/**
 * Bookable slots between `from` and `until`. Openings are wall times in the counselor's zone,
 * turned into instants by Luxon; candidate starts step through each opening in real time, so a
 * DST change neither invents a slot at a skipped hour nor loses the repeated hour. A slot is
 * offered only if the session and its buffers fit the opening and touch no busy time.
 */
export function generateSlots(q: SlotQuery): Slot[] {
  const duration = q.durationMinutes * MINUTE;
  const before = q.bufferBeforeMinutes * MINUTE;
  const after = q.bufferAfterMinutes * MINUTE;
  const step = Math.max(q.stepMinutes, 5) * MINUTE;
  const seen = new Set<number>();
  const out: Slot[] = [];
  let day = DateTime.fromJSDate(q.from, { zone: q.timeZone }).startOf('day');
  const last = DateTime.fromJSDate(q.until, { zone: q.timeZone }).startOf('day');
  while (day <= last) {
    for (const w of openingsOn(day, q)) {
      for (let start = w.from; start + duration <= w.until; start += step) {
        if (start < q.from.getTime() || start > q.until.getTime() || seen.has(start)) continue;
        const blockFrom = start - before;
        const blockUntil = start + duration + after;
        const clash = q.busy.some(
          (b) => b.from.getTime() < blockUntil && b.until.getTime() > blockFrom,
        );
        if (clash) continue;
        seen.add(start);
        out.push({ startsAt: new Date(start), endsAt: new Date(start + duration) });
      }
    }
    day = day.plus({ days: 1 });
  }
  return out.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}
