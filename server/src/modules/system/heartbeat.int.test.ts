import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../platform/db/database.ts';
import { schedulerHeartbeats } from '../../platform/db/schema/index.ts';
import { startJobs, type Jobs } from '../../platform/jobs/jobs.ts';
import { openTestDatabase } from '../../test/test-database.ts';
import { HEARTBEAT_JOB, heartbeatJob } from './heartbeat.job.ts';

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('the heartbeat job (pg-boss on this backend)', () => {
  let database: Database;
  let jobs: Jobs;
  beforeAll(async () => {
    database = await openTestDatabase();
    jobs = await startJobs(
      { database, log: pino({ level: 'silent' }), instanceId: 'instance-a' },
      [heartbeatJob],
      { schedule: true, pollingIntervalSeconds: 0.5 },
    );
  });
  afterAll(async () => {
    await jobs.stop();
    await database.close();
  });

  it('is scheduled every minute', async () => {
    const schedules = await jobs.boss.getSchedules(HEARTBEAT_JOB);
    expect(schedules.map((s) => s.cron)).toEqual(['* * * * *']);
  });

  it('writes a heartbeat row and prunes rows older than a week when it runs', async () => {
    const old = new Date(Date.now() - 8 * 86_400_000);
    await database.db
      .insert(schedulerHeartbeats)
      .values({ instanceId: 'old', jobId: 'old', createdAt: old, updatedAt: old });

    const jobId = await jobs.send(HEARTBEAT_JOB);
    const row = await waitFor(async () => {
      const rows = await database.db.select().from(schedulerHeartbeats);
      return rows.find((r) => r.jobId === jobId);
    });
    expect(row).toMatchObject({ instanceId: 'instance-a', prunedRows: 1 });
    const remaining = await database.db.select().from(schedulerHeartbeats);
    expect(remaining.map((r) => r.jobId)).toEqual([jobId]);
  });
});
