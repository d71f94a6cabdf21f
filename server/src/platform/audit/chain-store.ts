import type { Database } from '../db/database.ts';
import type { ChainedEvent } from './audit-chain.ts';

/** An audit row as stored, with the chained fields decoded the way `appendAudit` hashed them. */
export interface StoredEvent {
  event: ChainedEvent;
  /** The seq exactly as stored (bigint): the pagination cursor, safe beyond 2^53. */
  seqText: string;
  prevHash: string;
  hash: string;
  /**
   * False when created_at holds a value `appendAudit` cannot have written (sub-millisecond digits,
   * ±infinity): the row was edited even if truncating the time would reproduce the hash.
   */
  exactTime: boolean;
}

/** Keyset position: the last (seq, id) read; rows are read in (seq, id) order. */
export interface Cursor {
  seqText: string;
  id: string;
}

export const CURSOR_START: Cursor = {
  seqText: '-9223372036854775808',
  id: '00000000-0000-0000-0000-000000000000',
};

/** After every row with this seq: the walk from a checkpoint starts behind it. */
export const cursorAfterSeq = (seq: number): Cursor => ({
  seqText: String(seq),
  id: 'ffffffff-ffff-ffff-ffff-ffffffffffff',
});

/*
 * One batch is one JSON text value: PGlite decodes every field of every row in JavaScript, which
 * costs ~2 µs a field; a single json_agg string is parsed natively and reads 1,000,000 events in
 * seconds rather than tens of seconds. Ordering by (seq, id), not seq alone, means a duplicated seq
 * (someone dropped the unique constraint) is still read, never skipped at a batch boundary.
 */
const BATCH_SQL = (bounded: boolean) => `
  SELECT json_agg(json_build_array(
           e.id, e.seq::text, (extract(epoch FROM e.created_at) * 1000)::text, e.actor_id,
           e.actor_role, e.action, e.entity_type, e.entity_id, e.subject_id, e.request_id, e.ip,
           e.reason, e.changes, e.prev_hash, e.hash) ORDER BY e.seq, e.id)::text AS batch
    FROM (SELECT * FROM audit_events
           WHERE organization_id = $1 AND (seq, id) > ($2::bigint, $3::uuid)
                 ${bounded ? 'AND seq <= $5::bigint' : ''}
           ORDER BY seq, id LIMIT $4) e`;

export async function readBatch(
  database: Database,
  organizationId: string,
  after: Cursor,
  limit: number,
  untilSeq?: number,
): Promise<StoredEvent[]> {
  const params: unknown[] = [organizationId, after.seqText, after.id, limit];
  if (untilSeq !== undefined) params.push(String(untilSeq));
  const rows = await database.query<{ batch: string | null }>(
    BATCH_SQL(untilSeq !== undefined),
    params,
  );
  const text = rows[0]?.batch;
  if (!text) return [];
  return (JSON.parse(text) as unknown[][]).map((row) => decodeRow(organizationId, row));
}

/** The row(s) stored at one seq; more than one only if the unique constraint was removed. */
export async function readEventsAt(
  database: Database,
  organizationId: string,
  seq: number,
): Promise<StoredEvent[]> {
  return readBatch(database, organizationId, cursorAfterSeq(seq - 1), 10, seq);
}

export async function maxSeq(database: Database, organizationId: string): Promise<number> {
  const rows = await database.query<{ max: string | null }>(
    'SELECT max(seq)::text AS max FROM audit_events WHERE organization_id = $1',
    [organizationId],
  );
  return Number(rows[0]?.max ?? 0);
}

export interface HeadSnapshot {
  head: { seq: number; hash: string } | undefined;
  /** Whether events exist after the cursor, seen in the same statement (same snapshot). */
  more: boolean;
}

/**
 * The head and "is there anything after what I read?" in one statement, so an event committed
 * between the two reads cannot look like a truncated chain to a verifier running beside the app.
 */
export async function readHeadSnapshot(
  database: Database,
  organizationId: string,
  after: Cursor,
): Promise<HeadSnapshot> {
  const rows = await database.query<{ seq: string | null; hash: string | null; more: boolean }>(
    `SELECT h.seq::text AS seq, h.hash,
            EXISTS (SELECT 1 FROM audit_events
                     WHERE organization_id = $1 AND (seq, id) > ($2::bigint, $3::uuid)) AS more
       FROM (SELECT 1) one
       LEFT JOIN LATERAL (SELECT seq, hash FROM audit_heads
                           WHERE organization_id = $1 ORDER BY seq DESC LIMIT 1) h ON true`,
    [organizationId, after.seqText, after.id],
  );
  const row = rows[0];
  return {
    head:
      row?.seq != null && row.hash != null ? { seq: Number(row.seq), hash: row.hash } : undefined,
    more: row?.more === true,
  };
}

/** Every organisation that has, or should have, a chain: listed, with a head, or with events. */
export async function listChainOrganizations(database: Database): Promise<string[]> {
  // A skip scan over the (organization_id, seq) index: one probe per organisation, not per event.
  const rows = await database.query<{ id: string }>(
    `WITH RECURSIVE o(id) AS (
       (SELECT organization_id FROM audit_events ORDER BY organization_id LIMIT 1)
       UNION ALL
       SELECT (SELECT organization_id FROM audit_events WHERE organization_id > o.id
                ORDER BY organization_id LIMIT 1)
         FROM o WHERE o.id IS NOT NULL)
     SELECT id::text AS id FROM o WHERE id IS NOT NULL
     UNION SELECT organization_id::text FROM audit_heads
     UNION SELECT id::text FROM organizations`,
  );
  return rows.map((r) => r.id).sort();
}

export async function readHeads(database: Database): Promise<Map<string, HeadSnapshot['head']>> {
  const rows = await database.query<{ organization_id: string; seq: string; hash: string }>(
    'SELECT organization_id::text AS organization_id, seq::text AS seq, hash FROM audit_heads',
  );
  return new Map(rows.map((r) => [r.organization_id, { seq: Number(r.seq), hash: r.hash }]));
}

const str = (v: unknown): string => (typeof v === 'string' ? v : String(v));
const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : str(v));

function decodeRow(organizationId: string, row: unknown[]): StoredEvent {
  const seqText = str(row[1]);
  const { createdAt, exact } = decodeTime(str(row[2]));
  return {
    seqText,
    exactTime: exact,
    prevHash: str(row[13]),
    hash: str(row[14]),
    event: {
      id: str(row[0]),
      organizationId,
      seq: Number(seqText),
      createdAt,
      actorId: strOrNull(row[3]),
      actorRole: strOrNull(row[4]),
      action: str(row[5]),
      entityType: str(row[6]),
      entityId: strOrNull(row[7]),
      subjectId: strOrNull(row[8]),
      requestId: strOrNull(row[9]),
      ip: strOrNull(row[10]),
      reason: strOrNull(row[11]),
      // jsonb came back parsed inside the batch: the same value `JSON.parse(changes::text)` gives.
      changes: row[12] ?? null,
    },
  };
}

/** Epoch milliseconds as PostgreSQL's numeric text, e.g. `1767268800123.000000`. */
function decodeTime(text: string): { createdAt: Date; exact: boolean } {
  const m = /^(-?\d+)(?:\.(\d+))?$/.exec(text);
  const ms = m ? Number(m[1]) : NaN;
  if (!m || !Number.isSafeInteger(ms) || Math.abs(ms) > 8.64e15) {
    return { createdAt: new Date(0), exact: false };
  }
  return { createdAt: new Date(ms), exact: /^0*$/.test(m[2] ?? '') };
}
