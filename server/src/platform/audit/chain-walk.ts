import type { Database } from '../db/database.ts';
import { chainHash } from './audit-chain.ts';
import {
  CURSOR_START,
  cursorAfterSeq,
  maxSeq,
  readBatch,
  readEventsAt,
  type Cursor,
  type StoredEvent,
} from './chain-store.ts';

export type ChainProblem =
  | 'hash_mismatch'
  | 'prev_hash_mismatch'
  | 'seq_gap'
  | 'order_swap'
  | 'head_mismatch'
  | 'checkpoint_mismatch';

/** The first place an organisation's chain stops being trustworthy. */
export interface BrokenLink {
  seq: number;
  /** The event at that place; null when the problem is an event that is not there. */
  id: string | null;
  problem: ChainProblem;
  /** One sentence for a human: what was found and what it usually means. */
  detail: string;
}

/** A trusted link to continue from: the genesis (seq 0) or a checkpoint. */
export interface ChainLink {
  seq: number;
  hash: string;
}

export interface WalkOptions {
  batchSize: number;
  /** Hashes recorded outside the database, by seq; each must equal the event's hash there. */
  checkpoints?: ReadonlyMap<number, readonly string[]>;
}

/** Beyond this many candidate positions the swap diagnosis gives up and names the plain break. */
const MAX_SWAP_SEARCH = 5_000_000;

/**
 * Walks one organisation's chain in (seq, id) order from a trusted link, recomputing every hash.
 * It can be advanced again after it ran out of rows, so a verifier can pick up events appended
 * while it was reading.
 */
export class ChainWalker {
  /** Events that verified, in order. */
  events = 0;
  last: ChainLink & { id: string | null };
  broken: BrokenLink | undefined;
  private cursor: Cursor;

  constructor(
    private readonly database: Database,
    private readonly auditKey: Buffer,
    private readonly organizationId: string,
    start: ChainLink,
    private readonly options: WalkOptions,
  ) {
    this.last = { ...start, id: null };
    this.cursor = start.seq === 0 ? CURSOR_START : cursorAfterSeq(start.seq);
    const recorded = options.checkpoints?.get(start.seq) ?? [];
    if (recorded.some((h) => h !== start.hash)) {
      this.broken = checkpointBroken(start.seq, null);
    }
  }

  get position(): Cursor {
    return this.cursor;
  }

  /** Reads until the end (or `untilSeq`) or the first broken link; returns that link. */
  async advance(untilSeq?: number): Promise<BrokenLink | undefined> {
    while (!this.broken) {
      const batch = await readBatch(
        this.database,
        this.organizationId,
        this.cursor,
        this.options.batchSize,
        untilSeq,
      );
      if (batch.length === 0) break;
      for (const row of batch) {
        this.broken = await this.check(row);
        if (this.broken) return this.broken;
        this.cursor = { seqText: row.seqText, id: row.event.id };
        this.last = { seq: row.event.seq, hash: row.hash, id: row.event.id };
        this.events++;
      }
      if (batch.length < this.options.batchSize) break;
    }
    return this.broken;
  }

  private async check(row: StoredEvent): Promise<BrokenLink | undefined> {
    const { seq, id } = row.event;
    const expected = this.last.seq + 1;
    if (seq !== expected) {
      const detail =
        seq > expected
          ? `expected seq ${expected}, found ${seq}: ${seq - expected} event(s) missing before it`
          : `expected seq ${expected}, found ${seq} again: an event was inserted or duplicated`;
      return { seq, id, problem: 'seq_gap', detail };
    }
    const linked = row.prevHash === this.last.hash;
    if (linked && authentic(this.auditKey, row, seq)) {
      const recorded = this.options.checkpoints?.get(seq) ?? [];
      return recorded.some((h) => h !== row.hash) ? checkpointBroken(seq, id) : undefined;
    }
    return this.diagnose(row, linked);
  }

  /**
   * An authentic event sitting at the wrong seq verifies at its original seq (the seq is hashed).
   * Finding that seq tells a swap (the event there belongs here) from a renumbering after a
   * deletion or insertion; otherwise the row itself was changed, or its neighbour was.
   */
  private async diagnose(row: StoredEvent, linked: boolean): Promise<BrokenLink> {
    const { seq, id } = row.event;
    // Only a row that does not link to its neighbour can have moved: an edited row (the common
    // case) is named without searching a long chain for a place it never had.
    const original = linked ? undefined : await this.findOriginalSeq(row);
    if (original !== undefined) {
      const there = await readEventsAt(this.database, this.organizationId, original);
      if (there.some((other) => authentic(this.auditKey, other, seq))) {
        const detail = `the events written as seq ${seq} and seq ${original} have swapped places`;
        return { seq, id, problem: 'order_swap', detail };
      }
      const detail =
        original > seq
          ? `this event was written as seq ${original}: events before it were deleted and the rest renumbered`
          : `this event was written as seq ${original}: events were inserted before it`;
      return { seq, id, problem: 'seq_gap', detail };
    }
    if (!linked) {
      const detail =
        'its prev_hash does not match the hash of the event before it: an event was deleted, inserted or replaced';
      return { seq, id, problem: 'prev_hash_mismatch', detail };
    }
    const detail = row.exactTime
      ? 'its stored fields do not produce its hash: the row was edited or forged'
      : 'its created_at is not a value the application writes: the row was edited';
    return { seq, id, problem: 'hash_mismatch', detail };
  }

  private async findOriginalSeq(row: StoredEvent): Promise<number | undefined> {
    if (!row.exactTime) return undefined;
    const top = Math.min(await maxSeq(this.database, this.organizationId), MAX_SWAP_SEARCH);
    for (let s = 1; s <= top; s++) {
      if (s !== row.event.seq && authentic(this.auditKey, row, s)) return s;
    }
    return undefined;
  }
}

/** Whether the row's own fields, placed at `seq`, produce its stored hash. */
export function authentic(auditKey: Buffer, row: StoredEvent, seq: number): boolean {
  if (!row.exactTime) return false;
  const event = seq === row.event.seq ? row.event : { ...row.event, seq };
  return chainHash(auditKey, row.prevHash, event) === row.hash;
}

function checkpointBroken(seq: number, id: string | null): BrokenLink {
  return {
    seq,
    id,
    problem: 'checkpoint_mismatch',
    detail: `the hash at seq ${seq} differs from the checkpoint recorded outside the database: the chain was rewritten`,
  };
}
