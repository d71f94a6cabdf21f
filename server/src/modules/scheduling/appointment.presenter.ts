import type { Appointment, SchedulingSettings } from '@anxin/common';
import type { Actor } from '../../platform/auth/actor.ts';
import { appointmentPolicy } from './appointment.policy.ts';
import type { AppointmentView } from './appointment.repo.ts';
import {
  checkAppointmentTransition,
  type AppointmentActor,
  type AppointmentEvent,
} from './appointment-status.ts';
import { cancellationDeadline } from './cancellation-policy.ts';
import { cancellationRules } from './appointment-settings.ts';

/**
 * Who the actor is to this appointment, for the transition table: its client first (a staff
 * member booking for themself acts as a client), then its counselor, then an administrator.
 */
export function roleOn(actor: Actor, a: AppointmentView): AppointmentActor | null {
  if (a.clientUserId === actor.userId) return 'client';
  if (a.counselorUserId === actor.userId && actor.roles.includes('counselor')) return 'counselor';
  if (actor.roles.includes('administrator')) return 'administrator';
  return null;
}

const EVENT_PERMISSION = {
  arrive: 'attend',
  fulfil: 'attend',
  mark_absent: 'attend',
  approve: 'decide',
  decline: 'decide',
  enter_in_error: 'decide',
} as const;

/** What this user may do now: the policy and the transition table, both asked. */
function actionsFor(actor: Actor, a: AppointmentView): string[] {
  const by = roleOn(actor, a);
  if (!by) return [];
  const out: string[] = [];
  const can = (e: AppointmentEvent, as: AppointmentActor) =>
    checkAppointmentTransition(a.status, e, as).ok;
  if (appointmentPolicy.can(actor, 'cancel', a) && can('cancel', by)) out.push('cancel');
  if (appointmentPolicy.can(actor, 'reschedule', a) && can('cancel', by)) out.push('reschedule');
  for (const [event, permission] of Object.entries(EVENT_PERMISSION)) {
    const as: AppointmentActor = permission === 'attend' ? 'counselor' : 'administrator';
    if (appointmentPolicy.can(actor, permission, a) && can(event as AppointmentEvent, as))
      out.push(event);
  }
  return out;
}

/**
 * The appointment as this user sees it. The client's name goes to the counselor of the
 * appointment and to administrators only (the display name: the real name stays sealed).
 */
export function presentAppointment(
  actor: Actor,
  a: AppointmentView,
  settings: SchedulingSettings,
): Appointment {
  const by = roleOn(actor, a);
  const staffView = by === 'counselor' || by === 'administrator';
  return {
    id: a.id,
    counselorId: a.counselorId,
    counselorName: a.counselorName,
    clientUserId: by ? a.clientUserId : null,
    clientName: staffView ? a.clientName : null,
    episodeId: a.episodeId,
    sessionType: a.sessionTypeCode,
    kind: a.kind,
    modality: a.modality,
    startsAt: a.startsAt.toISOString(),
    endsAt: a.endsAt.toISOString(),
    status: a.status,
    noShowReason: a.noShowReason,
    cancelledBy: a.cancelledBy,
    cancellationDeadline: cancellationDeadline(
      a.startsAt,
      cancellationRules(settings),
    ).toISOString(),
    feeFen: a.feeFen,
    actions: actionsFor(actor, a),
    createdAt: a.createdAt.toISOString(),
  };
}
