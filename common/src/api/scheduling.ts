import { z } from 'zod';
import { modalitySchema } from './counselors.ts';

/**
 * Scheduling (A4, A5, C1, C10): availability, slots, appointments, cancellation, episodes and the
 * ledger. The contract between server and web app. Instants are ISO 8601 UTC strings; wall times
 * are `HH:MM` in the counselor's IANA time zone; money is integer fen.
 */

export const APPOINTMENT_STATUSES = [
  'pending',
  'booked',
  'arrived',
  'fulfilled',
  'cancelled',
  'noshow',
  'entered-in-error',
] as const;
export const appointmentStatusSchema = z.enum(APPOINTMENT_STATUSES);
export type AppointmentStatusName = z.infer<typeof appointmentStatusSchema>;

const wallTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM, 24-hour');
const isoDate = z.iso.date();
const instant = z.iso.datetime();
const code = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,47}$/);
/** An IANA zone name; the server checks it exists. */
export const timeZoneSchema = z.string().min(1).max(64);

// ---------------------------------------------------------------- settings and session types

export const schedulingSettingsSchema = z.object({
  /** A client must cancel at least this long before the start (A5). */
  cancellationWindowHours: z.number().int().min(0).max(168),
  /** Minutes after the start with the client absent before the appointment becomes a no-show. */
  noShowGraceMinutes: z.number().int().min(5).max(60),
  /** No-shows within the period after which further bookings need staff approval. */
  noShowLimit: z.number().int().min(1).max(20),
  noShowPeriodDays: z.number().int().min(7).max(365),
  minNoticeHours: z.number().int().min(0).max(168),
  horizonDays: z.number().int().min(1).max(365),
  slotStepMinutes: z.number().int().min(5).max(120),
  /** Refund share (percent) of a late cancellation and of an absence; on time is always 100. */
  lateCancelRefundPercent: z.number().int().min(0).max(100),
  noShowRefundPercent: z.number().int().min(0).max(100),
});
export type SchedulingSettings = z.infer<typeof schedulingSettingsSchema>;
export const DEFAULT_SCHEDULING_SETTINGS: SchedulingSettings = {
  cancellationWindowHours: 24,
  noShowGraceMinutes: 15,
  noShowLimit: 3,
  noShowPeriodDays: 90,
  minNoticeHours: 12,
  horizonDays: 60,
  slotStepMinutes: 30,
  lateCancelRefundPercent: 0,
  noShowRefundPercent: 0,
};

export const sessionTypeSchema = z.object({
  id: z.uuid(),
  code,
  labelZh: z.string(),
  labelEn: z.string(),
  durationMinutes: z.number().int(),
  bufferBeforeMinutes: z.number().int(),
  bufferAfterMinutes: z.number().int(),
  isIntake: z.boolean(),
  active: z.boolean(),
  sortOrder: z.number().int(),
});
export const sessionTypeListSchema = z.object({ items: z.array(sessionTypeSchema) });
export const sessionTypeInputSchema = z.object({
  code,
  labelZh: z.string().trim().min(1).max(40),
  labelEn: z.string().trim().min(1).max(60),
  durationMinutes: z.number().int().min(15).max(240),
  bufferBeforeMinutes: z.number().int().min(0).max(120),
  bufferAfterMinutes: z.number().int().min(0).max(120),
  isIntake: z.boolean(),
  active: z.boolean().default(true),
  sortOrder: z.number().int().min(0).max(10_000).default(0),
});

// ---------------------------------------------------------------- availability

export const weeklyRuleSchema = z
  .object({ weekday: z.number().int().min(1).max(7), start: wallTime, end: wallTime })
  .refine((r) => r.end > r.start, { path: ['end'], message: 'The end must be after the start' });
export const dateOverrideSchema = z
  .object({
    date: isoDate,
    kind: z.enum(['extra', 'off']),
    start: wallTime.nullable(),
    end: wallTime.nullable(),
  })
  .refine((o) => (o.start === null) === (o.end === null), {
    path: ['end'],
    message: 'Give both times, or neither for a whole day off',
  })
  .refine((o) => o.kind === 'off' || o.start !== null, {
    path: ['start'],
    message: 'Extra hours need a start and an end',
  })
  .refine((o) => o.start === null || o.end === null || o.end > o.start, {
    path: ['end'],
    message: 'The end must be after the start',
  });
export const availabilitySchema = z.object({
  counselorId: z.uuid(),
  timeZone: timeZoneSchema,
  rules: z.array(weeklyRuleSchema).max(50),
  overrides: z.array(dateOverrideSchema).max(200),
});
export type Availability = z.infer<typeof availabilitySchema>;
export const availabilityInputSchema = availabilitySchema.omit({ counselorId: true });

// ---------------------------------------------------------------- slots

export const slotQuerySchema = z.object({
  sessionType: code.optional(),
  from: isoDate.optional(),
  days: z.coerce.number().int().min(1).max(31).default(14),
});
export const slotSchema = z.object({ startsAt: instant, endsAt: instant });
export const slotListSchema = z.object({
  counselorId: z.uuid(),
  sessionType: code,
  /** The type a booking by this client would get (intake for a first appointment, C1). */
  timeZone: timeZoneSchema,
  items: z.array(slotSchema),
});

// ---------------------------------------------------------------- appointments

export const appointmentSchema = z.object({
  id: z.uuid(),
  counselorId: z.uuid(),
  counselorName: z.string(),
  /** Present for the client themself and for staff with a reason; never in calendar feeds. */
  clientUserId: z.uuid().nullable(),
  clientName: z.string().nullable(),
  episodeId: z.uuid().nullable(),
  sessionType: code,
  kind: z.enum(['intake', 'follow_up']),
  modality: modalitySchema,
  startsAt: instant,
  endsAt: instant,
  status: appointmentStatusSchema,
  noShowReason: z.enum(['late_cancel', 'absent']).nullable(),
  cancelledBy: z.enum(['client', 'counselor', 'administrator', 'system']).nullable(),
  /** Until this instant a client's cancellation is on time (A5). */
  cancellationDeadline: instant,
  feeFen: z.number().int(),
  /** What this user may do now: cancel, reschedule, arrive, fulfil, mark_absent, approve, decline. */
  actions: z.array(z.string()),
  createdAt: instant,
});
export type Appointment = z.infer<typeof appointmentSchema>;
export const appointmentListSchema = z.object({ items: z.array(appointmentSchema) });
export const appointmentListQuerySchema = z.object({
  scope: z.enum(['mine', 'counselor', 'all']).default('mine'),
  from: instant.optional(),
  to: instant.optional(),
  status: appointmentStatusSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const bookingRequestSchema = z.object({
  counselorId: z.uuid(),
  startsAt: instant,
  modality: modalitySchema,
  /** Omitted: the server chooses (intake for a first appointment with this counselor). */
  sessionType: code.optional(),
});

/** What cancelling now would do, shown before the client confirms (A5). */
export const cancellationPreviewSchema = z.object({
  outcome: z.enum(['cancelled', 'late_cancel_noshow']),
  deadline: instant,
  countsAsNoShow: z.boolean(),
  refundFen: z.number().int(),
  paidFen: z.number().int(),
});
export const cancellationRequestSchema = z.object({
  reason: z.string().trim().max(500).optional(),
  /** The client saw the preview: a late cancellation is refused without it. */
  acknowledgedOutcome: z.enum(['cancelled', 'late_cancel_noshow']).optional(),
});
export const rescheduleRequestSchema = cancellationRequestSchema.extend({ startsAt: instant });
export const appointmentTransitionSchema = z.object({
  event: z.enum(['arrive', 'fulfil', 'mark_absent', 'approve', 'decline', 'enter_in_error']),
  reason: z.string().trim().max(500).optional(),
});

// ---------------------------------------------------------------- episodes and ledger

export const EPISODE_CLOSE_REASONS = [
  'goals_met',
  'client_request',
  'referral',
  'no_show_policy',
  'other',
] as const;
export const episodeSchema = z.object({
  id: z.uuid(),
  clientUserId: z.uuid(),
  counselorId: z.uuid(),
  status: z.enum(['open', 'active', 'closed']),
  closeReason: z.enum(EPISODE_CLOSE_REASONS).nullable(),
  createdAt: instant,
  closedAt: instant.nullable(),
});
export const episodeCloseSchema = z.object({ reason: z.enum(EPISODE_CLOSE_REASONS) });

export const ledgerEntrySchema = z.object({
  id: z.uuid(),
  appointmentId: z.uuid().nullable(),
  kind: z.enum(['charge', 'payment', 'refund']),
  amountFen: z.number().int(),
  provider: z.string(),
  reference: z.string().nullable(),
  createdAt: instant,
});
export const ledgerSchema = z.object({
  items: z.array(ledgerEntrySchema),
  /** Charges minus payments plus refunds: what the client still owes (negative = credit). */
  balanceFen: z.number().int(),
});
export const paymentConfirmSchema = z.object({
  amountFen: z.number().int().min(1).max(10_000_000),
  reference: z.string().trim().max(100).optional(),
});
