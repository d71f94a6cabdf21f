// The Drizzle schema: one file per concern; modules add theirs and export them here.
export * from './organizations.ts';
export * from './system.ts';

/**
 * Tables that are deliberately not tenant tables (no `organization_id`). A test checks that
 * every other table in the database carries the tenant columns.
 */
export const GLOBAL_TABLES = ['organizations', 'scheduler_heartbeats'] as const;
