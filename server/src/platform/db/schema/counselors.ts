import { sql } from 'drizzle-orm';
import {
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  COUNSELOR_STATUSES,
  FILE_PURPOSES,
  GENDERS,
  MODALITIES,
  QUALIFICATION_STATUSES,
  STANDING_KINDS,
  VOCABULARY_KINDS,
} from '@anxin/common';
import { tenantColumns } from './columns.ts';
import { users } from './identity.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true });
const day = (name: string) => date(name, { mode: 'string' });

/** A binary column; both backends hand back a Buffer/Uint8Array. */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

/**
 * Organisation-editable controlled vocabularies (specialties, approaches, languages,
 * qualification types). Profiles store codes; labels live here in both languages. A retired term
 * stays (old profiles still name it) but is no longer offered.
 */
export const vocabularyTerms = pgTable(
  'vocabulary_terms',
  {
    ...tenantColumns(),
    kind: text('kind', { enum: VOCABULARY_KINDS }).notNull(),
    code: text('code').notNull(),
    labelZh: text('label_zh').notNull(),
    labelEn: text('label_en').notNull(),
    active: boolean('active').notNull().default(true),
    sortOrder: integer('sort_order').notNull().default(0),
    /** Qualification types only: whether holding one lets a counselor be listed (A3). */
    qualifies: boolean('qualifies').notNull().default(true),
  },
  (t) => [unique('vocabulary_terms_org_kind_code_unique').on(t.organizationId, t.kind, t.code)],
);

/**
 * Uploaded files (certificate scans, photos, training evidence). The bytes are sealed under the
 * owner's data key with the row id as associated data, so crypto-shredding the owner destroys
 * them too. The media type is the one sniffed from the bytes, never the name's.
 */
export const storedFiles = pgTable(
  'stored_files',
  {
    ...tenantColumns(),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    purpose: text('purpose', { enum: FILE_PURPOSES }).notNull(),
    mediaType: text('media_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    /** The name as uploaded, encrypted: names of scans often carry a person's name. */
    nameEnc: text('name_enc'),
    contentEnc: bytea('content_enc').notNull(),
  },
  (t) => [index('stored_files_owner_idx').on(t.organizationId, t.ownerId)],
);

/**
 * A counselor's application and public profile; `status` is the vetting state (A3). The public
 * fields (names, bio, specialties) are meant to be shown to clients and are not encrypted.
 */
export const counselorProfiles = pgTable(
  'counselor_profiles',
  {
    ...tenantColumns(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    status: text('status', { enum: COUNSELOR_STATUSES }).notNull().default('applicant'),
    displayName: text('display_name').notNull(),
    gender: text('gender', { enum: GENDERS }).notNull().default('undisclosed'),
    languages: text('languages')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    specialties: text('specialties')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    approaches: text('approaches')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    modalities: text('modalities', { enum: MODALITIES })
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    yearsOfPractice: integer('years_of_practice').notNull().default(0),
    bioZh: text('bio_zh').notNull().default(''),
    bioEn: text('bio_en').notNull().default(''),
    photoFileId: uuid('photo_file_id').references(() => storedFiles.id, { onDelete: 'set null' }),
    /** The counselor's own IANA time zone: weekly availability is in it (A4). */
    timeZone: text('time_zone').notNull().default('Asia/Shanghai'),
    /** Trainees' notes need a supervisor's co-signature (B8). */
    isTrainee: boolean('is_trainee').notNull().default(false),
    /** Fees per session type, in fen: `{ "intake": 50000, "follow_up": 40000 }`. */
    fees: jsonb('fees').$type<Record<string, number>>().notNull().default({}),
    /** The lowest fee, kept with `fees` for the directory's price filter and sort. */
    feeFromFen: integer('fee_from_fen'),
    submittedAt: ts('submitted_at'),
    approvedAt: ts('approved_at'),
    reviewerId: uuid('reviewer_id'),
    /** Why the counselor is suspended, rejected or asked for more (shown to them). */
    statusReason: text('status_reason'),
    /** What suspended them: the expiry job lifts only its own suspensions on re-approval. */
    suspendedFor: text('suspended_for', {
      enum: ['qualification_expired', 'recheck_overdue', 'sanction'],
    }),
    /** The next periodic re-check of the qualifications (A3). */
    recheckDueOn: day('recheck_due_on'),
    lastRecheckedAt: ts('last_rechecked_at'),
    /** When someone last confirmed the profile is current (A8). */
    lastReviewedAt: ts('last_reviewed_at'),
  },
  (t) => [
    unique('counselor_profiles_user_unique').on(t.userId),
    index('counselor_profiles_status_idx').on(t.organizationId, t.status),
    index('counselor_profiles_specialties_idx').using('gin', t.specialties),
    index('counselor_profiles_languages_idx').using('gin', t.languages),
  ],
);

/** One certificate (A3). The number is an identifier of the person: encrypted. */
export const counselorQualifications = pgTable(
  'counselor_qualifications',
  {
    ...tenantColumns(),
    counselorId: uuid('counselor_id')
      .notNull()
      .references(() => counselorProfiles.id, { onDelete: 'cascade' }),
    typeCode: text('type_code').notNull(),
    numberEnc: text('number_enc').notNull(),
    issuer: text('issuer').notNull(),
    issuedOn: day('issued_on').notNull(),
    /** null: the certificate does not expire (it is still re-checked on the cycle). */
    expiresOn: day('expires_on'),
    verificationUrl: text('verification_url'),
    fileId: uuid('file_id').references(() => storedFiles.id, { onDelete: 'set null' }),
    status: text('status', { enum: QUALIFICATION_STATUSES }).notNull().default('pending'),
    verifiedBy: uuid('verified_by'),
    verifiedAt: ts('verified_at'),
    rejectionReason: text('rejection_reason'),
  },
  (t) => [
    index('counselor_qualifications_counselor_idx').on(t.counselorId),
    index('counselor_qualifications_expiry_idx').on(t.organizationId, t.expiresOn),
  ],
);

/** The review history of an application: every decision, with its reviewer and reason. */
export const counselorReviewEvents = pgTable(
  'counselor_review_events',
  {
    ...tenantColumns(),
    counselorId: uuid('counselor_id')
      .notNull()
      .references(() => counselorProfiles.id, { onDelete: 'cascade' }),
    event: text('event').notNull(),
    fromStatus: text('from_status', { enum: COUNSELOR_STATUSES }).notNull(),
    toStatus: text('to_status', { enum: COUNSELOR_STATUSES }).notNull(),
    actorId: uuid('actor_id'),
    reason: text('reason'),
  },
  (t) => [index('counselor_review_events_counselor_idx').on(t.counselorId, t.createdAt)],
);

/** Warnings, suspensions and removals (A9 uses them later). The reason is encrypted. */
export const counselorStandingActions = pgTable(
  'counselor_standing_actions',
  {
    ...tenantColumns(),
    counselorId: uuid('counselor_id')
      .notNull()
      .references(() => counselorProfiles.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: STANDING_KINDS }).notNull(),
    reasonEnc: text('reason_enc').notNull(),
    startsOn: day('starts_on'),
    endsOn: day('ends_on'),
    issuedBy: uuid('issued_by').notNull(),
    liftedAt: ts('lifted_at'),
  },
  (t) => [index('counselor_standing_counselor_idx').on(t.counselorId, t.createdAt)],
);

/**
 * Declared dual relationships (C2). The counselor may name the person by e-mail or mobile number:
 * only its keyed blind index is kept, matched against clients' contact indexes when booking, so
 * the declaration works whether the person registers before or after it, and the counselor is
 * never told whether that person is a client (that would itself breach their confidentiality).
 * The description is free text, encrypted under the counselor's key.
 */
export const counselorRelationships = pgTable(
  'counselor_relationships',
  {
    ...tenantColumns(),
    counselorId: uuid('counselor_id')
      .notNull()
      .references(() => counselorProfiles.id, { onDelete: 'cascade' }),
    /** Blind index (HMAC) of the normalised e-mail or mobile number the counselor gave. */
    clientContactIndex: text('client_contact_index'),
    /** The identifier as typed, encrypted (shown back to the counselor). */
    clientIdentifierEnc: text('client_identifier_enc'),
    descriptionEnc: text('description_enc').notNull(),
    endedAt: ts('ended_at'),
  },
  (t) => [index('counselor_relationships_contact_idx').on(t.clientContactIndex, t.counselorId)],
);

/** Continuing education (C5). Hours in tenths, so 1.5 h is exact. */
export const trainingRecords = pgTable(
  'training_records',
  {
    ...tenantColumns(),
    counselorId: uuid('counselor_id')
      .notNull()
      .references(() => counselorProfiles.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    provider: text('provider').notNull(),
    category: text('category').notNull(),
    hoursTenths: integer('hours_tenths').notNull(),
    completedOn: day('completed_on').notNull(),
    evidenceFileId: uuid('evidence_file_id').references(() => storedFiles.id, {
      onDelete: 'set null',
    }),
  },
  (t) => [index('training_records_counselor_idx').on(t.counselorId, t.completedOn)],
);

/** Supervision received (C5). Notes are clinical reflection: encrypted under the counselor's key. */
export const supervisionSessions = pgTable(
  'supervision_sessions',
  {
    ...tenantColumns(),
    counselorId: uuid('counselor_id')
      .notNull()
      .references(() => counselorProfiles.id, { onDelete: 'cascade' }),
    supervisorUserId: uuid('supervisor_user_id').references(() => users.id, {
      onDelete: 'set null',
    }),
    supervisorName: text('supervisor_name').notNull(),
    heldOn: day('held_on').notNull(),
    hoursTenths: integer('hours_tenths').notNull(),
    notesEnc: text('notes_enc'),
  },
  (t) => [index('supervision_sessions_counselor_idx').on(t.counselorId, t.heldOn)],
);

/** Reminders already sent, so the daily job never sends one twice (idempotent). */
export const credentialReminders = pgTable(
  'credential_reminders',
  {
    ...tenantColumns(),
    counselorId: uuid('counselor_id')
      .notNull()
      .references(() => counselorProfiles.id, { onDelete: 'cascade' }),
    /** `qualification:<id>` or `recheck`. */
    subject: text('subject').notNull(),
    dueOn: day('due_on').notNull(),
    daysBefore: integer('days_before').notNull(),
  },
  (t) => [unique('credential_reminders_once').on(t.counselorId, t.subject, t.dueOn, t.daysBefore)],
);

/** Organisation settings, one JSON value per key, validated by the module that owns the key. */
export const organizationSettings = pgTable(
  'organization_settings',
  {
    ...tenantColumns(),
    key: text('key').notNull(),
    value: jsonb('value').notNull(),
  },
  (t) => [unique('organization_settings_org_key_unique').on(t.organizationId, t.key)],
);
