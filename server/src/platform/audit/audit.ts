import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { auditEvents, auditHeads } from '../db/schema/index.ts';
import { chainHash, genesisHash, type ChainedEvent } from './audit-chain.ts';

/** What a value looks like in `changes` when it is sensitive: never the value itself. */
export const SENSITIVE = '[sensitive]';

export type Changes = Record<string, { old: unknown; new: unknown }>;

export interface AuditEntry {
  organizationId: string;
  actorId?: string | null;
  actorRole?: string | null;
  /** `resource.verb`, e.g. `user.read`, `session.create`, `break_glass.start`. */
  action: string;
  entityType: string;
  entityId?: string | null;
  /** The person the data is about. */
  subjectId?: string | null;
  requestId?: string | null;
  ip?: string | null;
  reason?: string | null;
  changes?: Changes | null;
}

/**
 * Appends one event to the organisation's chain, inside the caller's transaction (so it commits
 * or vanishes with the change it records). The head row is locked FOR UPDATE: concurrent appends
 * queue behind it, so every event links to exactly one predecessor and the chain never forks.
 */
export async function appendAudit(
  tx: Db,
  auditKey: Buffer,
  entry: AuditEntry,
): Promise<ChainedEvent> {
  const [event] = await appendAuditBatch(tx, auditKey, [entry]);
  if (!event) throw new Error('audit event not appended');
  return event;
}

/**
 * Appends several events in order, one head lock and one INSERT per organisation: the group
 * commit behind audited reads (read-audit.ts). Organisations are locked in a fixed order so two
 * batches can never wait on each other's heads.
 */
export async function appendAuditBatch(
  tx: Db,
  auditKey: Buffer,
  entries: readonly AuditEntry[],
): Promise<ChainedEvent[]> {
  const byOrg = new Map<string, AuditEntry[]>();
  for (const entry of entries) {
    const org = canonicalUuid(entry.organizationId);
    byOrg.set(org, [...(byOrg.get(org) ?? []), entry]);
  }
  const out: ChainedEvent[] = [];
  for (const organizationId of [...byOrg.keys()].sort()) {
    const head = await lockHead(tx, auditKey, organizationId);
    let { seq, hash: prevHash } = head;
    const rows = [];
    for (const entry of byOrg.get(organizationId) ?? []) {
      const event: ChainedEvent = {
        id: randomUUID(),
        organizationId,
        seq: ++seq,
        // Millisecond precision: what JavaScript and both databases round-trip exactly.
        createdAt: new Date(),
        actorId: canonicalUuid(entry.actorId ?? null),
        actorRole: entry.actorRole ?? null,
        action: entry.action,
        entityType: entry.entityType,
        entityId: entry.entityId ?? null,
        subjectId: canonicalUuid(entry.subjectId ?? null),
        requestId: entry.requestId ?? null,
        ip: entry.ip ?? null,
        reason: entry.reason ?? null,
        changes: asStored(entry.changes ?? null),
      };
      const hash = chainHash(auditKey, prevHash, event);
      rows.push({ ...event, prevHash, hash });
      prevHash = hash;
      out.push(event);
    }
    await tx.insert(auditEvents).values(rows);
    await tx
      .update(auditHeads)
      .set({ seq, hash: prevHash })
      .where(eq(auditHeads.organizationId, organizationId));
  }
  return out;
}

/*
 * The hash must cover what the database gives back, or verification fails on honest rows. A uuid
 * column hands back lower-case hyphenated text whatever spelling went in; jsonb keeps only what
 * JSON can say (a Date becomes its ISO string, undefined disappears).
 */
function canonicalUuid<T extends string | null>(value: T): T {
  if (value === null) return value;
  const hex = value.replace(/[{}-]/g, '').toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(hex)) return value; // not a uuid: the insert will refuse it
  const parts = [
    hex.slice(0, 8),
    hex.slice(8, 12),
    hex.slice(12, 16),
    hex.slice(16, 20),
    hex.slice(20),
  ];
  return parts.join('-') as T;
}

function asStored(changes: Changes | null): Changes | null {
  return changes === null ? null : (JSON.parse(JSON.stringify(changes)) as Changes);
}

async function lockHead(tx: Db, auditKey: Buffer, organizationId: string) {
  const select = () =>
    tx
      .select({ seq: auditHeads.seq, hash: auditHeads.hash })
      .from(auditHeads)
      .where(eq(auditHeads.organizationId, organizationId))
      .for('update');
  let head = (await select())[0];
  if (!head) {
    await tx
      .insert(auditHeads)
      .values({ organizationId, seq: 0, hash: genesisHash(auditKey, organizationId) })
      .onConflictDoNothing();
    head = (await select())[0];
  }
  if (!head) throw new Error('audit head could not be created');
  return head;
}

/** For tests and tooling: the head of an organisation's chain. */
export async function readHead(db: Db, organizationId: string) {
  const rows = await db
    .select({ seq: auditHeads.seq, hash: auditHeads.hash })
    .from(auditHeads)
    .where(eq(auditHeads.organizationId, organizationId));
  return rows[0] ?? { seq: 0, hash: null };
}
