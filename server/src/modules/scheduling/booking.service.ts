import type { Appointment } from '@anxin/common';
import type { Actor } from '../../platform/auth/actor.ts';
import { AppError, notFound } from '../../platform/http/app-error.ts';
import { findProfile, type CounselorProfileRow } from '../counselors/counselor-access.ts';
import { hasDeclaredConflict, isListable, todayIn } from '../counselors/counselor-eligibility.ts';
import { organizationTimeZone } from '../counselors/counselor.repo.ts';
import {
  asSlotTaken,
  inSchedulingTransaction,
  slotTaken,
  type SchedulingContext,
  type SchedulingWork,
} from './appointment-context.ts';
import { presentAppointment } from './appointment.presenter.ts';
import {
  countNoShowsSince,
  defaultSessionType,
  findAppointmentView,
  findSessionType,
  hasHoldingAppointment,
  insertAppointment,
  type AppointmentRow,
  type SessionTypeRow,
} from './appointment.repo.ts';
import { queueBookingConfirmation } from './appointment-reminders.ts';
import { isCurrentSlot } from './appointment-slots.ts';
import { needsApproval } from './cancellation-policy.ts';
import { assertConsentForBooking } from './consent-gate.ts';
import { assignIntakeAssessments } from '../assessments/assessment.service.ts';
import { findCurrentEpisode, insertEpisode, updateEpisode } from './episode.repo.ts';
import { chargeForBooking } from './money-hooks.ts';

const MIN = 60_000;
const DAY = 86_400_000;

export interface BookingInput {
  counselorId: string;
  startsAt: string;
  modality: 'text' | 'video' | 'voice' | 'in_person';
  sessionType?: string | undefined;
}

/**
 * A client books a slot (A4). Every check and the insert run in one transaction; two clients
 * racing for one slot are decided by the exclusion constraints, and the loser gets the slot
 * answer with nothing written.
 */
export async function bookAppointment(
  ctx: SchedulingContext,
  actor: Actor,
  input: BookingInput,
): Promise<Appointment> {
  if (!actor.roles.includes('client'))
    throw new AppError('forbidden', 'Only clients book appointments.');
  if (!actor.verified) {
    throw new AppError(
      'forbidden',
      'Verify your e-mail address or mobile number before booking an appointment.',
    );
  }
  try {
    const booked = await inSchedulingTransaction(ctx, actor, async (w) => {
      const row = await bookInTransaction(w, actor, actor.userId, input, null);
      const view = await findAppointmentView(w.tx, actor.organizationId, row.id);
      if (!view) throw new Error('booked appointment not found');
      return presentAppointment(actor, view, w.settings);
    });
    await deliverSoon(ctx);
    return booked;
  } catch (err) {
    throw asSlotTaken(err);
  }
}

/** After a commit that queued messages: deliver now instead of at the next sweep. */
export async function deliverSoon(ctx: SchedulingContext): Promise<void> {
  await ctx.app.jobs?.send('notifications.deliver').catch(() => undefined);
}

/**
 * The booking itself, on the caller's transaction (booking and rescheduling share it), in the
 * order the issue gives: consent, listable, declared conflict, session type, slot, approval,
 * fee, episode, insert, charge, audit.
 */
export async function bookInTransaction(
  w: SchedulingWork,
  actor: Actor,
  clientUserId: string,
  input: BookingInput,
  rescheduledFrom: AppointmentRow | null,
): Promise<AppointmentRow> {
  const org = actor.organizationId;
  await assertConsentForBooking(w, clientUserId);
  const counselor = await findProfile(w.tx, org, input.counselorId);
  const today = todayIn(await organizationTimeZone(w.tx, org), w.now);
  // Not listable is not bookable (A3), and answers like a counselor who does not exist.
  if (!counselor || !(await isListable(w.tx, org, counselor.id, today))) throw notFound();
  // C2: refused without saying why, so the client learns nothing about the relationship.
  if (await hasDeclaredConflict(w.tx, org, counselor.id, clientUserId)) {
    throw new AppError('conflict', 'This counselor cannot be booked; choose another.');
  }
  // A moved appointment keeps its type and episode: C1 was decided when it was first booked.
  const type = rescheduledFrom
    ? await findSessionType(w.tx, org, rescheduledFrom.sessionTypeCode)
    : await chooseSessionType(w, counselor, clientUserId, input.sessionType);
  if (!type) throw badSessionType('This session type is no longer offered.');
  const startsAt = new Date(input.startsAt);
  if (!(await isCurrentSlot(w.tx, counselor, type, startsAt, w.settings, w.now))) throw slotTaken();
  const since = new Date(w.now.getTime() - w.settings.noShowPeriodDays * DAY);
  const noShows = await countNoShowsSince(w.tx, clientUserId, since);
  const fee = counselor.fees[type.code];
  if (fee === undefined) throw badSessionType('This counselor does not offer this session type.');
  const episodeId = rescheduledFrom
    ? rescheduledFrom.episodeId
    : await episodeFor(w, org, clientUserId, counselor.id, type.isIntake);
  const endsAt = new Date(startsAt.getTime() + type.durationMinutes * MIN);
  const row = await insertAppointment(w.tx, {
    organizationId: org,
    counselorId: counselor.id,
    clientUserId,
    episodeId,
    sessionTypeCode: type.code,
    kind: type.isIntake ? 'intake' : 'follow_up',
    modality: input.modality,
    startsAt,
    endsAt,
    blockedFrom: new Date(startsAt.getTime() - type.bufferBeforeMinutes * MIN),
    blockedUntil: new Date(endsAt.getTime() + type.bufferAfterMinutes * MIN),
    // Repeated no-shows put further bookings behind staff approval (A5).
    status: needsApproval(noShows, w.settings.noShowLimit) ? 'pending' : 'booked',
    feeFen: fee,
    rescheduledFromId: rescheduledFrom?.id ?? null,
  });
  await chargeForBooking(w, row);
  // The client's confirmation with the .ics invitation, or the "waits for approval" notice.
  await queueBookingConfirmation(w.tx, w.vault, row);
  await w.audit({
    organizationId: org,
    action: 'appointment.book',
    entityType: 'appointment',
    entityId: row.id,
    subjectId: clientUserId,
    changes: {
      status: { old: null, new: row.status },
      ...(rescheduledFrom ? { rescheduledFromId: { old: null, new: rescheduledFrom.id } } : {}),
    },
  });
  return row;
}

const badSessionType = (message: string) =>
  new AppError('validation_failed', message, [
    { path: 'body.sessionType', message, code: 'invalid_value' },
  ]);

/**
 * C1: a first appointment with a counselor (nothing held with them yet, or no episode in use)
 * is the intake; a different type asked for it is refused. Later ones default to a follow-up.
 */
async function chooseSessionType(
  w: SchedulingWork,
  counselor: CounselorProfileRow,
  clientUserId: string,
  asked: string | undefined,
): Promise<SessionTypeRow> {
  const org = counselor.organizationId;
  const first =
    !(await hasHoldingAppointment(w.tx, clientUserId, counselor.id)) ||
    !(await findCurrentEpisode(w.tx, clientUserId, counselor.id));
  const type = asked
    ? await findSessionType(w.tx, org, asked)
    : await defaultSessionType(w.tx, org, first);
  if (!type) throw badSessionType('No such session type.');
  if (first && !type.isIntake)
    throw badSessionType('The first appointment with a counselor is the intake.');
  return type;
}

/**
 * C1: an intake opens an episode of care (or takes up the pair's episode that is still open,
 * after a cancelled intake); a follow-up belongs to the pair's episode in use and makes it active.
 */
async function episodeFor(
  w: SchedulingWork,
  organizationId: string,
  clientUserId: string,
  counselorId: string,
  intake: boolean,
): Promise<string | null> {
  const current = await findCurrentEpisode(w.tx, clientUserId, counselorId);
  if (intake) {
    if (current) return current.id;
    const episode = await insertEpisode(w.tx, { organizationId, clientUserId, counselorId });
    await assignIntakeAssessments(w.tx, { organizationId, clientUserId, episodeId: episode.id });
    return episode.id;
  }
  if (!current) return null;
  if (current.status === 'open') await updateEpisode(w.tx, current.id, { status: 'active' });
  return current.id;
}
