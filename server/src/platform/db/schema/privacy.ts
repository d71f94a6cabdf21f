import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { tenantColumns } from './columns.ts';
import { users } from './identity.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true });

/**
 * Consent, privacy rights, retention and breach handling (A12, B2–B5, B7, B9–B12, C7, C11).
 * Organisation texts (documents) are not personal data and are stored in the clear; everything
 * a person said or that identifies a third party is sealed under the person's data key (`*_enc`).
 */

export const POLICY_DOCUMENT_KINDS = [
  'informed_consent',
  'privacy_notice',
  'platform_rules',
] as const;

/**
 * A published rule text (A12): versioned per kind, zh-CN and en, with an effective date. A
 * published version never changes (the database refuses it); a `material` version requires
 * acceptance again at the next sign-in. Drafts are editable by administrators.
 */
export const policyDocuments = pgTable(
  'policy_documents',
  {
    ...tenantColumns(),
    kind: text('kind', { enum: POLICY_DOCUMENT_KINDS }).notNull(),
    version: integer('version').notNull(),
    status: text('status', { enum: ['draft', 'published'] })
      .notNull()
      .default('draft'),
    titleZh: text('title_zh').notNull(),
    titleEn: text('title_en').notNull(),
    bodyZh: text('body_zh').notNull(),
    bodyEn: text('body_en').notNull(),
    /** A change people must accept again (not a typo fix). */
    material: boolean('material').notNull().default(true),
    /** SHA-256 of the canonical texts, fixed at publication; consents record it. */
    contentHash: text('content_hash'),
    effectiveAt: ts('effective_at'),
    publishedAt: ts('published_at'),
    publishedBy: uuid('published_by'),
    createdBy: uuid('created_by'),
  },
  (t) => [unique('policy_documents_kind_version_unique').on(t.organizationId, t.kind, t.version)],
);

export const CONSENT_SCOPES = [
  /** The counseling service itself (B10): required before any booking, session or record. */
  'counseling',
  /** Processing of sensitive personal information: a separate consent (PIPL art. 29). */
  'sensitive_processing',
  /** Acceptance of the platform rules (A12). */
  'platform_rules',
  'session_recording',
  'anonymous_statistics',
] as const;

/**
 * A consent decision, shaped like FHIR Consent: subject, scope, the document version and the hash
 * of the text shown, status, time, how it was given and by whom. The subject is a user, or a
 * hotline caller with no account (`subject_type` 'caller', whose verbal consent the operator
 * records). A new decision in a scope makes the previous active one `inactive` (superseded).
 */
export const consents = pgTable(
  'consents',
  {
    ...tenantColumns(),
    subjectType: text('subject_type', { enum: ['user', 'caller'] })
      .notNull()
      .default('user'),
    subjectId: uuid('subject_id').notNull(),
    scope: text('scope', { enum: CONSENT_SCOPES }).notNull(),
    status: text('status', { enum: ['active', 'inactive', 'rejected'] }).notNull(),
    documentId: uuid('document_id').references(() => policyDocuments.id, {
      onDelete: 'restrict',
    }),
    documentVersion: integer('document_version'),
    documentHash: text('document_hash'),
    decidedAt: ts('decided_at').notNull().defaultNow(),
    /** How it was given: signed in the app, or verbally on a call (recorded by the operator). */
    method: text('method', { enum: ['electronic', 'verbal'] })
      .notNull()
      .default('electronic'),
    signer: text('signer', { enum: ['self', 'guardian', 'operator'] })
      .notNull()
      .default('self'),
    signerUserId: uuid('signer_user_id'),
    /** The client address at the decision, sealed under the subject's key. */
    ipEnc: text('ip_enc'),
    withdrawnAt: ts('withdrawn_at'),
    supersededBy: uuid('superseded_by'),
  },
  (t) => [
    index('consents_subject_idx').on(t.organizationId, t.subjectId, t.scope),
    // At most one active decision per subject and scope.
    uniqueIndex('consents_one_active')
      .on(t.subjectType, t.subjectId, t.scope)
      .where(sql`status = 'active'`),
  ],
);

/** A guardian linked to a minor client (C11): the guardian signs for an under-14. */
export const guardianships = pgTable(
  'guardianships',
  {
    ...tenantColumns(),
    guardianUserId: uuid('guardian_user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    minorUserId: uuid('minor_user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    relationship: text('relationship', { enum: ['parent', 'legal_guardian'] }).notNull(),
    status: text('status', { enum: ['pending', 'active', 'revoked'] })
      .notNull()
      .default('pending'),
    verifiedBy: uuid('verified_by'),
    verifiedAt: ts('verified_at'),
    revokedAt: ts('revoked_at'),
  },
  (t) => [unique('guardianships_pair_unique').on(t.guardianUserId, t.minorUserId)],
);

export const DISCLOSURE_BASES = [
  'consent',
  'danger_to_self',
  'danger_to_others',
  'minor_abuse',
  'legal_obligation',
] as const;

/**
 * A disclosure of a person's information to a third party (B7, C7): what, to whom, on which
 * exception or legal basis, approved by whom. What and to whom are sealed under the subject's key.
 */
export const disclosures = pgTable(
  'disclosures',
  {
    ...tenantColumns(),
    subjectUserId: uuid('subject_user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    basis: text('basis', { enum: DISCLOSURE_BASES }).notNull(),
    legalReference: text('legal_reference'),
    recipientEnc: text('recipient_enc').notNull(),
    contentEnc: text('content_enc').notNull(),
    disclosedAt: ts('disclosed_at').notNull(),
    recordedBy: uuid('recorded_by').notNull(),
    approvedBy: uuid('approved_by'),
    approvedAt: ts('approved_at'),
  },
  (t) => [index('disclosures_subject_idx').on(t.organizationId, t.subjectUserId)],
);

export const PRIVACY_REQUEST_KINDS = ['access', 'correction', 'deletion', 'withdrawal'] as const;

/** A data-subject request (B11): received → in_progress → completed | rejected, with a due date. */
export const privacyRequests = pgTable(
  'privacy_requests',
  {
    ...tenantColumns(),
    subjectUserId: uuid('subject_user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    kind: text('kind', { enum: PRIVACY_REQUEST_KINDS }).notNull(),
    status: text('status', { enum: ['received', 'in_progress', 'completed', 'rejected'] })
      .notNull()
      .default('received'),
    /** For a withdrawal: the consent scope withdrawn. */
    scope: text('scope'),
    receivedAt: ts('received_at').notNull().defaultNow(),
    dueAt: ts('due_at').notNull(),
    handlerUserId: uuid('handler_user_id'),
    /** What the person asked, in their words; the answer given. Sealed under their key. */
    detailEnc: text('detail_enc'),
    answerEnc: text('answer_enc'),
    completedAt: ts('completed_at'),
    /** A deletion's certificate: categories deleted, sealed and until when (no content). */
    certificate: jsonb('certificate'),
  },
  (t) => [
    index('privacy_requests_queue_idx').on(t.organizationId, t.status, t.dueAt),
    index('privacy_requests_subject_idx').on(t.organizationId, t.subjectUserId),
  ],
);

/**
 * Exceptions to the weekday rule of an organisation's working-day calendar: public holidays
 * (not working) and make-up working days on a weekend (调休). Due dates count working days.
 */
export const workingDayExceptions = pgTable(
  'working_day_exceptions',
  {
    ...tenantColumns(),
    date: date('date', { mode: 'string' }).notNull(),
    working: boolean('working').notNull(),
    label: text('label'),
  },
  (t) => [unique('working_day_exceptions_date_unique').on(t.organizationId, t.date)],
);

/** A legal hold (B9): nothing of the person (or the case) is destroyed while it is in force. */
export const legalHolds = pgTable(
  'legal_holds',
  {
    ...tenantColumns(),
    subjectUserId: uuid('subject_user_id').references(() => users.id, { onDelete: 'restrict' }),
    caseReference: text('case_reference'),
    reason: text('reason').notNull(),
    placedBy: uuid('placed_by').notNull(),
    placedAt: ts('placed_at').notNull().defaultNow(),
    releasedBy: uuid('released_by'),
    releasedAt: ts('released_at'),
  },
  (t) => [index('legal_holds_subject_idx').on(t.organizationId, t.subjectUserId)],
);

/**
 * Records kept after their person asked to be deleted, because a retention floor or a legal hold
 * still applies (B9, B11). They were re-encrypted under the seal's own data key (owner type
 * 'seal', id = this row's id) before the person's key was destroyed, so they are readable only
 * through break-glass by the privacy officer, and destroying the seal's key ends them.
 */
export const seals = pgTable(
  'seals',
  {
    ...tenantColumns(),
    subjectUserId: uuid('subject_user_id').notNull(),
    recordType: text('record_type').notNull(),
    /** The rows sealed: table name and ids. */
    records: jsonb('records')
      .notNull()
      .default(sql`'[]'::jsonb`),
    reason: text('reason', { enum: ['retention_floor', 'legal_hold'] }).notNull(),
    sealedUntil: ts('sealed_until'),
    requestId: uuid('request_id'),
    shreddedAt: ts('shredded_at'),
  },
  (t) => [index('seals_due_idx').on(t.organizationId, t.shreddedAt, t.sealedUntil)],
);

export const BREACH_STATUSES = ['detected', 'assessed', 'notifying', 'reported', 'closed'] as const;

/** A personal-information incident (B12) and the deadlines its handling runs against. */
export const breachIncidents = pgTable(
  'breach_incidents',
  {
    ...tenantColumns(),
    title: text('title').notNull(),
    discoveredAt: ts('discovered_at').notNull(),
    nature: text('nature').notNull(),
    dataCategories: text('data_categories')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    severity: text('severity', { enum: ['low', 'medium', 'high', 'serious'] }).notNull(),
    status: text('status', { enum: BREACH_STATUSES }).notNull().default('detected'),
    /** The authority must have the report by then (serious: 4 hours after discovery). */
    reportDueAt: ts('report_due_at').notNull(),
    reportedAt: ts('reported_at'),
    notifyDueAt: ts('notify_due_at'),
    /** How the affected people were found in the audit trail (actor, entity types, window). */
    scope: jsonb('scope'),
    remediation: text('remediation'),
    createdBy: uuid('created_by').notNull(),
    closedAt: ts('closed_at'),
  },
  (t) => [index('breach_incidents_status_idx').on(t.organizationId, t.status)],
);

/** One affected person of an incident, and when they were told. */
export const breachAffected = pgTable(
  'breach_affected',
  {
    ...tenantColumns(),
    incidentId: uuid('incident_id')
      .notNull()
      .references(() => breachIncidents.id, { onDelete: 'cascade' }),
    subjectUserId: uuid('subject_user_id').notNull(),
    notifiedAt: ts('notified_at'),
  },
  (t) => [unique('breach_affected_unique').on(t.incidentId, t.subjectUserId)],
);
