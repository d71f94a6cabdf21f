import { z } from 'zod';
import { emailSchema, phoneSchema } from './identity.ts';

/**
 * Counselor vetting, directory and professional development (A3, A7, A8, C2, C5): the contract
 * between server and web app. Vocabulary values are organisation-editable codes; everything else
 * here is a fixed enum.
 */

/** Vetting states (DOMAIN.md "Counselor standing", with `submitted` before review starts). */
export const COUNSELOR_STATUSES = [
  'applicant',
  'submitted',
  'under_review',
  'more_info_requested',
  'approved',
  'rejected',
  'suspended',
  'removed',
] as const;
export const counselorStatusSchema = z.enum(COUNSELOR_STATUSES);
export type CounselorStatus = z.infer<typeof counselorStatusSchema>;

/** What moves an application between states; one transition table on the server. */
export const COUNSELOR_EVENTS = [
  'submit',
  'start_review',
  'request_info',
  'approve',
  'reject',
  'suspend',
  'reinstate',
  'remove',
] as const;
export const counselorEventSchema = z.enum(COUNSELOR_EVENTS);
export type CounselorEvent = z.infer<typeof counselorEventSchema>;

export const QUALIFICATION_STATUSES = ['pending', 'verified', 'rejected'] as const;
export const qualificationStatusSchema = z.enum(QUALIFICATION_STATUSES);
export const STANDING_KINDS = ['warning', 'suspension', 'removal'] as const;
export const standingKindSchema = z.enum(STANDING_KINDS);
export const VOCABULARY_KINDS = [
  'specialty',
  'approach',
  'language',
  'qualification_type',
] as const;
export const vocabularyKindSchema = z.enum(VOCABULARY_KINDS);
export type VocabularyKind = z.infer<typeof vocabularyKindSchema>;
export const GENDERS = ['female', 'male', 'nonbinary', 'undisclosed'] as const;
export const genderSchema = z.enum(GENDERS);
export const MODALITIES = ['text', 'video', 'voice', 'in_person'] as const;
export const modalitySchema = z.enum(MODALITIES);
export const FILE_PURPOSES = ['qualification_scan', 'profile_photo', 'training_evidence'] as const;
export const filePurposeSchema = z.enum(FILE_PURPOSES);

/** Uploads: at most 10 MB, and only these types, sniffed from the bytes (A3). */
export const UPLOAD_MAX_BYTES = 10 * 1024 * 1024;
export const DOCUMENT_MEDIA_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export const PHOTO_MEDIA_TYPES = ['image/jpeg', 'image/png'] as const;

const code = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,47}$/, 'Lower-case letters, digits, - and _ (at most 48)');
const isoDate = z.iso.date();
const shortText = (max: number) => z.string().trim().min(1).max(max);
/** Amounts in fen (1/100 yuan), as integers, so no float ever touches money. */
const fen = z.number().int().min(0).max(10_000_000);
/** Hours with one decimal (1.5 h), sent as a number. */
const hours = z.number().min(0.1).max(1000).multipleOf(0.1);

// ---------------------------------------------------------------- vocabularies and settings

export const vocabularyTermSchema = z.object({
  id: z.uuid(),
  kind: vocabularyKindSchema,
  code,
  labelZh: z.string(),
  labelEn: z.string(),
  active: z.boolean(),
  sortOrder: z.number().int(),
  qualifies: z.boolean(),
});
export type VocabularyTerm = z.infer<typeof vocabularyTermSchema>;
export const vocabularyListSchema = z.object({ items: z.array(vocabularyTermSchema) });
export const vocabularyQuerySchema = z.object({
  kind: vocabularyKindSchema.optional(),
  includeRetired: z.stringbool().default(false),
});
export const vocabularyCreateSchema = z.object({
  kind: vocabularyKindSchema,
  code,
  labelZh: shortText(60),
  labelEn: shortText(80),
  sortOrder: z.number().int().min(0).max(10_000).default(0),
  qualifies: z.boolean().default(true),
});
export const vocabularyUpdateSchema = z.object({
  labelZh: shortText(60).optional(),
  labelEn: shortText(80).optional(),
  active: z.boolean().optional(),
  sortOrder: z.number().int().min(0).max(10_000).optional(),
  qualifies: z.boolean().optional(),
});

/** Organisation settings of this module (A3 re-check cycle, C5 yearly training requirement). */
export const counselorSettingsSchema = z.object({
  recheckCycleMonths: z.number().int().min(1).max(60),
  ceHoursPerYear: z.number().int().min(0).max(500),
  /** Days before an expiry or re-check when the counselor is reminded. */
  reminderDays: z.array(z.number().int().min(1).max(365)).min(1).max(6),
  /** Days after which an unchanged profile asks to be confirmed as current (A8). */
  profileReviewDays: z.number().int().min(30).max(730),
});
export type CounselorSettings = z.infer<typeof counselorSettingsSchema>;
export const DEFAULT_COUNSELOR_SETTINGS: CounselorSettings = {
  recheckCycleMonths: 12,
  ceHoursPerYear: 20,
  reminderDays: [60, 30, 7],
  profileReviewDays: 180,
};

// ---------------------------------------------------------------- profile and application

/** Fees per session type code (`intake`, `follow_up`, …), in fen. */
export const feesSchema = z.record(code, fen);

export const counselorProfileInputSchema = z.object({
  displayName: shortText(50),
  gender: genderSchema,
  languages: z.array(code).max(10),
  specialties: z.array(code).max(15),
  approaches: z.array(code).max(10),
  modalities: z.array(modalitySchema).max(MODALITIES.length),
  yearsOfPractice: z.number().int().min(0).max(70),
  bioZh: z.string().trim().max(2000),
  bioEn: z.string().trim().max(3000),
  fees: feesSchema,
});
export type CounselorProfileInput = z.infer<typeof counselorProfileInputSchema>;

export const qualificationSchema = z.object({
  id: z.uuid(),
  typeCode: code,
  /** The certificate number: present for the owner and reviewers, never in the directory. */
  number: z.string(),
  issuer: z.string(),
  issuedOn: isoDate,
  expiresOn: isoDate.nullable(),
  verificationUrl: z.string().nullable(),
  status: qualificationStatusSchema,
  rejectionReason: z.string().nullable(),
  verifiedAt: z.iso.datetime().nullable(),
  file: z.object({ id: z.uuid(), mediaType: z.string(), sizeBytes: z.number().int() }).nullable(),
  /** Days until expiry (negative once expired); null when it does not expire. */
  daysToExpiry: z.number().int().nullable(),
});
export type Qualification = z.infer<typeof qualificationSchema>;
export const qualificationInputSchema = z
  .object({
    typeCode: code,
    number: shortText(64),
    issuer: shortText(120),
    issuedOn: isoDate,
    expiresOn: isoDate.nullable(),
    verificationUrl: z
      .url({ protocol: /^https?$/ })
      .max(500)
      .nullable(),
  })
  .refine((q) => q.expiresOn === null || q.expiresOn > q.issuedOn, {
    path: ['expiresOn'],
    message: 'The expiry date must be after the issue date',
  });
export const qualificationDecisionSchema = z
  .object({
    decision: z.enum(['verified', 'rejected']),
    reason: z.string().trim().max(500).optional(),
  })
  .refine((d) => d.decision === 'verified' || (d.reason?.length ?? 0) >= 5, {
    path: ['reason'],
    message: 'Say why the certificate is rejected',
  });

export const reviewEventSchema = z.object({
  id: z.uuid(),
  event: z.string(),
  fromStatus: counselorStatusSchema,
  toStatus: counselorStatusSchema,
  actorName: z.string().nullable(),
  reason: z.string().nullable(),
  createdAt: z.iso.datetime(),
});

export const standingActionSchema = z.object({
  id: z.uuid(),
  kind: standingKindSchema,
  reason: z.string(),
  startsOn: isoDate.nullable(),
  endsOn: isoDate.nullable(),
  issuedByName: z.string().nullable(),
  liftedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});
export const standingActionInputSchema = z
  .object({
    kind: standingKindSchema,
    reason: z.string().trim().min(10).max(2000),
    startsOn: isoDate.optional(),
    endsOn: isoDate.optional(),
  })
  .refine((s) => s.kind !== 'suspension' || s.startsOn !== undefined, {
    path: ['startsOn'],
    message: 'A suspension needs a start date',
  })
  .refine((s) => !s.startsOn || !s.endsOn || s.endsOn >= s.startsOn, {
    path: ['endsOn'],
    message: 'The end must not be before the start',
  });

export const transitionRequestSchema = z.object({
  event: counselorEventSchema,
  reason: z.string().trim().max(2000).optional(),
});

/** The actions this actor may take on this profile now (the UI shows only these). */
export const COUNSELOR_ACTIONS = [
  'edit',
  'submit',
  'start_review',
  'request_info',
  'approve',
  'reject',
  'suspend',
  'reinstate',
  'remove',
  'verify_qualification',
  'recheck',
  'standing',
  'confirm_current',
] as const;
export const counselorActionSchema = z.enum(COUNSELOR_ACTIONS);

/** A profile as its owner and administrators see it. */
export const counselorProfileSchema = counselorProfileInputSchema.extend({
  id: z.uuid(),
  userId: z.uuid(),
  status: counselorStatusSchema,
  statusReason: z.string().nullable(),
  suspendedFor: z.enum(['qualification_expired', 'recheck_overdue', 'sanction']).nullable(),
  isTrainee: z.boolean(),
  photoUrl: z.string().nullable(),
  submittedAt: z.iso.datetime().nullable(),
  approvedAt: z.iso.datetime().nullable(),
  recheckDueOn: isoDate.nullable(),
  lastRecheckedAt: z.iso.datetime().nullable(),
  lastReviewedAt: z.iso.datetime().nullable(),
  /** The profile has not been confirmed current within the organisation's period (A8). */
  reviewOverdue: z.boolean(),
  /** Approved, holding a verified unexpired qualification, re-check not overdue. */
  listable: z.boolean(),
  qualifications: z.array(qualificationSchema),
  reviewHistory: z.array(reviewEventSchema),
  standing: z.array(standingActionSchema),
  actions: z.array(counselorActionSchema),
  updatedAt: z.iso.datetime(),
});
export type CounselorProfile = z.infer<typeof counselorProfileSchema>;

export const counselorAdminListQuerySchema = z.object({
  status: counselorStatusSchema.optional(),
  /** `review`: submitted or under review; `expiring`: a qualification or re-check due soon. */
  queue: z.enum(['review', 'expiring', 'review_overdue']).optional(),
  withinDays: z.coerce.number().int().min(1).max(365).default(60),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export const counselorAdminListItemSchema = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  displayName: z.string(),
  status: counselorStatusSchema,
  submittedAt: z.iso.datetime().nullable(),
  /** The nearest of: a verified qualification's expiry, the re-check date. */
  nextDueOn: isoDate.nullable(),
  nextDueKind: z.enum(['qualification', 'recheck']).nullable(),
  lastReviewedAt: z.iso.datetime().nullable(),
  reviewOverdue: z.boolean(),
  listable: z.boolean(),
});
export const counselorAdminListSchema = z.object({
  items: z.array(counselorAdminListItemSchema),
  total: z.number().int(),
  counts: z.record(counselorStatusSchema, z.number().int()),
});

// ---------------------------------------------------------------- dual relationships (C2)

export const relationshipSchema = z.object({
  id: z.uuid(),
  /** The e-mail or mobile number as the counselor gave it (never whether it has an account). */
  clientIdentifier: z.string().nullable(),
  description: z.string(),
  endedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});
export const relationshipInputSchema = z.object({
  /**
   * The person's e-mail or mobile number, when known: booking between the pair is then refused
   * if that person is or becomes a client. The answer never says whether they are one.
   */
  clientIdentifier: z.union([emailSchema, phoneSchema]).optional(),
  description: z.string().trim().min(2).max(1000),
});
export const relationshipListSchema = z.object({ items: z.array(relationshipSchema) });

// ---------------------------------------------------------------- professional development (C5)

export const trainingRecordSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  provider: z.string(),
  category: z.string(),
  hours: z.number(),
  completedOn: isoDate,
  evidence: z
    .object({ id: z.uuid(), mediaType: z.string(), sizeBytes: z.number().int() })
    .nullable(),
});
export const trainingRecordInputSchema = z.object({
  title: shortText(200),
  provider: shortText(120),
  category: shortText(60),
  hours,
  completedOn: isoDate,
});
export const supervisionSessionSchema = z.object({
  id: z.uuid(),
  supervisorUserId: z.uuid().nullable(),
  supervisorName: z.string(),
  heldOn: isoDate,
  hours: z.number(),
  notes: z.string().nullable(),
});
export const supervisionSessionInputSchema = z.object({
  supervisorUserId: z.uuid().optional(),
  supervisorName: shortText(100),
  heldOn: isoDate,
  hours,
  notes: z.string().trim().max(5000).optional(),
});
export const developmentSummarySchema = z.object({
  year: z.number().int(),
  requiredHours: z.number(),
  trainingHours: z.number(),
  supervisionHours: z.number(),
  shortfallHours: z.number(),
  training: z.array(trainingRecordSchema),
  supervision: z.array(supervisionSessionSchema),
});
export const developmentQuerySchema = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});
export const ceShortfallItemSchema = z.object({
  counselorId: z.uuid(),
  displayName: z.string(),
  status: counselorStatusSchema,
  trainingHours: z.number(),
  requiredHours: z.number(),
  shortfallHours: z.number(),
});
export const ceShortfallListSchema = z.object({
  year: z.number().int(),
  requiredHours: z.number(),
  items: z.array(ceShortfallItemSchema),
});

// ---------------------------------------------------------------- directory (A7)

export const DIRECTORY_SORTS = [
  'relevance',
  'price_asc',
  'price_desc',
  'experience',
  'name',
] as const;
export const directoryQuerySchema = z
  .object({
    q: z.string().trim().max(50).optional(),
    specialty: code.optional(),
    approach: code.optional(),
    language: code.optional(),
    modality: modalitySchema.optional(),
    gender: genderSchema.optional(),
    priceMin: z.coerce.number().int().min(0).optional(),
    priceMax: z.coerce.number().int().min(0).optional(),
    sort: z.enum(DIRECTORY_SORTS).default('relevance'),
    limit: z.coerce.number().int().min(1).max(50).default(20),
    offset: z.coerce.number().int().min(0).max(10_000).default(0),
  })
  .refine((q) => q.priceMin === undefined || q.priceMax === undefined || q.priceMax >= q.priceMin, {
    path: ['priceMax'],
    message: 'The highest price must not be below the lowest',
  });
export type DirectoryQuery = z.infer<typeof directoryQuerySchema>;

/** What a client sees of a counselor: public fields only; never contact or certificate numbers. */
export const directoryCounselorSchema = z.object({
  id: z.uuid(),
  displayName: z.string(),
  gender: genderSchema,
  languages: z.array(z.string()),
  specialties: z.array(z.string()),
  approaches: z.array(z.string()),
  modalities: z.array(modalitySchema),
  yearsOfPractice: z.number().int(),
  feeFromFen: z.number().int().nullable(),
  photoUrl: z.string().nullable(),
  bioZh: z.string(),
  bioEn: z.string(),
  /** Qualification type codes held and verified (not the numbers). */
  qualificationTypes: z.array(z.string()),
  /** Filled by scheduling when it lands; null until then. */
  nextAvailableAt: z.iso.datetime().nullable(),
  /** Filled by feedback when it lands; null until then (never invented). */
  rating: z.object({ average: z.number(), count: z.number().int() }).nullable(),
});
export type DirectoryCounselor = z.infer<typeof directoryCounselorSchema>;
export const directoryCounselorDetailSchema = directoryCounselorSchema.extend({
  fees: feesSchema,
});
export const directoryPageSchema = z.object({
  items: z.array(directoryCounselorSchema),
  total: z.number().int(),
});
