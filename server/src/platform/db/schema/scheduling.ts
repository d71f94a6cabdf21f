import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { tenantColumns } from './columns.ts';
import { counselorProfiles } from './counselors.ts';
import { users } from './identity.ts';
import { organizations } from './organizations.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true });

/** Session types of an organisation (intake 60 min, follow-up 50 min…), with their buffers. */
export const sessionTypes = pgTable(
  'session_types',
  {
    ...tenantColumns(),
    code: text('code').notNull(),
    labelZh: text('label_zh').notNull(),
    labelEn: text('label_en').notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    bufferBeforeMinutes: integer('buffer_before_minutes').notNull().default(0),
    bufferAfterMinutes: integer('buffer_after_minutes').notNull().default(10),
    /** The type of a client's first appointment with a counselor (C1). */
    isIntake: boolean('is_intake').notNull().default(false),
    active: boolean('active').notNull().default(true),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [unique('session_types_org_code_unique').on(t.organizationId, t.code)],
);

/** Weekly openings in the counselor's own IANA time zone (ISO weekday, wall times HH:MM). */
export const availabilityRules = pgTable(
  'availability_rules',
  {
    ...tenantColumns(),
    counselorId: uuid('counselor_id')
      .notNull()
      .references(() => counselorProfiles.id, { onDelete: 'cascade' }),
    weekday: integer('weekday').notNull(),
    startTime: text('start_time').notNull(),
    endTime: text('end_time').notNull(),
  },
  (t) => [index('availability_rules_counselor_idx').on(t.counselorId)],
);

/** Date overrides: extra hours, or time off (the whole day when no times are given). */
export const availabilityOverrides = pgTable(
  'availability_overrides',
  {
    ...tenantColumns(),
    counselorId: uuid('counselor_id')
      .notNull()
      .references(() => counselorProfiles.id, { onDelete: 'cascade' }),
    date: date('date', { mode: 'string' }).notNull(),
    kind: text('kind', { enum: ['extra', 'off'] }).notNull(),
    startTime: text('start_time'),
    endTime: text('end_time'),
  },
  (t) => [index('availability_overrides_counselor_idx').on(t.counselorId, t.date)],
);

/** Episode of care (C1): opened by an intake, closed with a reason; follow-ups belong to it. */
export const careEpisodes = pgTable(
  'care_episodes',
  {
    ...tenantColumns(),
    clientUserId: uuid('client_user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    counselorId: uuid('counselor_id')
      .notNull()
      .references(() => counselorProfiles.id, { onDelete: 'restrict' }),
    status: text('status', { enum: ['open', 'active', 'closed'] })
      .notNull()
      .default('open'),
    closedAt: ts('closed_at'),
    closeReason: text('close_reason', {
      enum: ['goals_met', 'client_request', 'referral', 'no_show_policy', 'other'],
    }),
    /** Where the closing summary (clinical records) will point. */
    closingSummaryId: uuid('closing_summary_id'),
  },
  (t) => [index('care_episodes_pair_idx').on(t.clientUserId, t.counselorId)],
);

/**
 * Appointments (A4, A5). `blocked_from`/`blocked_until` are the session with its buffers: the
 * exclusion constraints (hand-written migration) make two holding appointments of one counselor
 * with overlapping blocked time, or of one client with overlapping session time, impossible —
 * the database, not the application, guarantees there is no double booking.
 */
export const appointments = pgTable(
  'appointments',
  {
    ...tenantColumns(),
    counselorId: uuid('counselor_id')
      .notNull()
      .references(() => counselorProfiles.id, { onDelete: 'restrict' }),
    clientUserId: uuid('client_user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    episodeId: uuid('episode_id').references(() => careEpisodes.id, { onDelete: 'restrict' }),
    sessionTypeCode: text('session_type_code').notNull(),
    kind: text('kind', { enum: ['intake', 'follow_up'] }).notNull(),
    modality: text('modality', { enum: ['text', 'video', 'voice', 'in_person'] }).notNull(),
    startsAt: ts('starts_at').notNull(),
    endsAt: ts('ends_at').notNull(),
    blockedFrom: ts('blocked_from').notNull(),
    blockedUntil: ts('blocked_until').notNull(),
    status: text('status', {
      enum: [
        'pending',
        'booked',
        'arrived',
        'fulfilled',
        'cancelled',
        'noshow',
        'entered-in-error',
      ],
    })
      .notNull()
      .default('booked'),
    cancelledAt: ts('cancelled_at'),
    cancelledBy: text('cancelled_by', { enum: ['client', 'counselor', 'administrator', 'system'] }),
    cancelledById: uuid('cancelled_by_id'),
    /** Free text: may say why a person could not come. Encrypted under the client's key. */
    cancellationReasonEnc: text('cancellation_reason_enc'),
    noShowReason: text('no_show_reason', { enum: ['late_cancel', 'absent'] }),
    /** The fee agreed at booking, in fen (C10). */
    feeFen: integer('fee_fen').notNull().default(0),
    rescheduledFromId: uuid('rescheduled_from_id'),
    arrivedAt: ts('arrived_at'),
  },
  (t) => [
    index('appointments_counselor_time_idx').on(t.counselorId, t.startsAt),
    index('appointments_client_time_idx').on(t.clientUserId, t.startsAt),
    index('appointments_status_time_idx').on(t.organizationId, t.status, t.startsAt),
  ],
);

/** Reminders already sent (24 h, 1 h): inserted before sending, so each goes once. */
export const appointmentReminders = pgTable(
  'appointment_reminders',
  {
    ...tenantColumns(),
    appointmentId: uuid('appointment_id')
      .notNull()
      .references(() => appointments.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['24h', '1h'] }).notNull(),
  },
  (t) => [unique('appointment_reminders_once').on(t.appointmentId, t.kind)],
);

/**
 * The money ledger (C10): charges, payments and refunds, append-only (the database refuses
 * UPDATE, DELETE and TRUNCATE). Amounts are positive fen; the kind gives the direction.
 */
export const ledgerEntries = pgTable(
  'ledger_entries',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    createdAt: ts('created_at').notNull().defaultNow(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'restrict' }),
    clientUserId: uuid('client_user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    appointmentId: uuid('appointment_id').references(() => appointments.id, {
      onDelete: 'restrict',
    }),
    kind: text('kind', { enum: ['charge', 'payment', 'refund'] }).notNull(),
    amountFen: integer('amount_fen').notNull(),
    /** The payment provider (`offline` = confirmed by staff) and its reference. */
    provider: text('provider').notNull().default('offline'),
    reference: text('reference'),
    recordedById: uuid('recorded_by_id'),
  },
  (t) => [index('ledger_entries_appointment_idx').on(t.appointmentId)],
);

/** A counselor's private calendar feed; only the token's digest is stored, revocable. */
export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    ...tenantColumns(),
    counselorId: uuid('counselor_id')
      .notNull()
      .references(() => counselorProfiles.id, { onDelete: 'cascade' }),
    tokenDigest: text('token_digest').notNull().unique(),
    revokedAt: ts('revoked_at'),
  },
  (t) => [index('calendar_feeds_counselor_idx').on(t.counselorId)],
);
