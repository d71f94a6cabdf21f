import type { Database } from '../db/database.ts';
import { genesisHash } from './audit-chain.ts';
import { listChainOrganizations, readHeadSnapshot, type HeadSnapshot } from './chain-store.ts';
import { ChainWalker, type BrokenLink } from './chain-walk.ts';
import { checkpointsByOrganization, readCheckpointFile, type Checkpoint } from './checkpoints.ts';

export type { BrokenLink, ChainProblem } from './chain-walk.ts';

export interface OrganizationChainReport {
  organizationId: string;
  /** Events verified in order from seq 1: all of them when intact, else those before the break. */
  events: number;
  /** What `audit_heads` says (null when the organisation has no head row). */
  headSeq: number | null;
  headHash: string | null;
  firstBroken?: BrokenLink;
}

export interface ChainReport {
  ok: boolean;
  organizations: OrganizationChainReport[];
  checkpoints: { file: string | undefined; count: number; warnings: string[] };
}

export interface VerifyOptions {
  /** The append-only checkpoint file (`config.auditCheckpointFile`); missing file = none yet. */
  checkpointFile?: string;
  /** Events per query; a few thousand keeps each query short and the memory flat. */
  batchSize?: number;
}

export const DEFAULT_BATCH_SIZE = 5000;

/**
 * Recomputes every organisation's chain from its genesis and compares its end with the head row
 * and with the checkpoints kept outside the database. Reads in short queries, no long
 * transaction, so it can run beside a live server on PostgreSQL: events appended meanwhile are
 * verified too before the head is compared.
 */
export async function verifyAuditChain(
  database: Database,
  auditKey: Buffer,
  options: VerifyOptions = {},
): Promise<ChainReport> {
  const file = options.checkpointFile ? readCheckpointFile(options.checkpointFile) : undefined;
  const checkpoints = file?.checkpoints ?? [];
  const byOrg = checkpointsByOrganization(checkpoints);
  const ids = new Set(await listChainOrganizations(database));
  for (const id of byOrg.keys()) ids.add(id);

  const organizations: OrganizationChainReport[] = [];
  for (const organizationId of [...ids].sort()) {
    const walker = new ChainWalker(
      database,
      auditKey,
      organizationId,
      { seq: 0, hash: genesisHash(auditKey, organizationId) },
      {
        batchSize: options.batchSize ?? DEFAULT_BATCH_SIZE,
        checkpoints: byOrg.get(organizationId),
      },
    );
    let snapshot: HeadSnapshot;
    do {
      await walker.advance();
      snapshot = await readHeadSnapshot(database, organizationId, walker.position);
    } while (!walker.broken && snapshot.more);
    const firstBroken =
      walker.broken ??
      headBroken(walker, snapshot.head) ??
      checkpointNotReached(walker, checkpoints, organizationId);
    organizations.push({
      organizationId,
      events: walker.events,
      headSeq: snapshot.head?.seq ?? null,
      headHash: snapshot.head?.hash ?? null,
      ...(firstBroken ? { firstBroken } : {}),
    });
  }
  return {
    ok: organizations.every((o) => !o.firstBroken),
    organizations,
    checkpoints: {
      file: options.checkpointFile,
      count: checkpoints.length,
      warnings: file?.warnings ?? [],
    },
  };
}

/** The head is written in the same transaction as each event: it must name the last one. */
function headBroken(walker: ChainWalker, head: HeadSnapshot['head']): BrokenLink | undefined {
  const last = walker.last;
  if (!head) {
    if (last.seq === 0) return undefined; // no events, no head: an organisation never audited
    const detail = `events up to seq ${last.seq} exist but the head row is missing`;
    return { seq: last.seq, id: last.id, problem: 'head_mismatch', detail };
  }
  if (head.seq === last.seq && head.hash === last.hash) return undefined;
  let detail: string;
  if (head.seq > last.seq) {
    detail = `the chain ends at seq ${last.seq} but the head says ${head.seq}: the newest events were deleted`;
  } else if (head.seq < last.seq) {
    detail = `the head says seq ${head.seq} but events run to seq ${last.seq}: events were added behind the application's back`;
  } else {
    detail = `the head's hash differs from the last event's: the head row was rewritten`;
  }
  return { seq: head.seq, id: last.id, problem: 'head_mismatch', detail };
}

/** A checkpoint proves its seq existed: a chain that now ends earlier lost its newest events. */
function checkpointNotReached(
  walker: ChainWalker,
  checkpoints: readonly Checkpoint[],
  organizationId: string,
): BrokenLink | undefined {
  let newest: Checkpoint | undefined;
  for (const c of checkpoints) {
    if (c.organizationId === organizationId && c.seq > (newest?.seq ?? -1)) newest = c;
  }
  if (!newest || newest.seq <= walker.last.seq) return undefined;
  return {
    seq: newest.seq,
    id: null,
    problem: 'checkpoint_mismatch',
    detail: `a checkpoint taken at ${newest.at} recorded seq ${newest.seq}, but the chain ends at seq ${walker.last.seq}: the newest events were deleted and the head rewritten`,
  };
}
