import { and, asc, eq, gt, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import {
  appointments,
  availabilityOverrides,
  availabilityRules,
  counselorProfiles,
  ledgerEntries,
  sessionTypes,
  users,
} from '../../platform/db/schema/index.ts';
import { HOLDING_STATUSES, type AppointmentStatus } from './appointment-status.ts';
import type { AppointmentRow } from './money-hooks.ts';
import type { Busy, DateOverride, WeeklyRule } from './slots.ts';

export type { AppointmentRow };
export type SessionTypeRow = typeof sessionTypes.$inferSelect;

/** An appointment with the names and the counselor's user, as policy and presenter need them. */
export interface AppointmentView extends AppointmentRow {
  counselorUserId: string;
  counselorName: string;
  clientName: string;
  guardianUserIds: string[];
}

const holding = inArray(appointments.status, [...HOLDING_STATUSES]);

function selectViews(tx: Db) {
  return tx
    .select({
      row: appointments,
      counselorUserId: counselorProfiles.userId,
      counselorName: counselorProfiles.displayName,
      clientName: users.displayName,
      // The client's active guardians, for the guardian rule of the policy (C11).
      guardianUserIds: sql<string[]>`ARRAY(SELECT g.guardian_user_id::text FROM guardianships g
        WHERE g.minor_user_id = ${appointments.clientUserId} AND g.status = 'active')`,
    })
    .from(appointments)
    .innerJoin(counselorProfiles, eq(counselorProfiles.id, appointments.counselorId))
    .innerJoin(users, eq(users.id, appointments.clientUserId));
}

type ViewRow = Awaited<ReturnType<ReturnType<typeof selectViews>['execute']>>[number];
const toView = (r: ViewRow): AppointmentView => ({
  ...r.row,
  counselorUserId: r.counselorUserId,
  counselorName: r.counselorName,
  clientName: r.clientName,
  guardianUserIds: r.guardianUserIds,
});

/** One appointment of the organisation; `lock` takes the row for the caller's transaction. */
export async function findAppointmentView(
  tx: Db,
  organizationId: string,
  id: string,
  options: { lock?: boolean } = {},
): Promise<AppointmentView | undefined> {
  const q = selectViews(tx).where(
    and(eq(appointments.organizationId, organizationId), eq(appointments.id, id)),
  );
  const rows = options.lock ? await q.for('update', { of: appointments }) : await q;
  return rows[0] ? toView(rows[0]) : undefined;
}

/** Appointments matching `where` (already carrying the policy filter), earliest first. */
export async function listAppointmentViews(
  tx: Db,
  where: SQL,
  limit: number,
): Promise<AppointmentView[]> {
  const rows = await selectViews(tx).where(where).orderBy(asc(appointments.startsAt)).limit(limit);
  return rows.map(toView);
}

export async function insertAppointment(
  tx: Db,
  values: typeof appointments.$inferInsert,
): Promise<AppointmentRow> {
  const [row] = await tx.insert(appointments).values(values).returning();
  if (!row) throw new Error('appointment not inserted');
  return row;
}

export async function updateAppointment(
  tx: Db,
  id: string,
  values: Partial<typeof appointments.$inferInsert>,
): Promise<AppointmentRow> {
  const [row] = await tx
    .update(appointments)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(appointments.id, id))
    .returning();
  if (!row) throw new Error('appointment not updated');
  return row;
}

export async function findSessionType(
  tx: Db,
  organizationId: string,
  code: string,
): Promise<SessionTypeRow | undefined> {
  return (
    await tx
      .select()
      .from(sessionTypes)
      .where(
        and(
          eq(sessionTypes.organizationId, organizationId),
          eq(sessionTypes.code, code),
          eq(sessionTypes.active, true),
        ),
      )
  )[0];
}

/** The first active type of the kind (intake or not), in the organisation's order. */
export async function defaultSessionType(
  tx: Db,
  organizationId: string,
  intake: boolean,
): Promise<SessionTypeRow | undefined> {
  return (
    await tx
      .select()
      .from(sessionTypes)
      .where(
        and(
          eq(sessionTypes.organizationId, organizationId),
          eq(sessionTypes.isIntake, intake),
          eq(sessionTypes.active, true),
        ),
      )
      .orderBy(asc(sessionTypes.sortOrder))
      .limit(1)
  )[0];
}

/** Whether the client already holds (or held) time with this counselor (C1: not a first). */
export async function hasHoldingAppointment(
  tx: Db,
  clientUserId: string,
  counselorId: string,
): Promise<boolean> {
  const rows = await tx
    .select({ id: appointments.id })
    .from(appointments)
    .where(
      and(
        eq(appointments.clientUserId, clientUserId),
        eq(appointments.counselorId, counselorId),
        holding,
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/** No-shows (absences and late cancellations, A5) of a client starting since `since`. */
export async function countNoShowsSince(
  tx: Db,
  clientUserId: string,
  since: Date,
): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(appointments)
    .where(
      and(
        eq(appointments.clientUserId, clientUserId),
        eq(appointments.status, 'noshow' satisfies AppointmentStatus),
        gte(appointments.startsAt, since),
      ),
    );
  return row?.n ?? 0;
}

/** Payments minus refunds recorded for one appointment (C10); 0 when none. */
export async function paidFenFor(tx: Db, appointmentId: string): Promise<number> {
  const l = ledgerEntries;
  const [row] = await tx
    .select({
      paid: sql<number>`coalesce(sum(case when ${l.kind} = 'payment' then ${l.amountFen}
                when ${l.kind} = 'refund' then -${l.amountFen} else 0 end), 0)::int`,
    })
    .from(l)
    .where(eq(l.appointmentId, appointmentId));
  return Math.max(row?.paid ?? 0, 0);
}

/** The counselor's weekly rules and date overrides, as the slot generator takes them. */
export async function availabilityOf(
  tx: Db,
  counselorId: string,
): Promise<{ rules: WeeklyRule[]; overrides: DateOverride[] }> {
  const rules = await tx
    .select()
    .from(availabilityRules)
    .where(eq(availabilityRules.counselorId, counselorId));
  const overrides = await tx
    .select()
    .from(availabilityOverrides)
    .where(eq(availabilityOverrides.counselorId, counselorId));
  return {
    rules: rules.map((r) => ({ weekday: r.weekday, start: r.startTime, end: r.endTime })),
    overrides: overrides.map((o) => ({
      date: o.date,
      kind: o.kind,
      start: o.startTime,
      end: o.endTime,
    })),
  };
}

/** The counselor's time already held between two instants, buffers included. */
export async function busyOf(
  tx: Db,
  counselorId: string,
  from: Date,
  until: Date,
): Promise<Busy[]> {
  const rows = await tx
    .select({ from: appointments.blockedFrom, until: appointments.blockedUntil })
    .from(appointments)
    .where(
      and(
        eq(appointments.counselorId, counselorId),
        holding,
        lt(appointments.blockedFrom, until),
        gt(appointments.blockedUntil, from),
      ),
    );
  return rows;
}
