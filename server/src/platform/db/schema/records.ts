import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { RECORD_STATUSES, RECORD_TYPES } from '@anxin/common';
import { tenantColumns } from './columns.ts';
import { counselorProfiles } from './counselors.ts';
import { users } from './identity.ts';
import { appointments, careEpisodes } from './scheduling.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true });

export { RECORD_STATUSES, RECORD_TYPES };

/** One field of a record template, as the editor renders it and the service validates it. */
export interface TemplateField {
  key: string;
  label: { 'zh-CN': string; en: string };
  kind: 'text' | 'longtext' | 'choice' | 'date';
  required: boolean;
  options?: { code: string; label: { 'zh-CN': string; en: string } }[];
}

/**
 * Record templates (C3): the fields of each record type, per organisation and versioned. A
 * record keeps the template version it was written on, so changing a template never changes
 * what an earlier record meant.
 */
export const recordTemplates = pgTable(
  'record_templates',
  {
    ...tenantColumns(),
    recordType: text('record_type', { enum: RECORD_TYPES }).notNull(),
    /** `soap`, `dap`, `intake`…: several templates may serve one type (SOAP or DAP notes). */
    code: text('code').notNull(),
    version: integer('version').notNull(),
    titleZh: text('title_zh').notNull(),
    titleEn: text('title_en').notNull(),
    fields: jsonb('fields').$type<TemplateField[]>().notNull(),
    /** The newest version of a code is active; older ones stay for the records written on them. */
    active: boolean('active').notNull().default(true),
  },
  (t) => [unique('record_templates_version_unique').on(t.organizationId, t.code, t.version)],
);

/**
 * A clinical record (B8, C3): the draft while it is one, then the head of its signed versions.
 * Content lives sealed under the client's data key: the draft here, each signed version in
 * `clinical_record_versions`. A trigger (hand-written migration) refuses any change to what was
 * signed.
 */
export const clinicalRecords = pgTable(
  'clinical_records',
  {
    ...tenantColumns(),
    recordType: text('record_type', { enum: RECORD_TYPES }).notNull(),
    templateId: uuid('template_id')
      .notNull()
      .references(() => recordTemplates.id, { onDelete: 'restrict' }),
    clientUserId: uuid('client_user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    episodeId: uuid('episode_id').references(() => careEpisodes.id, { onDelete: 'restrict' }),
    appointmentId: uuid('appointment_id').references(() => appointments.id, {
      onDelete: 'set null',
    }),
    authorUserId: uuid('author_user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    /** The author's counselor profile, for supervision and co-signature. */
    authorCounselorId: uuid('author_counselor_id').references(() => counselorProfiles.id, {
      onDelete: 'restrict',
    }),
    status: text('status', { enum: RECORD_STATUSES }).notNull().default('draft'),
    /** Sealed JSON of the fields while a draft; null once signed. */
    draftEnc: text('draft_enc'),
    /** Bumped by every autosave: a save based on an older revision is refused (two tabs). */
    draftRevision: integer('draft_revision').notNull().default(0),
    signedAt: ts('signed_at'),
    /** Whether the author needed a co-signature when signing (a trainee then). */
    needsCosign: boolean('needs_cosign').notNull().default(false),
    cosignedBy: uuid('cosigned_by').references(() => users.id, { onDelete: 'restrict' }),
    cosignedAt: ts('cosigned_at'),
    /** The number and hash of the newest signed version. */
    headVersion: integer('head_version').notNull().default(0),
    headHash: text('head_hash'),
  },
  (t) => [
    index('clinical_records_client_idx').on(t.organizationId, t.clientUserId, t.createdAt),
    index('clinical_records_author_idx').on(t.authorUserId, t.status),
  ],
);

/**
 * Signed versions of a record: version 1 is the signed original, each later one an addendum
 * with its reason. `hash` covers the version's content and metadata and the previous version's
 * hash, so the chain shows any later change. The database refuses UPDATE of these rows.
 */
export const clinicalRecordVersions = pgTable(
  'clinical_record_versions',
  {
    ...tenantColumns(),
    recordId: uuid('record_id')
      .notNull()
      .references(() => clinicalRecords.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    kind: text('kind', { enum: ['original', 'addendum'] }).notNull(),
    authorUserId: uuid('author_user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    signedAt: ts('signed_at').notNull(),
    contentEnc: text('content_enc').notNull(),
    /** Why the record was amended (addenda only), sealed like the content. */
    reasonEnc: text('reason_enc'),
    prevHash: text('prev_hash'),
    hash: text('hash').notNull(),
  },
  (t) => [unique('clinical_record_versions_unique').on(t.recordId, t.version)],
);

/**
 * Who supervises whom (C5): the supervisors of a counselor read their records, co-sign a
 * trainee's notes and may observe their sessions where the client allows it.
 */
export const counselorSupervisors = pgTable(
  'counselor_supervisors',
  {
    ...tenantColumns(),
    counselorId: uuid('counselor_id')
      .notNull()
      .references(() => counselorProfiles.id, { onDelete: 'cascade' }),
    supervisorUserId: uuid('supervisor_user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    endedAt: ts('ended_at'),
  },
  (t) => [
    index('counselor_supervisors_supervisor_idx').on(t.supervisorUserId),
    unique('counselor_supervisors_pair_unique').on(t.counselorId, t.supervisorUserId),
  ],
);

export const ASSESSMENT_STATUSES = ['assigned', 'completed', 'cancelled'] as const;

/**
 * A questionnaire for a client (C4): assigned by the counselor or at intake, completed by the
 * client. Answers and score are sealed under the client's key; the risk they raise is a row in
 * `risk_signals` (source `assessment`), which holds no answer.
 */
export const assessmentResponses = pgTable(
  'assessment_responses',
  {
    ...tenantColumns(),
    clientUserId: uuid('client_user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    episodeId: uuid('episode_id').references(() => careEpisodes.id, { onDelete: 'restrict' }),
    /** `phq9`, `gad7`, `cssrs_screener` (common/assessments) and the definition's version. */
    assessmentCode: text('assessment_code').notNull(),
    definitionVersion: text('definition_version').notNull(),
    assignedBy: uuid('assigned_by').references(() => users.id, { onDelete: 'set null' }),
    status: text('status', { enum: ASSESSMENT_STATUSES }).notNull().default('assigned'),
    completedAt: ts('completed_at'),
    answersEnc: text('answers_enc'),
    scoreEnc: text('score_enc'),
  },
  (t) => [index('assessment_responses_client_idx').on(t.organizationId, t.clientUserId, t.status)],
);
