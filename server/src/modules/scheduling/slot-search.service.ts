import { DateTime } from 'luxon';
import type { SchedulingSettings } from '@anxin/common';
import type { AppContext } from '../../app-context.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError, notFound } from '../../platform/http/app-error.ts';
import { hasDeclaredConflict, todayIn } from '../counselors/counselor-eligibility.ts';
import { resolveOrganization } from '../counselors/directory.service.ts';
import { getSchedulingSettings } from './scheduling-settings.service.ts';
import { findSessionTypes, type SessionTypeRow } from './session-types.service.ts';
import { findSchedulesOf, hasHoldingAppointment } from './slot-search.repo.ts';
import { generateSlots, type Slot } from './slots.ts';

const HOUR = 3_600_000;
const DAY = 86_400_000;

export interface SlotSearchOptions {
  /** A type code; omitted: intake for a client's first appointment with the counselor (C1). */
  sessionType?: string | undefined;
  clientUserId?: string | null | undefined;
  /** YYYY-MM-DD in the counselor's zone; omitted: today. */
  from?: string | undefined;
  days?: number | undefined;
  now?: Date | undefined;
  /** Only a counselor listable on this date (the organisation's) has slots (A3). */
  listableOn?: string | undefined;
  /** A reschedule re-checks its new start without its own old appointment counting as busy. */
  ignoreAppointmentId?: string | undefined;
}

export interface SlotSearchResult {
  sessionType: SessionTypeRow;
  timeZone: string;
  items: Slot[];
}

/** The type to offer: the one asked for, else intake first and follow-up afterwards (C1). */
export async function chooseSessionType(
  db: Db,
  organizationId: string,
  counselorId: string,
  opts: Pick<SlotSearchOptions, 'sessionType' | 'clientUserId'>,
): Promise<SessionTypeRow> {
  const types = await findSessionTypes(db, organizationId);
  let chosen: SessionTypeRow | undefined;
  if (opts.sessionType) {
    chosen = types.find((t) => t.code === opts.sessionType);
    if (!chosen) {
      throw new AppError('validation_failed', 'Unknown session type.', [
        { path: 'query.sessionType', message: 'No active type has this code', code: 'unknown' },
      ]);
    }
    return chosen;
  }
  const returning = opts.clientUserId
    ? await hasHoldingAppointment(db, organizationId, counselorId, opts.clientUserId)
    : false;
  chosen = returning
    ? (types.find((t) => !t.isIntake) ?? types.find((t) => t.isIntake))
    : types.find((t) => t.isIntake);
  if (!chosen) throw new AppError('conflict', 'No session type is configured.');
  return chosen;
}

/**
 * The bookable window: from the later of now + minimum notice and the start of `from` in the
 * counselor's zone, to the earlier of now + horizon and `days` days after that start.
 */
export function slotWindow(
  settings: SchedulingSettings,
  timeZone: string,
  opts: Pick<SlotSearchOptions, 'from' | 'days' | 'now'>,
): { from: Date; until: Date } {
  const now = (opts.now ?? new Date()).getTime();
  const day = opts.from
    ? DateTime.fromISO(opts.from, { zone: timeZone })
    : DateTime.fromMillis(now, { zone: timeZone });
  const dayStart = day.startOf('day');
  const dayEnd = dayStart.plus({ days: opts.days ?? 14 });
  return {
    from: new Date(Math.max(now + settings.minNoticeHours * HOUR, dayStart.toMillis())),
    until: new Date(Math.min(now + settings.horizonDays * DAY, dayEnd.toMillis())),
  };
}

/**
 * Open slots of one counselor; undefined for an unknown profile, or one not listable on
 * `listableOn` when that is given. The zone, listability, availability and held time come in one
 * query: the held time is fetched for the window widened by a day each side (every zone's local
 * dates fall inside), and the exact window in the counselor's zone is applied in memory.
 */
export async function findSlots(
  db: Db,
  organizationId: string,
  counselorId: string,
  opts: SlotSearchOptions = {},
): Promise<SlotSearchResult | undefined> {
  const [settings, sessionType] = await Promise.all([
    getSchedulingSettings(db, organizationId),
    chooseSessionType(db, organizationId, counselorId, opts),
  ]);
  const wide = slotWindow(settings, 'UTC', opts);
  // Held time reaching into the window from either side still blocks a slot's buffers.
  const margin = DAY + (sessionType.durationMinutes + 240) * 60_000;
  const own = (
    await findSchedulesOf(db, organizationId, [counselorId], {
      fromDate: new Date(wide.from.getTime() - DAY).toISOString().slice(0, 10),
      from: new Date(wide.from.getTime() - margin),
      until: new Date(wide.until.getTime() + margin),
      ignoreAppointmentId: opts.ignoreAppointmentId,
      listableOn: opts.listableOn,
    })
  ).get(counselorId);
  if (!own?.listable) return undefined;
  const { timeZone } = own;
  const window = slotWindow(settings, timeZone, opts);
  if (window.until <= window.from) return { sessionType, timeZone, items: [] };
  const items = generateSlots({
    timeZone,
    rules: own.rules,
    overrides: own.overrides,
    busy: own.busy,
    durationMinutes: sessionType.durationMinutes,
    bufferBeforeMinutes: sessionType.bufferBeforeMinutes,
    bufferAfterMinutes: sessionType.bufferAfterMinutes,
    stepMinutes: settings.slotStepMinutes,
    from: window.from,
    until: window.until,
  });
  return { sessionType, timeZone, items };
}

/**
 * Public slot search (A4). A counselor who is not listable today answers the 404 of a random id
 * (A3). A client with a declared dual relationship to the counselor (C2) gets an empty list of the
 * same shape, so the answer does not reveal that a declaration exists.
 */
export async function searchSlots(
  app: AppContext,
  actor: Actor | null,
  counselorId: string,
  query: { sessionType?: string | undefined; from?: string | undefined; days: number },
) {
  const { db } = app.database;
  const org = await resolveOrganization(db, actor);
  const clientUserId = actor?.roles.includes('client') ? actor.userId : null;
  const opts = { ...query, clientUserId, listableOn: todayIn(org.timeZone) };
  const found = await findSlots(db, org.id, counselorId, opts);
  if (!found) throw notFound();
  if (clientUserId && (await hasDeclaredConflict(db, org.id, counselorId, clientUserId))) {
    return {
      counselorId,
      sessionType: found.sessionType.code,
      timeZone: found.timeZone,
      items: [],
    };
  }
  return {
    counselorId,
    sessionType: found.sessionType.code,
    timeZone: found.timeZone,
    items: found.items.map((s) => ({
      startsAt: s.startsAt.toISOString(),
      endsAt: s.endsAt.toISOString(),
    })),
  };
}
