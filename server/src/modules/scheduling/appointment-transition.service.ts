import { eq } from 'drizzle-orm';
import type { Appointment } from '@anxin/common';
import type { AuditFields } from '../../platform/audit/request-audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { appointments } from '../../platform/db/schema/index.ts';
import { AppError, notFound } from '../../platform/http/app-error.ts';
import { loadAppointmentFor } from './appointment-access.ts';
import {
  inSchedulingTransaction,
  type SchedulingContext,
  type SchedulingWork,
} from './appointment-context.ts';
import { presentAppointment } from './appointment.presenter.ts';
import { findAppointmentView, updateAppointment, type AppointmentRow } from './appointment.repo.ts';
import {
  checkAppointmentTransition,
  type AppointmentActor,
  type AppointmentEvent,
} from './appointment-status.ts';
import { settleUnheldAppointment } from './money-hooks.ts';

type RouteEvent = Exclude<AppointmentEvent, 'cancel' | 'late_cancel'>;

export interface TransitionRequest {
  event: RouteEvent;
  reason?: string | undefined;
}

/** Attendance is the counselor's to record; decisions about the booking are staff's (A5). */
const SIDE: Record<RouteEvent, { permission: 'attend' | 'decide'; by: AppointmentActor }> = {
  arrive: { permission: 'attend', by: 'counselor' },
  fulfil: { permission: 'attend', by: 'counselor' },
  mark_absent: { permission: 'attend', by: 'counselor' },
  approve: { permission: 'decide', by: 'administrator' },
  decline: { permission: 'decide', by: 'administrator' },
  enter_in_error: { permission: 'decide', by: 'administrator' },
};

export async function transitionAppointment(
  ctx: SchedulingContext,
  actor: Actor,
  id: string,
  input: TransitionRequest,
): Promise<Appointment> {
  const side = SIDE[input.event];
  const reason = input.reason?.trim() ?? '';
  if (input.event === 'enter_in_error' && !reason) {
    throw new AppError('validation_failed', 'Say why this appointment is entered in error.', [
      { path: 'body.reason', message: 'Required', code: 'too_small' },
    ]);
  }
  return inSchedulingTransaction(ctx, actor, async (w) => {
    const a = await loadAppointmentFor(w.tx, actor, id, side.permission, { lock: true });
    await applyAppointmentEvent(w, a, input.event, side.by, reason || null);
    const view = await findAppointmentView(w.tx, actor.organizationId, a.id);
    if (!view) throw new Error('appointment vanished');
    return presentAppointment(actor, view, w.settings);
  });
}

/** The columns an event sets besides the status. */
function changesFor(
  event: RouteEvent,
  by: AppointmentActor,
  w: Pick<SchedulingWork, 'now' | 'actorId'>,
) {
  switch (event) {
    case 'arrive':
      return { arrivedAt: w.now };
    case 'mark_absent':
      return { noShowReason: 'absent' as const };
    case 'decline':
      return { cancelledAt: w.now, cancelledBy: by, cancelledById: w.actorId };
    default:
      return {};
  }
}

/**
 * Fires one event on a locked appointment through the transition table, settles money when the
 * session will not take place (declined: in full; absent: per policy, A5), and audits.
 */
export async function applyAppointmentEvent(
  w: Pick<SchedulingWork, 'tx' | 'vault' | 'audit' | 'actorId' | 'now' | 'settings'>,
  a: AppointmentRow,
  event: RouteEvent,
  by: AppointmentActor,
  reason: string | null,
  auditAction = `appointment.${event}`,
): Promise<AppointmentRow> {
  const check = checkAppointmentTransition(a.status, event, by);
  if (!check.ok) {
    throw new AppError('invalid_transition', `A ${a.status} appointment cannot take "${event}".`);
  }
  const updated = await updateAppointment(w.tx, a.id, {
    status: check.to,
    ...changesFor(event, by, w),
    // The reason may describe the client's circumstances: sealed under their key.
    ...(reason
      ? {
          cancellationReasonEnc: await w.vault.encrypt(
            { type: 'person', id: a.clientUserId },
            { table: 'appointments', field: 'cancellation_reason', recordId: a.id },
            reason,
          ),
        }
      : {}),
  });
  if (event === 'decline') await settleUnheldAppointment(w, updated, 100);
  if (event === 'mark_absent') {
    await settleUnheldAppointment(w, updated, w.settings.noShowRefundPercent);
  }
  await w.audit({
    organizationId: a.organizationId,
    action: auditAction,
    entityType: 'appointment',
    entityId: a.id,
    subjectId: a.clientUserId,
    changes: { status: { old: a.status, new: check.to } },
  });
  return updated;
}

/** Who records an arrival from outside a request route (the session room, later). */
export interface ArrivalBy {
  role: Extract<AppointmentActor, 'client' | 'counselor' | 'system'>;
  userId: string | null;
  audit: (fields: AuditFields) => Promise<unknown>;
}

/**
 * Records that the client arrived (joined the session room, or was marked present), on the
 * caller's transaction; for the session-room module. Locks the row, goes through the table.
 */
export async function recordArrival(
  tx: Db,
  appointmentId: string,
  by: ArrivalBy,
): Promise<AppointmentRow> {
  const [view] = await tx
    .select()
    .from(appointments)
    .where(eq(appointments.id, appointmentId))
    .for('update');
  if (!view) throw notFound();
  const check = checkAppointmentTransition(view.status, 'arrive', by.role);
  if (!check.ok)
    throw new AppError('invalid_transition', `A ${view.status} appointment cannot take "arrive".`);
  const updated = await updateAppointment(tx, view.id, { status: check.to, arrivedAt: new Date() });
  await by.audit({
    organizationId: view.organizationId,
    action: 'appointment.arrive',
    entityType: 'appointment',
    entityId: view.id,
    subjectId: view.clientUserId,
    changes: { status: { old: view.status, new: check.to } },
  });
  return updated;
}
