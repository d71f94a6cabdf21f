import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../platform/db/database.ts';
import { openTestDatabase, testBackend } from '../../test/test-database.ts';
import { analyzeJob, vacuumJob } from './maintenance.job.ts';

const ctx = (database: Database) => ({
  database,
  log: pino({ level: 'silent' }),
  instanceId: 'test',
});

describe('database maintenance jobs', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
    await database.query('CREATE TABLE maint_probe (id int PRIMARY KEY, v text)');
    await database.query(
      `INSERT INTO maint_probe SELECT n, 'v' || n FROM generate_series(1, 2000) n`,
    );
  });
  afterAll(() => database.close());

  const analyzed = async () =>
    (
      await database.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stats WHERE tablename = 'maint_probe'`,
      )
    )[0]?.n ?? 0;

  it.runIf(testBackend() === 'pglite')(
    'gathers planner statistics and runs VACUUM on the embedded database',
    async () => {
      expect(await analyzed()).toBe(0);
      await analyzeJob.run(ctx(database), {}, 'job-1');
      expect(await analyzed()).toBeGreaterThan(0);
      await database.query(`UPDATE maint_probe SET v = v || 'x'`);
      // Dead-row counters are reported asynchronously, so the test checks that the nightly job
      // runs VACUUM without error rather than reading a counter that may lag.
      await expect(vacuumJob.run(ctx(database), {}, 'job-2')).resolves.toBeUndefined();
    },
  );
});
