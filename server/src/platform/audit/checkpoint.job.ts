import type { Logger } from 'pino';
import type { Database } from '../db/database.ts';
import type { JobDefinition } from '../jobs/jobs.ts';
import { genesisHash } from './audit-chain.ts';
import { readHeads } from './chain-store.ts';
import { ChainWalker, type BrokenLink, type ChainLink } from './chain-walk.ts';
import {
  appendCheckpoints,
  checkpointsByOrganization,
  readCheckpointFile,
  type Checkpoint,
} from './checkpoints.ts';
import { DEFAULT_BATCH_SIZE } from './verify.ts';

export const AUDIT_CHECKPOINT_JOB = 'audit.checkpoint';

export interface CheckpointRun {
  written: Checkpoint[];
  /** Organisations whose chain did not verify since their last checkpoint: nothing was written. */
  refused: { organizationId: string; broken: BrokenLink }[];
}

/**
 * Every 15 minutes, the head of every organisation's chain goes to the checkpoint file. The job
 * gets the file and the audit key by closure: the job context carries neither.
 */
export function createAuditCheckpointJob(file: string, auditKey: Buffer): JobDefinition {
  return {
    name: AUDIT_CHECKPOINT_JOB,
    cron: '*/15 * * * *',
    async run({ database, log }) {
      const { written, refused } = await writeAuditCheckpoints(database, auditKey, file, log);
      log.info(
        { checkpoints: written.length, refused: refused.length },
        'audit checkpoints written',
      );
      // A failed job is what monitoring sees; the log lines above say which chain and where.
      if (refused.length > 0) throw new Error('audit chain broken: checkpoint refused');
    },
  };
}

/**
 * Verifies each chain from its last checkpoint to the current head (a few events, not the whole
 * chain) and only then records the head: a checkpoint must never vouch for a tampered chain.
 * The head is read first, so events appended meanwhile wait for the next run.
 */
export async function writeAuditCheckpoints(
  database: Database,
  auditKey: Buffer,
  file: string,
  log?: Logger,
  now: Date = new Date(),
): Promise<CheckpointRun> {
  const byOrg = checkpointsByOrganization(readCheckpointFile(file).checkpoints);
  const heads = await readHeads(database);
  const written: Checkpoint[] = [];
  const refused: CheckpointRun['refused'] = [];
  for (const [organizationId, head] of [...heads].sort(([a], [b]) => a.localeCompare(b))) {
    if (!head) continue;
    const recorded = byOrg.get(organizationId);
    const start = lastCheckpoint(recorded) ?? {
      seq: 0,
      hash: genesisHash(auditKey, organizationId),
    };
    const broken = await verifySince(database, auditKey, organizationId, start, head, recorded);
    if (broken) {
      log?.error({ organizationId, ...broken }, 'audit chain broken: no checkpoint written');
      refused.push({ organizationId, broken });
      continue;
    }
    written.push({ organizationId, seq: head.seq, hash: head.hash, at: now.toISOString() });
  }
  appendCheckpoints(file, written);
  return { written, refused };
}

function lastCheckpoint(bySeq: ReadonlyMap<number, readonly string[]> | undefined) {
  if (!bySeq || bySeq.size === 0) return undefined;
  const seq = Math.max(...bySeq.keys());
  const hash = bySeq.get(seq)?.[0];
  return hash === undefined ? undefined : { seq, hash };
}

async function verifySince(
  database: Database,
  auditKey: Buffer,
  organizationId: string,
  start: ChainLink,
  head: ChainLink,
  checkpoints: ReadonlyMap<number, readonly string[]> | undefined,
): Promise<BrokenLink | undefined> {
  if (head.seq < start.seq) {
    const detail = `the head says seq ${head.seq} but a checkpoint recorded seq ${start.seq}: the newest events were deleted`;
    return { seq: start.seq, id: null, problem: 'checkpoint_mismatch', detail };
  }
  const walker = new ChainWalker(database, auditKey, organizationId, start, {
    batchSize: DEFAULT_BATCH_SIZE,
    ...(checkpoints ? { checkpoints } : {}),
  });
  const broken = await walker.advance(head.seq);
  if (broken) return broken;
  if (walker.last.seq === head.seq && walker.last.hash === head.hash) return undefined;
  const detail = `the head (seq ${head.seq}) does not match the chain, which ends at seq ${walker.last.seq}`;
  return { seq: head.seq, id: walker.last.id, problem: 'head_mismatch', detail };
}
