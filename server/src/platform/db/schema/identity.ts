import {
  boolean,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { ROLES } from '@anxin/common';
import { tenantColumns } from './columns.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true });

/**
 * A person's account in one organisation. Contact details and names are sensitive: stored
 * encrypted under the person's data key (`*_enc`), found by keyed blind indexes (`*_index`,
 * HMAC of the normalised value) so that sign-in can look them up without decrypting anything.
 */
export const users = pgTable(
  'users',
  {
    ...tenantColumns(),
    emailIndex: text('email_index'),
    emailEnc: text('email_enc'),
    phoneIndex: text('phone_index'),
    phoneEnc: text('phone_enc'),
    realNameEnc: text('real_name_enc'),
    birthDateEnc: text('birth_date_enc'),
    displayName: text('display_name').notNull(),
    locale: text('locale', { enum: ['zh-CN', 'en'] })
      .notNull()
      .default('zh-CN'),
    passwordHash: text('password_hash').notNull(),
    emailVerifiedAt: ts('email_verified_at'),
    phoneVerifiedAt: ts('phone_verified_at'),
    status: text('status', { enum: ['active', 'disabled', 'erased'] })
      .notNull()
      .default('active'),
    isDemo: boolean('is_demo').notNull().default(false),
  },
  (t) => [
    unique('users_org_email_index_unique').on(t.organizationId, t.emailIndex),
    unique('users_org_phone_index_unique').on(t.organizationId, t.phoneIndex),
  ],
);

export const userRoles = pgTable(
  'user_roles',
  {
    ...tenantColumns(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ROLES }).notNull(),
    grantedBy: uuid('granted_by'),
  },
  (t) => [unique('user_roles_user_role_unique').on(t.userId, t.role)],
);

/** Only the SHA-256 of the session token is stored: a database reader cannot sign in. */
export const sessions = pgTable(
  'sessions',
  {
    ...tenantColumns(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    kind: text('kind', { enum: ['staff', 'client'] }).notNull(),
    lastSeenAt: ts('last_seen_at').notNull().defaultNow(),
    absoluteExpiresAt: ts('absolute_expires_at').notNull(),
    mfaVerifiedAt: ts('mfa_verified_at'),
    revokedAt: ts('revoked_at'),
    revokedReason: text('revoked_reason'),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** Single-use secrets sent to a person: verification codes and reset links (hashed). */
export const authTokens = pgTable(
  'auth_tokens',
  {
    ...tenantColumns(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: text('purpose', {
      enum: ['verify_email', 'verify_phone', 'reset_password'],
    }).notNull(),
    tokenHash: text('token_hash').notNull(),
    expiresAt: ts('expires_at').notNull(),
    consumedAt: ts('consumed_at'),
    attempts: integer('attempts').notNull().default(0),
  },
  (t) => [index('auth_tokens_user_purpose_idx').on(t.userId, t.purpose)],
);

export const invitations = pgTable(
  'invitations',
  {
    ...tenantColumns(),
    emailIndex: text('email_index').notNull(),
    emailEnc: text('email_enc').notNull(),
    roles: text('roles', { enum: ROLES }).array().notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    expiresAt: ts('expires_at').notNull(),
    invitedBy: uuid('invited_by').notNull(),
    acceptedAt: ts('accepted_at'),
    acceptedUserId: uuid('accepted_user_id'),
    revokedAt: ts('revoked_at'),
  },
  (t) => [index('invitations_org_email_idx').on(t.organizationId, t.emailIndex)],
);

export const mfaTotp = pgTable('mfa_totp', {
  ...tenantColumns(),
  userId: uuid('user_id')
    .notNull()
    .unique()
    .references(() => users.id, { onDelete: 'cascade' }),
  secretEnc: text('secret_enc').notNull(),
  confirmedAt: ts('confirmed_at'),
  /** The last accepted 30-second step: a code is never accepted twice. */
  lastUsedStep: integer('last_used_step'),
});

export const mfaBackupCodes = pgTable(
  'mfa_backup_codes',
  {
    ...tenantColumns(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: ts('used_at'),
  },
  (t) => [index('mfa_backup_codes_user_idx').on(t.userId)],
);

/**
 * Failure counters for sign-in and code checks, per account (`key` = a blind index or user id),
 * shared by every server instance. `lockouts` grows the back-off.
 */
export const authThrottle = pgTable(
  'auth_throttle',
  {
    ...tenantColumns(),
    key: text('key').notNull(),
    failures: integer('failures').notNull().default(0),
    windowStartedAt: ts('window_started_at').notNull().defaultNow(),
    lockedUntil: ts('locked_until'),
    lockouts: integer('lockouts').notNull().default(0),
  },
  (t) => [unique('auth_throttle_org_key_unique').on(t.organizationId, t.key)],
);

/** A time-limited, reasoned, audited opening of a record outside the actor's scope. */
export const breakGlassGrants = pgTable(
  'break_glass_grants',
  {
    ...tenantColumns(),
    actorId: uuid('actor_id')
      .notNull()
      .references(() => users.id),
    resourceType: text('resource_type').notNull(),
    resourceId: uuid('resource_id').notNull(),
    /** Encrypted under the data key of the person whose record is opened. */
    reasonEnc: text('reason_enc').notNull(),
    expiresAt: ts('expires_at').notNull(),
    endedAt: ts('ended_at'),
  },
  (t) => [index('break_glass_actor_idx').on(t.actorId, t.resourceType, t.resourceId)],
);
