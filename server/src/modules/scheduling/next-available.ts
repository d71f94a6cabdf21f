import { DateTime } from 'luxon';
import type { Db } from '../../platform/db/database.ts';
import { getSchedulingSettings } from './scheduling-settings.service.ts';
import { findSessionTypes } from './session-types.service.ts';
import { findSchedulesOf } from './slot-search.repo.ts';
import { generateSlots, type SlotQuery } from './slots.ts';
import { slotWindow } from './slot-search.service.ts';

const DAY = 86_400_000;
/** Searched a week at a time: most counselors have a slot in the first, and we stop there. */
const CHUNK_DAYS = 7;

/**
 * The first open intake slot (directory visitors are new clients, C1) within the horizon of each
 * counselor of a directory page. Three queries for the whole page whatever its size (settings,
 * types, and one for every counselor's zone, rules, overrides and held time); the slots
 * themselves are computed in memory.
 */
export async function findNextAvailable(
  db: Db,
  organizationId: string,
  counselorIds: readonly string[],
  now: Date = new Date(),
): Promise<Map<string, Date | null>> {
  const out = new Map<string, Date | null>(counselorIds.map((id) => [id, null]));
  if (counselorIds.length === 0) return out;
  const [settings, types] = await Promise.all([
    getSchedulingSettings(db, organizationId),
    findSessionTypes(db, organizationId),
  ]);
  const intake = types.find((t) => t.isIntake);
  if (!intake) return out;
  const earliest = new Date(now.getTime() + settings.minNoticeHours * 3_600_000);
  const latest = new Date(now.getTime() + settings.horizonDays * DAY);
  // A day of margin either side covers every zone's local dates and sessions straddling the ends.
  const schedules = await findSchedulesOf(db, organizationId, counselorIds, {
    fromDate: new Date(earliest.getTime() - DAY).toISOString().slice(0, 10),
    from: new Date(earliest.getTime() - DAY),
    until: new Date(latest.getTime() + DAY),
  });
  for (const id of counselorIds) {
    const own = schedules.get(id);
    if (!own || (own.rules.length === 0 && own.overrides.length === 0)) continue;
    const { timeZone } = own;
    const window = slotWindow(settings, timeZone, {
      now,
      from: DateTime.fromJSDate(now, { zone: timeZone }).toISODate() ?? undefined,
      days: settings.horizonDays + 1,
    });
    out.set(
      id,
      firstSlot({
        timeZone,
        rules: own.rules,
        overrides: own.overrides,
        busy: own.busy,
        durationMinutes: intake.durationMinutes,
        bufferBeforeMinutes: intake.bufferBeforeMinutes,
        bufferAfterMinutes: intake.bufferAfterMinutes,
        stepMinutes: settings.slotStepMinutes,
        from: window.from,
        until: window.until,
      }),
    );
  }
  return out;
}

/** The first slot of a query, generated a week at a time so an early slot ends the search. */
function firstSlot(q: SlotQuery): Date | null {
  for (let from = q.from.getTime(); from <= q.until.getTime(); from += CHUNK_DAYS * DAY) {
    const until = Math.min(from + CHUNK_DAYS * DAY - 1, q.until.getTime());
    const first = generateSlots({ ...q, from: new Date(from), until: new Date(until) })[0];
    if (first) return first.startsAt;
  }
  return null;
}
