import type { Locale } from '@anxin/common';
import { eq } from 'drizzle-orm';
import type { VaultScope } from '../../platform/crypto/vault.ts';
import type { Db } from '../../platform/db/database.ts';
import { counselorProfiles, organizations } from '../../platform/db/schema/index.ts';
import { findUser } from '../counselors/counselor.repo.ts';
import { decryptUser } from '../identity/user-fields.ts';
import {
  enqueueNotification,
  type MessageAttachment,
} from '../notifications/notification.service.ts';
import type {
  AppointmentMessage,
  TemplateName,
  TemplateParams,
} from '../notifications/notification.templates.ts';
import { cancellationDeadline } from './cancellation-policy.ts';
import { appointmentUid, buildCalendar, sessionSummary } from './ics.ts';
import type { AppointmentRow } from './money-hooks.ts';
import { getSchedulingSettings } from './scheduling-settings.service.ts';

/** The client of an appointment as messages need them, or null when they cannot be written to. */
interface ClientRecipient {
  userId: string;
  locale: Locale;
  email: string | null;
  /** Only a verified number gets SMS: an unverified one may be someone else's. */
  verifiedPhone: string | null;
  message: AppointmentMessage;
  /** The appointment's counselor's account, to tell them of a client's cancellation. */
  counselorUserId: string | null;
}

export function loadClientRecipient(
  tx: Db,
  vault: VaultScope,
  appointment: AppointmentRow,
): Promise<ClientRecipient | null> {
  return loadRecipient(tx, vault, appointment, appointment.clientUserId);
}

/** One party of an appointment (client or counselor) as messages about it need them. */
async function loadRecipient(
  tx: Db,
  vault: VaultScope,
  appointment: AppointmentRow,
  userId: string,
): Promise<ClientRecipient | null> {
  const user = await findUser(tx, appointment.organizationId, userId);
  if (!user || user.status !== 'active') return null;
  const [org] = await tx
    .select({ timeZone: organizations.timeZone })
    .from(organizations)
    .where(eq(organizations.id, appointment.organizationId));
  const [counselor] = await tx
    .select({ name: counselorProfiles.displayName, userId: counselorProfiles.userId })
    .from(counselorProfiles)
    .where(eq(counselorProfiles.id, appointment.counselorId));
  const settings = await getSchedulingSettings(tx, appointment.organizationId);
  const { email, phone } = await decryptUser(vault, user);
  return {
    userId: user.id,
    counselorUserId: counselor?.userId ?? null,
    locale: user.locale,
    email,
    verifiedPhone: user.phoneVerifiedAt ? phone : null,
    message: {
      counselorName: counselor?.name ?? '',
      startsAt: appointment.startsAt.toISOString(),
      deadline: cancellationDeadline(appointment.startsAt, {
        windowHours: settings.cancellationWindowHours,
        lateCancelRefundPercent: settings.lateCancelRefundPercent,
        noShowRefundPercent: settings.noShowRefundPercent,
      }).toISOString(),
      // Clients keep no zone of their own: the organisation's is the one they booked in.
      timeZone: org?.timeZone ?? 'Asia/Shanghai',
    },
  };
}

/** In-app always, e-mail when there is an address, SMS when the number is verified. */
export async function notifyClient<T extends TemplateName>(
  tx: Db,
  vault: VaultScope,
  to: ClientRecipient,
  template: T,
  params: TemplateParams[T],
  options: { sms: boolean; attachments?: readonly MessageAttachment[] } = { sms: true },
): Promise<void> {
  const base = {
    organizationId: vault.organizationId,
    userId: to.userId,
    keyOwner: { type: 'person', id: to.userId } as const,
    template,
    params,
    locale: to.locale,
  };
  await enqueueNotification(tx, vault, { ...base, channel: 'in_app' });
  if (to.email) {
    await enqueueNotification(tx, vault, {
      ...base,
      channel: 'email',
      to: to.email,
      attachments: options.attachments,
    });
  }
  if (options.sms && to.verifiedPhone) {
    await enqueueNotification(tx, vault, { ...base, channel: 'sms', to: to.verifiedPhone });
  }
}

/**
 * Queues the confirmation of a booking (A5), with the appointment as an .ics invitation
 * (METHOD:REQUEST) attached to the e-mail. For the booking service, on its own transaction
 * (`vault` scoped on it) after the appointment row exists; a pending booking gets the
 * "waits for approval" message instead, with no invitation.
 */
export async function queueBookingConfirmation(
  tx: Db,
  vault: VaultScope,
  appointment: AppointmentRow,
): Promise<void> {
  const to = await loadClientRecipient(tx, vault, appointment);
  if (!to) return;
  if (appointment.status === 'pending') {
    const { deadline: _deadline, ...params } = to.message;
    await notifyClient(tx, vault, to, 'appointment_pending_approval', params);
    return;
  }
  const invitation = buildCalendar({
    method: 'REQUEST',
    now: new Date(),
    ...(to.email ? { attendee: { email: to.email } } : {}),
    events: [
      {
        uid: appointmentUid(appointment.id),
        startsAt: appointment.startsAt,
        endsAt: appointment.endsAt,
        summary: sessionSummary(to.locale, to.message.counselorName),
      },
    ],
  });
  await notifyClient(tx, vault, to, 'appointment_confirmed', to.message, {
    sms: true,
    attachments: [
      {
        filename: 'appointment.ics',
        contentType: 'text/calendar; method=REQUEST',
        content: invitation,
      },
    ],
  });
}

/**
 * Queues the notice of a cancellation (A5) on the cancelling transaction. The client always gets
 * it, with a METHOD:CANCEL calendar entry under the invitation's UID so their calendar drops the
 * event. When the client cancelled, the counselor is told too (in-app and e-mail, no SMS): the
 * freed hour is theirs to reuse. Neither message carries the reason or the client's name.
 */
export async function queueCancellationNotice(
  tx: Db,
  vault: VaultScope,
  appointment: AppointmentRow,
  by: 'client' | 'organization',
): Promise<void> {
  const to = await loadClientRecipient(tx, vault, appointment);
  if (!to) return;
  const { deadline: _deadline, ...message } = to.message;
  const cancellation = buildCalendar({
    method: 'CANCEL',
    now: new Date(),
    ...(to.email ? { attendee: { email: to.email } } : {}),
    events: [
      {
        uid: appointmentUid(appointment.id),
        startsAt: appointment.startsAt,
        endsAt: appointment.endsAt,
        summary: sessionSummary(to.locale, message.counselorName),
        status: 'CANCELLED',
        sequence: 1,
      },
    ],
  });
  await notifyClient(
    tx,
    vault,
    to,
    'appointment_cancelled',
    { ...message, by },
    {
      sms: true,
      attachments: [
        {
          filename: 'appointment-cancelled.ics',
          contentType: 'text/calendar; method=CANCEL',
          content: cancellation,
        },
      ],
    },
  );
  if (by !== 'client' || !to.counselorUserId) return;
  const counselor = await loadRecipient(tx, vault, appointment, to.counselorUserId);
  if (!counselor) return;
  const { deadline: _unused, ...forCounselor } = counselor.message;
  await notifyClient(
    tx,
    vault,
    counselor,
    'appointment_cancelled',
    { ...forCounselor, by },
    {
      sms: false,
    },
  );
}
