import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { appointments, counselorProfiles } from '../../platform/db/schema/index.ts';
import { listableWhere } from '../counselors/counselor-eligibility.ts';
import { HOLDING_STATUSES } from './appointment-status.ts';
import type { Busy, DateOverride, WeeklyRule } from './slots.ts';

const a = appointments;
const p = counselorProfiles;
const holding = () => inArray(a.status, [...HOLDING_STATUSES]);

/** Whether the client already has (or had) an appointment holding this counselor's time (C1). */
export async function hasHoldingAppointment(
  db: Db,
  organizationId: string,
  counselorId: string,
  clientUserId: string,
): Promise<boolean> {
  const rows = await db
    .select({ id: a.id })
    .from(a)
    .where(
      and(
        eq(a.organizationId, organizationId),
        eq(a.counselorId, counselorId),
        eq(a.clientUserId, clientUserId),
        holding(),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/** What slot generation needs of one counselor. */
export interface CounselorSchedule {
  timeZone: string;
  /** Listable on `listableOn` (A3); true when the caller did not ask. */
  listable: boolean;
  rules: WeeklyRule[];
  overrides: DateOverride[];
  busy: Busy[];
}

/** The profile's id spelled out: inside the subqueries a bare `id` would bind to their own table. */
const profileId = sql.raw('"counselor_profiles"."id"');

/**
 * Zone, listability, weekly rules, overrides from `fromDate` and held time in [from, until) of several
 * counselors in one query (one row per counselor, the lists aggregated as JSON): a directory page
 * costs one round trip, not one per counselor.
 */
export async function findSchedulesOf(
  db: Db,
  organizationId: string,
  counselorIds: readonly string[],
  range: {
    fromDate: string;
    from: Date;
    until: Date;
    ignoreAppointmentId?: string | undefined;
    /** The organisation's date, to decide listability in the same query (A3). */
    listableOn?: string | undefined;
  },
): Promise<Map<string, CounselorSchedule>> {
  if (counselorIds.length === 0) return new Map();
  const statuses = sql.join(
    HOLDING_STATUSES.map((s) => sql`${s}`),
    sql`, `,
  );
  const ignore = range.ignoreAppointmentId
    ? sql`AND a.id <> ${range.ignoreAppointmentId}::uuid`
    : sql``;
  const rows = await db
    .select({
      id: p.id,
      timeZone: p.timeZone,
      listable: range.listableOn
        ? sql<boolean>`(${listableWhere(range.listableOn)})`
        : sql<boolean>`true`,
      rules: sql<WeeklyRule[]>`COALESCE((SELECT json_agg(json_build_object(
          'weekday', r.weekday, 'start', r.start_time, 'end', r.end_time))
        FROM availability_rules r WHERE r.counselor_id = ${profileId}), '[]'::json)`,
      overrides: sql<DateOverride[]>`COALESCE((SELECT json_agg(json_build_object(
          'date', o.date, 'kind', o.kind, 'start', o.start_time, 'end', o.end_time))
        FROM availability_overrides o
        WHERE o.counselor_id = ${profileId} AND o.date >= ${range.fromDate}::date), '[]'::json)`,
      busy: sql<{ from: string; until: string }[]>`COALESCE((SELECT json_agg(json_build_object(
          'from', a.blocked_from, 'until', a.blocked_until))
        FROM appointments a
        WHERE a.counselor_id = ${profileId} AND a.status IN (${statuses})
          AND a.blocked_from < ${range.until.toISOString()}::timestamptz
          AND a.blocked_until > ${range.from.toISOString()}::timestamptz ${ignore}), '[]'::json)`,
    })
    .from(p)
    .where(and(eq(p.organizationId, organizationId), inArray(p.id, [...counselorIds])));
  return new Map(
    rows.map((row) => [
      row.id,
      {
        timeZone: row.timeZone,
        listable: row.listable,
        rules: row.rules,
        overrides: row.overrides,
        busy: row.busy.map((b) => ({ from: new Date(b.from), until: new Date(b.until) })),
      },
    ]),
  );
}
