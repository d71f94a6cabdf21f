import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import {
  CONSENT_AGREEMENT_METHODS,
  GOAL_COMPARATORS,
  GOAL_STATUSES,
  PROGRESS_RATINGS,
  REFERRAL_EXCEPTIONS,
  REFERRAL_RESOURCE_KINDS,
  REFERRAL_STATUSES,
} from '@anxin/common';
import { tenantColumns } from './columns.ts';
import { counselorProfiles } from './counselors.ts';
import { users } from './identity.ts';
import { disclosures } from './privacy.ts';
import { assessmentResponses } from './records.ts';
import { careEpisodes } from './scheduling.ts';
import { riskSignals } from './sessions.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true });

/**
 * Care plans (C4, C6). Clinical words are sealed under the client's data key (`*_enc`); what
 * stays in clear is what the database must check or the service must filter on: kinds,
 * statuses, dates, the instrument and target of a measure (like an assessment's code).
 * Hand-written constraints (migration `*_care_plans_constraints`) keep the history as written.
 */

/**
 * A measurable treatment goal of an episode (C4). A revision is a new row pointing at the goal
 * it replaces (`previous_goal_id`), which becomes `revised`: nothing written is edited.
 */
export const treatmentGoals = pgTable(
  'treatment_goals',
  {
    ...tenantColumns(),
    clientUserId: uuid('client_user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    episodeId: uuid('episode_id')
      .notNull()
      .references(() => careEpisodes.id, { onDelete: 'restrict' }),
    authorUserId: uuid('author_user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    /** The author's counselor profile, for supervision (as on clinical records). */
    authorCounselorId: uuid('author_counselor_id')
      .notNull()
      .references(() => counselorProfiles.id, { onDelete: 'restrict' }),
    descriptionEnc: text('description_enc').notNull(),
    measureKind: text('measure_kind', { enum: ['instrument', 'custom'] }).notNull(),
    /** Instrument goals: `phq9`, `gad7` (common/assessments), `lte`/`gte` and the target total. */
    instrumentCode: text('instrument_code'),
    comparator: text('comparator', { enum: GOAL_COMPARATORS }),
    targetScore: integer('target_score'),
    /** Custom goals: sealed JSON `{ measure, target }` in the counselor's words. */
    measureEnc: text('measure_enc'),
    targetDate: date('target_date').notNull(),
    status: text('status', { enum: GOAL_STATUSES }).notNull().default('active'),
    statusReasonEnc: text('status_reason_enc'),
    statusChangedAt: ts('status_changed_at'),
    statusChangedBy: uuid('status_changed_by').references(() => users.id, {
      onDelete: 'restrict',
    }),
    /** Set null only when the older goal is destroyed at the end of its retention. */
    previousGoalId: uuid('previous_goal_id').references((): AnyPgColumn => treatmentGoals.id, {
      onDelete: 'set null',
    }),
  },
  (t) => [
    index('treatment_goals_client_idx').on(t.organizationId, t.clientUserId, t.episodeId),
    // A goal is revised once: the revision chain never forks.
    uniqueIndex('treatment_goals_previous_unique')
      .on(t.previousGoalId)
      .where(sql`previous_goal_id IS NOT NULL`),
  ],
);

/**
 * A progress review of a goal (C4): append-only. The client is repeated from the goal so that
 * erasure and retention find the rows without a join; the instrument score shown with it is the
 * questionnaire response that was the newest when the review was written.
 */
export const goalProgressReviews = pgTable(
  'goal_progress_reviews',
  {
    ...tenantColumns(),
    goalId: uuid('goal_id')
      .notNull()
      .references(() => treatmentGoals.id, { onDelete: 'cascade' }),
    clientUserId: uuid('client_user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    reviewedOn: date('reviewed_on').notNull(),
    rating: text('rating', { enum: PROGRESS_RATINGS }).notNull(),
    noteEnc: text('note_enc'),
    authorUserId: uuid('author_user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    assessmentResponseId: uuid('assessment_response_id').references(() => assessmentResponses.id, {
      onDelete: 'set null',
    }),
  },
  (t) => [index('goal_progress_reviews_goal_idx').on(t.goalId, t.createdAt)],
);

/**
 * The organisation's referral directory (C6): hospitals, crisis lines, emergency numbers,
 * community services. Organisation data, not personal data. Entries are retired, never deleted:
 * referrals point at them. Seeded entries carry a `code` (idempotent seeding).
 */
export const referralResources = pgTable(
  'referral_resources',
  {
    ...tenantColumns(),
    kind: text('kind', { enum: REFERRAL_RESOURCE_KINDS }).notNull(),
    code: text('code'),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    phone: text('phone').notNull(),
    address: text('address'),
    hours: text('hours'),
    notes: text('notes'),
    active: boolean('active').notNull().default(true),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [
    uniqueIndex('referral_resources_code_unique')
      .on(t.organizationId, t.code)
      .where(sql`code IS NOT NULL`),
  ],
);

/** What a referral was made to, as the directory said at the time. */
export interface ReferralResourceSnapshot {
  kind: (typeof REFERRAL_RESOURCE_KINDS)[number];
  nameZh: string;
  nameEn: string;
  phone: string;
}

/**
 * A referral of a client to a resource (C6), on the client's documented agreement or under a
 * confidentiality exception (B7, C7). Where information about the client went to the resource,
 * the referral points at its entry in the disclosure register (`disclosure_id`).
 */
export const referrals = pgTable(
  'referrals',
  {
    ...tenantColumns(),
    clientUserId: uuid('client_user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    episodeId: uuid('episode_id')
      .notNull()
      .references(() => careEpisodes.id, { onDelete: 'restrict' }),
    resourceId: uuid('resource_id')
      .notNull()
      .references(() => referralResources.id, { onDelete: 'restrict' }),
    resourceSnapshot: jsonb('resource_snapshot').$type<ReferralResourceSnapshot>().notNull(),
    reasonEnc: text('reason_enc').notNull(),
    basis: text('basis', { enum: ['consent', 'exception'] }).notNull(),
    consentAgreedAt: ts('consent_agreed_at'),
    consentMethod: text('consent_method', { enum: CONSENT_AGREEMENT_METHODS }),
    consentAttestedBy: uuid('consent_attested_by').references(() => users.id, {
      onDelete: 'restrict',
    }),
    sharesInformation: boolean('shares_information').notNull(),
    exceptionCode: text('exception_code', { enum: REFERRAL_EXCEPTIONS }),
    justificationEnc: text('justification_enc'),
    legalReference: text('legal_reference'),
    /** Set null only when the disclosure is destroyed at the end of its own retention. */
    disclosureId: uuid('disclosure_id').references(() => disclosures.id, {
      onDelete: 'set null',
    }),
    riskSignalId: uuid('risk_signal_id').references(() => riskSignals.id, {
      onDelete: 'set null',
    }),
    status: text('status', { enum: REFERRAL_STATUSES }).notNull().default('made'),
    madeAt: ts('made_at').notNull(),
    acknowledgedAt: ts('acknowledged_at'),
    closedAt: ts('closed_at'),
    outcomeEnc: text('outcome_enc'),
    authorUserId: uuid('author_user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    authorCounselorId: uuid('author_counselor_id')
      .notNull()
      .references(() => counselorProfiles.id, { onDelete: 'restrict' }),
  },
  (t) => [index('referrals_client_idx').on(t.organizationId, t.clientUserId, t.episodeId)],
);
