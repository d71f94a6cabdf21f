import {
  appointmentListSchema,
  appointmentSchema,
  availabilitySchema,
  cancellationPreviewSchema,
  ledgerSchema,
  schedulingSettingsSchema,
  sessionTypeListSchema,
  sessionTypeSchema,
  slotListSchema,
  type Availability,
  type MODALITIES,
  type SchedulingSettings,
} from '@anxin/common';
import {
  apiDelete,
  apiGet,
  apiPatch,
  apiPost,
  apiPut,
  queryString,
  type Schema,
} from '../../lib/api.ts';

const V1 = '/api/v1';
const profilePath = (id: string) => `${V1}/counselor-profiles/${encodeURIComponent(id)}`;
const appointmentPath = (id: string) => `${V1}/appointments/${encodeURIComponent(id)}`;

const feedSchema: Schema<{ url: string }> = {
  parse: (data) => {
    const url = (data as { url?: unknown } | null)?.url;
    if (typeof url !== 'string') throw new TypeError('The answer holds no feed address');
    return { url };
  },
};

export type Modality = (typeof MODALITIES)[number];
export type CancelOutcome = 'cancelled' | 'late_cancel_noshow';
export type AppointmentEvent =
  'arrive' | 'fulfil' | 'mark_absent' | 'approve' | 'decline' | 'enter_in_error';

export function getSchedulingSettings(signal?: AbortSignal) {
  return apiGet(`${V1}/settings/scheduling`, schedulingSettingsSchema, signal);
}

export function putSchedulingSettings(body: SchedulingSettings) {
  return apiPut(`${V1}/settings/scheduling`, schedulingSettingsSchema, body);
}

export async function listSessionTypes(signal?: AbortSignal) {
  return (await apiGet(`${V1}/session-types`, sessionTypeListSchema, signal)).items;
}

/** Retired types too: only those who configure scheduling get them (others see active ones). */
export async function listAllSessionTypes(signal?: AbortSignal) {
  const path = `${V1}/session-types${queryString({ includeInactive: 'true' })}`;
  return (await apiGet(path, sessionTypeListSchema, signal)).items;
}

export interface SessionTypeBody {
  code: string;
  labelZh: string;
  labelEn: string;
  durationMinutes: number;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  isIntake: boolean;
  active: boolean;
  sortOrder: number;
}

/** The code names a type in appointments for good, so an edit never sends it. */
export type SessionTypePatch = Partial<Omit<SessionTypeBody, 'code'>>;

export function createSessionType(body: SessionTypeBody) {
  return apiPost(`${V1}/session-types`, sessionTypeSchema, body);
}

export function updateSessionType(id: string, patch: SessionTypePatch) {
  return apiPatch(`${V1}/session-types/${encodeURIComponent(id)}`, sessionTypeSchema, patch);
}

export function getAvailability(counselorId: string, signal?: AbortSignal) {
  return apiGet(`${profilePath(counselorId)}/availability`, availabilitySchema, signal);
}

export function putAvailability(counselorId: string, body: Omit<Availability, 'counselorId'>) {
  return apiPut(`${profilePath(counselorId)}/availability`, availabilitySchema, body);
}

export function createCalendarFeed(counselorId: string) {
  return apiPost(`${profilePath(counselorId)}/calendar-feed`, feedSchema);
}

export function revokeCalendarFeed(counselorId: string) {
  return apiDelete(`${profilePath(counselorId)}/calendar-feed`);
}

export interface SlotQuery {
  sessionType?: string;
  from?: string;
  days?: number;
}

export function listSlots(counselorId: string, query: SlotQuery, signal?: AbortSignal) {
  return apiGet(
    `${V1}/counselors/${encodeURIComponent(counselorId)}/slots${queryString({ ...query })}`,
    slotListSchema,
    signal,
  );
}

export interface BookingBody {
  counselorId: string;
  startsAt: string;
  modality: Modality;
  sessionType?: string;
}

export function bookAppointment(body: BookingBody) {
  return apiPost(`${V1}/appointments`, appointmentSchema, body);
}

export interface AppointmentQuery {
  scope: 'mine' | 'counselor' | 'all';
  from?: string;
  to?: string;
}

export async function listAppointments(query: AppointmentQuery, signal?: AbortSignal) {
  return (
    await apiGet(`${V1}/appointments${queryString({ ...query })}`, appointmentListSchema, signal)
  ).items;
}

export function getAppointment(id: string, signal?: AbortSignal) {
  return apiGet(appointmentPath(id), appointmentSchema, signal);
}

export function getCancellationPreview(id: string, signal?: AbortSignal) {
  return apiGet(`${appointmentPath(id)}/cancellation-preview`, cancellationPreviewSchema, signal);
}

export function cancelAppointment(
  id: string,
  body: { reason?: string; acknowledgedOutcome: CancelOutcome },
) {
  return apiPost(`${appointmentPath(id)}/cancel`, appointmentSchema, body);
}

export function rescheduleAppointment(
  id: string,
  body: { startsAt: string; acknowledgedOutcome?: CancelOutcome },
) {
  return apiPost(`${appointmentPath(id)}/reschedule`, appointmentSchema, body);
}

export function transitionAppointment(id: string, event: AppointmentEvent, reason?: string) {
  return apiPost(
    `${appointmentPath(id)}/transitions`,
    appointmentSchema,
    reason ? { event, reason } : { event },
  );
}

export function getLedger(signal?: AbortSignal) {
  return apiGet(`${V1}/ledger/me`, ledgerSchema, signal);
}

/** The receipt's fields this page shows (the server's schema is not in the shared contract). */
export interface Receipt {
  appointmentId: string;
  organizationName: string;
  counselorName: string;
  sessionType: { code: string; labelZh: string; labelEn: string };
  startsAt: string;
  status: string;
  feeFen: number;
  paidFen: number;
  refundedFen: number;
  dueFen: number;
}

const receiptSchema: Schema<Receipt> = {
  parse: (data) => {
    const r = data as Partial<Receipt> | null;
    const whole = (value: unknown) => typeof value === 'number' && Number.isInteger(value);
    if (
      !r ||
      typeof r.appointmentId !== 'string' ||
      typeof r.organizationName !== 'string' ||
      typeof r.counselorName !== 'string' ||
      typeof r.startsAt !== 'string' ||
      typeof r.status !== 'string' ||
      typeof r.sessionType?.code !== 'string' ||
      ![r.feeFen, r.paidFen, r.refundedFen, r.dueFen].every(whole)
    )
      throw new TypeError('Not a receipt');
    return r as Receipt;
  },
};

export function getReceipt(id: string, signal?: AbortSignal) {
  return apiGet(`${appointmentPath(id)}/receipt`, receiptSchema, signal);
}
