import type { Database } from '../../platform/db/database.ts';
import type { JobDefinition } from '../../platform/jobs/jobs.ts';

export const ANALYZE_JOB = 'system.analyze';
export const VACUUM_JOB = 'system.vacuum';

/**
 * The embedded database runs PostgreSQL without its background workers, so autovacuum never
 * runs: without these jobs the planner has no statistics (the directory search picked plans a
 * third slower) and dead rows of frequently updated tables (audit heads, sessions) are never
 * reclaimed. A PostgreSQL server has autovacuum for this, so there the jobs do nothing.
 */
async function maintain(database: Database, statement: 'ANALYZE' | 'VACUUM (ANALYZE)') {
  if (database.kind !== 'pglite') return;
  await database.query(statement);
}

/** Hourly: planner statistics, a sampled and quick pass. */
export const analyzeJob: JobDefinition = {
  name: ANALYZE_JOB,
  cron: '40 * * * *',
  run: ({ database }) => maintain(database, 'ANALYZE'),
};

/** Nightly (UTC): reclaims dead rows; heavier, so once a day when little else runs. */
export const vacuumJob: JobDefinition = {
  name: VACUUM_JOB,
  cron: '50 19 * * *', // 03:50 in China Standard Time
  run: ({ database }) => maintain(database, 'VACUUM (ANALYZE)'),
};
