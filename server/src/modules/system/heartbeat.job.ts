import { lt } from 'drizzle-orm';
import { schedulerHeartbeats } from '../../platform/db/schema/index.ts';
import type { JobDefinition } from '../../platform/jobs/jobs.ts';

export const HEARTBEAT_JOB = 'system.heartbeat';
const KEEP_DAYS = 7;

/**
 * Every minute: writes a heartbeat row and prunes the ones older than a week. The newest row
 * tells an operator (and the tests) that scheduled work really runs.
 */
export const heartbeatJob: JobDefinition = {
  name: HEARTBEAT_JOB,
  cron: '* * * * *',
  async run({ database, instanceId }, _data, jobId) {
    const cutoff = new Date(Date.now() - KEEP_DAYS * 86_400_000);
    await database.db.transaction(async (tx) => {
      const pruned = await tx
        .delete(schedulerHeartbeats)
        .where(lt(schedulerHeartbeats.createdAt, cutoff))
        .returning({ id: schedulerHeartbeats.id });
      await tx.insert(schedulerHeartbeats).values({ instanceId, jobId, prunedRows: pruned.length });
    });
  },
};
