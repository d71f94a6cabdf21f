import type { JobDefinition } from '../jobs/jobs.ts';
import type { Vault } from './vault.ts';

export const FINISH_SHREDDING_JOB = 'crypto.finish-shredding';

/**
 * Every ten minutes: erases the external shares of data keys whose destruction committed but
 * whose share was not erased yet (a process that stopped between the commit and the erasure).
 * Deletion calls `finishShredding` itself right after committing; this is the safety net.
 */
export function createFinishShreddingJob(vault: Vault): JobDefinition {
  return {
    name: FINISH_SHREDDING_JOB,
    cron: '*/10 * * * *',
    async run({ database, log }) {
      const erased = await vault.finishShredding(database.db);
      if (erased > 0) log.info({ erased }, 'erased the shares of destroyed data keys');
    },
  };
}
