// The Drizzle schema: one file per concern; modules add theirs and export them here.
export * from './organizations.ts';
export * from './system.ts';
export * from './identity.ts';
export * from './crypto.ts';
export * from './audit.ts';
export * from './notifications.ts';
export * from './setup.ts';
export * from './counselors.ts';
export * from './scheduling.ts';
export * from './privacy.ts';
export * from './sessions.ts';
export * from './records.ts';
export * from './care-plans.ts';

/**
 * Tables that are deliberately not tenant tables (no `organization_id`). A test checks that
 * every other table in the database carries the tenant columns.
 */
export const GLOBAL_TABLES = ['organizations', 'scheduler_heartbeats', 'setup_tokens'] as const;

/** Append-only tables: no `updated_at`, and the database refuses UPDATE and DELETE on them. */
export const APPEND_ONLY_TABLES = ['audit_events', 'ledger_entries'] as const;
