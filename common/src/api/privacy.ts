import { z } from 'zod';

/**
 * Privacy rights (B3, B11): data-subject requests with due dates counted in working days, the
 * organisation's working-day calendar, the person's export and "who accessed my records".
 * Instants are ISO 8601 UTC strings; calendar dates are `YYYY-MM-DD`.
 */

const instant = z.iso.datetime();
const isoDate = z.iso.date();

export const PRIVACY_REQUEST_KIND_NAMES = [
  'access',
  'correction',
  'deletion',
  'withdrawal',
] as const;
export const privacyRequestKindSchema = z.enum(PRIVACY_REQUEST_KIND_NAMES);
export type PrivacyRequestKind = z.infer<typeof privacyRequestKindSchema>;

export const PRIVACY_REQUEST_STATUSES = [
  'received',
  'in_progress',
  'completed',
  'rejected',
] as const;
export const privacyRequestStatusSchema = z.enum(PRIVACY_REQUEST_STATUSES);
export type PrivacyRequestStatus = z.infer<typeof privacyRequestStatusSchema>;

export const privacySettingsSchema = z.object({
  /** Working days an organisation has to answer a request (B11). */
  requestDueWorkingDays: z.number().int().min(1).max(60),
});
export type PrivacySettings = z.infer<typeof privacySettingsSchema>;
export const DEFAULT_PRIVACY_SETTINGS: PrivacySettings = { requestDueWorkingDays: 15 };

export const privacyRequestSchema = z.object({
  id: z.uuid(),
  subjectUserId: z.uuid(),
  /** The subject's display name: shown to handlers only. */
  subjectName: z.string().nullable(),
  kind: privacyRequestKindSchema,
  status: privacyRequestStatusSchema,
  scope: z.string().nullable(),
  detail: z.string().nullable(),
  answer: z.string().nullable(),
  receivedAt: instant,
  dueAt: instant,
  completedAt: instant.nullable(),
  overdue: z.boolean(),
  handlerUserId: z.uuid().nullable(),
  handlerName: z.string().nullable(),
  /** A deletion's certificate: categories deleted, sealed and until when (no content). */
  certificate: z.unknown().nullable(),
});
export type PrivacyRequest = z.infer<typeof privacyRequestSchema>;
export const privacyRequestListSchema = z.object({ items: z.array(privacyRequestSchema) });

export const privacyRequestCreateSchema = z.object({
  kind: privacyRequestKindSchema,
  /** For a withdrawal: the consent scope withdrawn. */
  scope: z.string().trim().min(1).max(64).optional(),
  detail: z.string().trim().max(4000).optional(),
});
export const privacyRequestQueueQuerySchema = z.object({
  status: privacyRequestStatusSchema.optional(),
  /** Only requests still open (received or in progress). */
  open: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});
export const privacyRequestAssignSchema = z.object({ handlerUserId: z.uuid() });
export const privacyRequestAnswerSchema = z.object({ answer: z.string().trim().min(1).max(8000) });
export const privacyRequestTransitionSchema = z.object({
  event: z.enum(['start', 'complete', 'reject']),
  /** Required to reject: why the request is refused (kept as the answer). */
  reason: z.string().trim().min(1).max(8000).optional(),
});

export const workingDayExceptionSchema = z.object({
  id: z.uuid(),
  date: isoDate,
  working: z.boolean(),
  label: z.string().nullable(),
});
export type WorkingDayException = z.infer<typeof workingDayExceptionSchema>;
export const workingDayExceptionListSchema = z.object({
  items: z.array(workingDayExceptionSchema),
  timeZone: z.string(),
  requestDueWorkingDays: z.number().int(),
});
export const workingDayExceptionCreateSchema = z.object({
  date: isoDate,
  working: z.boolean(),
  label: z.string().trim().max(100).optional(),
});
export const workingDayExceptionQuerySchema = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
});

// ---------------------------------------------------------------- access log and export

export const accessLogEntrySchema = z.object({
  id: z.uuid(),
  at: instant,
  action: z.string(),
  entityType: z.string(),
  actorRole: z.string().nullable(),
  /** Staff are named; another client or the person themself is not (only the role is shown). */
  actorName: z.string().nullable(),
  self: z.boolean(),
});
export type AccessLogEntry = z.infer<typeof accessLogEntrySchema>;
export const accessLogQuerySchema = z.object({
  /** The `seq` of the last entry of the previous page. */
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const accessLogPageSchema = z.object({
  items: z.array(accessLogEntrySchema),
  nextBefore: z.number().int().nullable(),
});

/** Everything held about a person: one section per source, each a list of plain records. */
export const personalDataExportSchema = z.object({
  format: z.literal('anxin.personal-data-export/1'),
  generatedAt: instant,
  subjectUserId: z.uuid(),
  sections: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))),
});
export type PersonalDataExport = z.infer<typeof personalDataExportSchema>;
