import type { Appointment } from '@anxin/common';
import { and, eq, gte, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.ts';
import { appointments } from '../../platform/db/schema/index.ts';
import { AppError } from '../../platform/http/app-error.ts';
import { loadAppointmentFor } from './appointment-access.ts';
import { readSchedulingSettings } from './appointment-settings.ts';
import type { SchedulingContext } from './appointment-context.ts';
import { appointmentPolicy, ownWard } from './appointment.policy.ts';
import { presentAppointment } from './appointment.presenter.ts';
import { listAppointmentViews } from './appointment.repo.ts';

export interface AppointmentListQuery {
  scope: 'mine' | 'counselor' | 'all';
  from?: string | undefined;
  to?: string | undefined;
  status?: Appointment['status'] | undefined;
  limit: number;
}

/**
 * Appointments in a scope: `mine` are the actor's own as a client (and their wards' as a
 * guardian) and, for a counselor, those
 * with their profile; `counselor` only the latter; `all` the organisation's (administrators).
 * Always under the read policy's filter, the same rules as the item check.
 */
export async function listAppointments(
  ctx: SchedulingContext,
  actor: Actor,
  q: AppointmentListQuery,
): Promise<{ items: Appointment[] }> {
  const t = appointments;
  const readable = appointmentPolicy.filter(actor, 'read', t);
  const counselorSide = sqlOfRule('counselor', actor);
  let scope: SQL;
  if (q.scope === 'all') {
    if (!appointmentPolicy.actionsFor(actor).includes('list'))
      throw new AppError('forbidden', 'Only administrators list every appointment.');
    scope = appointmentPolicy.filter(actor, 'list', t);
  } else if (q.scope === 'counselor') {
    scope = counselorSide;
  } else {
    // A guardian's own list includes their wards' appointments (C11).
    scope = or(eq(t.clientUserId, actor.userId), counselorSide, ownWard.where(actor, t)) as SQL;
  }
  const where = and(
    readable,
    scope,
    q.from ? gte(t.startsAt, new Date(q.from)) : undefined,
    q.to ? lt(t.startsAt, new Date(q.to)) : undefined,
    q.status ? eq(t.status, q.status) : undefined,
  ) as SQL;
  const db = ctx.app.database.db;
  const settings = await readSchedulingSettings(db, actor.organizationId);
  const rows = await listAppointmentViews(db, where, q.limit);
  return { items: rows.map((r) => presentAppointment(actor, r, settings)) };
}

/** The counselor relation of the read rules, for counselors; FALSE for everyone else. */
function sqlOfRule(name: string, actor: Actor): SQL {
  const rule = appointmentPolicy.rules.read.find((r) => r.relation.name === name);
  if (!rule || !rule.roles?.some((r) => actor.roles.includes(r))) return sql`false`;
  return rule.relation.where(actor, appointments);
}

export async function readAppointment(
  ctx: SchedulingContext,
  actor: Actor,
  id: string,
): Promise<Appointment> {
  const db = ctx.app.database.db;
  const row = await loadAppointmentFor(db, actor, id, 'read');
  return presentAppointment(actor, row, await readSchedulingSettings(db, actor.organizationId));
}
