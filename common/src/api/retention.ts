import { z } from 'zod';

/**
 * Retention (B9), legal holds, erasure (B11) and sealed records. Instants are ISO 8601 UTC
 * strings. Periods are whole days.
 */

const instant = z.iso.datetime();

/**
 * Record types with a retention floor (keep at least) and a ceiling (destroy after). The four
 * from DOMAIN.md, plus the kinds of record that exist today and need a ceiling of their own.
 */
export const RETENTION_RECORD_TYPES = [
  'counseling_record',
  'hotline_record',
  'audit_event',
  'network_log',
  'privacy_request',
  'notification',
  'unverified_account',
  'auth_token',
] as const;
export const retentionRecordTypeSchema = z.enum(RETENTION_RECORD_TYPES);
export type RetentionRecordType = z.infer<typeof retentionRecordTypeSchema>;

const days = z
  .number()
  .int()
  .min(0)
  .max(365 * 100);
export const retentionPeriodSchema = z
  .object({ floorDays: days, ceilingDays: days })
  .superRefine((p, ctx) => {
    if (p.ceilingDays < p.floorDays) {
      ctx.addIssue({
        code: 'custom',
        path: ['ceilingDays'],
        message: 'The ceiling must not be shorter than the floor',
      });
    }
  });
export type RetentionPeriod = z.infer<typeof retentionPeriodSchema>;

export const retentionSettingsSchema = z.object(
  Object.fromEntries(RETENTION_RECORD_TYPES.map((t) => [t, retentionPeriodSchema])) as Record<
    RetentionRecordType,
    typeof retentionPeriodSchema
  >,
);
export type RetentionSettings = Record<RetentionRecordType, RetentionPeriod>;

const YEAR = 365;
/** DOMAIN.md's defaults: settings, to be checked against the organisation's legal advice. */
export const DEFAULT_RETENTION_SETTINGS: RetentionSettings = {
  // Counted from the close of the episode.
  counseling_record: { floorDays: 10 * YEAR, ceilingDays: 10 * YEAR },
  hotline_record: { floorDays: 3 * YEAR, ceilingDays: 3 * YEAR },
  audit_event: { floorDays: 3 * YEAR, ceilingDays: 3 * YEAR },
  network_log: { floorDays: 183, ceilingDays: 183 },
  // Proof that a request was handled; counted from its completion.
  privacy_request: { floorDays: 3 * YEAR, ceilingDays: 3 * YEAR },
  notification: { floorDays: 0, ceilingDays: YEAR },
  unverified_account: { floorDays: 0, ceilingDays: 30 },
  auth_token: { floorDays: 0, ceilingDays: 30 },
};

export const legalHoldSchema = z.object({
  id: z.uuid(),
  subjectUserId: z.uuid().nullable(),
  subjectName: z.string().nullable(),
  caseReference: z.string().nullable(),
  reason: z.string(),
  placedAt: instant,
  placedBy: z.uuid(),
  releasedAt: instant.nullable(),
  active: z.boolean(),
});
export type LegalHold = z.infer<typeof legalHoldSchema>;
export const legalHoldListSchema = z.object({ items: z.array(legalHoldSchema) });
export const legalHoldCreateSchema = z
  .object({
    subjectUserId: z.uuid().optional(),
    caseReference: z.string().trim().min(1).max(200).optional(),
    reason: z.string().trim().min(1).max(2000),
  })
  .superRefine((h, ctx) => {
    if (!h.subjectUserId && !h.caseReference) {
      ctx.addIssue({
        code: 'custom',
        path: ['subjectUserId'],
        message: 'A hold names a person or a case reference',
      });
    }
  });
export type LegalHoldCreate = z.infer<typeof legalHoldCreateSchema>;

export const SEAL_REASONS = ['retention_floor', 'legal_hold'] as const;
/** A sealed set of records, without content. */
export const sealSchema = z.object({
  id: z.uuid(),
  subjectUserId: z.uuid(),
  recordType: z.string(),
  reason: z.enum(SEAL_REASONS),
  recordCount: z.number().int(),
  sealedAt: instant,
  sealedUntil: instant.nullable(),
  shreddedAt: instant.nullable(),
  requestId: z.uuid().nullable(),
});
export type Seal = z.infer<typeof sealSchema>;
export const sealListSchema = z.object({ items: z.array(sealSchema) });
/** A seal opened through break-glass: each record's sealed fields in clear. */
export const sealDetailSchema = sealSchema.extend({
  records: z.array(
    z.object({
      table: z.string(),
      id: z.uuid(),
      fields: z.record(z.string(), z.string().nullable()),
    }),
  ),
});
export type SealDetail = z.infer<typeof sealDetailSchema>;
export const sealBreakGlassSchema = z.object({
  reason: z.string().trim().min(1).max(2000),
  minutes: z.number().int().min(1).max(60).default(30),
});

/** What an erasure did: categories erased with counts, categories sealed until when; no content. */
export const erasureCertificateSchema = z.object({
  format: z.literal('anxin.erasure-certificate/1'),
  subjectUserId: z.uuid(),
  requestId: z.uuid().nullable(),
  erasedAt: instant,
  erased: z.array(z.object({ category: z.string(), count: z.number().int() })),
  sealed: z.array(
    z.object({
      category: z.string(),
      count: z.number().int(),
      reason: z.enum(SEAL_REASONS),
      /** null while a legal hold is in force. */
      sealedUntil: instant.nullable(),
    }),
  ),
  /** Kept without identity (statistics, accounts): the rows stay, linked to a tombstone. */
  keptWithoutIdentity: z.array(z.object({ category: z.string(), count: z.number().int() })),
});
export type ErasureCertificate = z.infer<typeof erasureCertificateSchema>;
