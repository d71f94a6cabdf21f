import type { Appointment } from '@anxin/common';
import type { Actor } from '../../platform/auth/actor.ts';
import { SENSITIVE } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/http/app-error.ts';
import { loadAppointmentFor } from './appointment-access.ts';
import {
  asSlotTaken,
  inSchedulingTransaction,
  type SchedulingContext,
  type SchedulingWork,
} from './appointment-context.ts';
import { queueCancellationNotice } from './appointment-reminders.ts';
import { cancellationRules } from './appointment-settings.ts';
import { presentAppointment, roleOn } from './appointment.presenter.ts';
import {
  findAppointmentView,
  paidFenFor,
  updateAppointment,
  type AppointmentRow,
  type AppointmentView,
} from './appointment.repo.ts';
import { checkAppointmentTransition, type AppointmentActor } from './appointment-status.ts';
import { bookInTransaction, deliverSoon } from './booking.service.ts';
import { cancellationOutcome, refundFen, type CancellationOutcome } from './cancellation-policy.ts';
import { settleUnheldAppointment } from './money-hooks.ts';

export interface CancellationPreview {
  outcome: 'cancelled' | 'late_cancel_noshow';
  deadline: string;
  countsAsNoShow: boolean;
  refundFen: number;
  paidFen: number;
}

export interface CancellationRequest {
  reason?: string | undefined;
  acknowledgedOutcome?: 'cancelled' | 'late_cancel_noshow' | undefined;
}

/**
 * What cancelling would do for this actor now (A5). A pending appointment was never confirmed:
 * withdrawing it is never late.
 */
function outcomeFor(
  w: Pick<SchedulingWork, 'now' | 'settings'>,
  a: AppointmentView,
  by: AppointmentActor,
) {
  const rules = cancellationRules(w.settings);
  const outcome = cancellationOutcome(a.startsAt, w.now, by, rules);
  if (a.status === 'pending' && outcome.event === 'late_cancel')
    return { ...outcome, event: 'cancel', countsAsNoShow: false, refundPercent: 100 } as const;
  return outcome;
}

const previewOf = (o: CancellationOutcome, paid: number): CancellationPreview => ({
  outcome: o.countsAsNoShow ? 'late_cancel_noshow' : 'cancelled',
  deadline: o.deadline.toISOString(),
  countsAsNoShow: o.countsAsNoShow,
  refundFen: refundFen(paid, o.refundPercent),
  paidFen: paid,
});

/** The preview shown before the client confirms: the same function that decides (A5). */
export async function previewCancellation(
  ctx: SchedulingContext,
  actor: Actor,
  id: string,
): Promise<CancellationPreview> {
  return inSchedulingTransaction(ctx, actor, async (w) => {
    const a = await loadAppointmentFor(w.tx, actor, id, 'cancel');
    const by = roleOn(actor, a) ?? 'client';
    return previewOf(outcomeFor(w, a, by), await paidFenFor(w.tx, a.id));
  });
}

export async function cancelAppointment(
  ctx: SchedulingContext,
  actor: Actor,
  id: string,
  input: CancellationRequest,
): Promise<Appointment> {
  const result = await inSchedulingTransaction(ctx, actor, async (w) => {
    const a = await loadAppointmentFor(w.tx, actor, id, 'cancel', { lock: true });
    await cancelInTransaction(w, actor, a, input, 'appointment.cancel');
    return present(w, actor, a.id);
  });
  await deliverSoon(ctx);
  return result;
}

/**
 * Cancels and books the new start in one transaction (the new appointment remembers the old):
 * either both happen or neither. A late reschedule by the client counts like a late cancellation.
 */
export async function rescheduleAppointment(
  ctx: SchedulingContext,
  actor: Actor,
  id: string,
  input: CancellationRequest & { startsAt: string },
): Promise<Appointment> {
  try {
    const result = await inSchedulingTransaction(ctx, actor, async (w) => {
      const a = await loadAppointmentFor(w.tx, actor, id, 'reschedule', { lock: true });
      await cancelInTransaction(w, actor, a, input, 'appointment.reschedule');
      const moved = await bookInTransaction(
        w,
        actor,
        a.clientUserId,
        {
          counselorId: a.counselorId,
          startsAt: input.startsAt,
          modality: a.modality,
          sessionType: a.sessionTypeCode,
        },
        a,
      );
      return present(w, actor, moved.id);
    });
    await deliverSoon(ctx);
    return result;
  } catch (err) {
    throw asSlotTaken(err);
  }
}

/**
 * The cancellation on the caller's transaction, through the transition table: `cancel`, or
 * `late_cancel` (a no-show, A5) for a client inside the window, which they must have confirmed
 * after seeing the preview. The reason is sealed under the client's key; money is settled.
 */
export async function cancelInTransaction(
  w: SchedulingWork,
  actor: Actor,
  a: AppointmentView,
  input: CancellationRequest,
  action: string,
  // Who cancels when it is not the actor's own role on the appointment: 'system' when a
  // withdrawal of consent cancels the client's future appointments (never a no-show).
  as?: AppointmentActor,
): Promise<AppointmentRow> {
  const by = as ?? roleOn(actor, a);
  if (!by) throw new AppError('forbidden');
  const outcome = outcomeFor(w, a, by);
  if (outcome.countsAsNoShow && input.acknowledgedOutcome !== 'late_cancel_noshow') {
    throw new AppError(
      'conflict',
      'The cancellation window has passed: cancelling now counts as a no-show. Confirm this consequence (acknowledgedOutcome late_cancel_noshow) to go ahead.',
    );
  }
  const check = checkAppointmentTransition(a.status, outcome.event, by);
  if (!check.ok) {
    throw new AppError('invalid_transition', `A ${a.status} appointment cannot be cancelled.`);
  }
  const reason = input.reason?.trim();
  const updated = await updateAppointment(w.tx, a.id, {
    status: check.to,
    cancelledAt: w.now,
    cancelledBy: by,
    cancelledById: actor.userId,
    noShowReason: outcome.countsAsNoShow ? 'late_cancel' : null,
    cancellationReasonEnc: reason
      ? await w.vault.encrypt(
          { type: 'person', id: a.clientUserId },
          { table: 'appointments', field: 'cancellation_reason', recordId: a.id },
          reason,
        )
      : null,
  });
  await settleUnheldAppointment(w, updated, outcome.refundPercent);
  await queueCancellationNotice(
    w.tx,
    w.vault,
    updated,
    by === 'client' ? 'client' : 'organization',
  );
  await w.audit({
    organizationId: a.organizationId,
    action,
    entityType: 'appointment',
    entityId: a.id,
    subjectId: a.clientUserId,
    changes: {
      status: { old: a.status, new: check.to },
      ...(outcome.countsAsNoShow ? { noShowReason: { old: null, new: 'late_cancel' } } : {}),
      ...(reason ? { reason: { old: null, new: SENSITIVE } } : {}),
    },
  });
  return updated;
}

async function present(w: SchedulingWork, actor: Actor, id: string): Promise<Appointment> {
  const view = await findAppointmentView(w.tx, actor.organizationId, id);
  if (!view) throw new Error('appointment vanished');
  return presentAppointment(actor, view, w.settings);
}
