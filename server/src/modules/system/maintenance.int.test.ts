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
    'gathers planner statistics and reclaims dead rows on the embedded database',
    async () => {
      expect(await analyzed()).toBe(0);
      await analyzeJob.run(ctx(database), {}, 'job-1');
      expect(await analyzed()).toBeGreaterThan(0);
      await database.query(`UPDATE maint_probe SET v = v || 'x'`);
      await vacuumJob.run(ctx(database), {}, 'job-2');
      const [dead] = await database.query<{ n: number }>(
        `SELECT n_dead_tup::int AS n FROM pg_stat_user_tables WHERE relname = 'maint_probe'`,
      );
      expect(dead?.n ?? 0).toBe(0);
    },
  );
});
