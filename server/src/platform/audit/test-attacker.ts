import { randomUUID } from 'node:crypto';
import type { Database } from '../db/database.ts';
import { organizations } from '../db/schema/index.ts';
import { appendAudit } from './audit.ts';

/*
 * Test support for the audit integration tests: a small chain to work on, and tampering done
 * the way someone with superuser rights would do it (the append-only triggers switched off
 * around the change, then on again, leaving no trace in the schema).
 */

export interface SeededEvent {
  id: string;
  seq: number;
  hash: string;
  prevHash: string;
}

export async function createOrganization(database: Database, name = 'Audit test'): Promise<string> {
  const [row] = await database.db
    .insert(organizations)
    .values({ slug: `org-${randomUUID()}`, name, timeZone: 'UTC' })
    .returning({ id: organizations.id });
  if (!row) throw new Error('organisation not created');
  return row.id;
}

/** Appends `count` events, each in its own transaction, like `count` requests would. */
export async function seedChain(
  database: Database,
  auditKey: Buffer,
  organizationId: string,
  count: number,
): Promise<void> {
  for (let i = 0; i < count; i++) {
    await database.db.transaction((tx) =>
      appendAudit(tx, auditKey, {
        organizationId,
        actorId: randomUUID(),
        actorRole: 'counselor',
        action: 'record.read',
        entityType: 'record',
        entityId: `record-${i}`,
        subjectId: randomUUID(),
        requestId: `req-${i}`,
        ip: '192.0.2.10',
        changes: i % 2 ? { status: { old: 'draft', new: 'signed' } } : null,
      }),
    );
  }
}

export async function readChain(database: Database, organizationId: string) {
  const rows = await database.query<{ id: string; seq: string; hash: string; prev_hash: string }>(
    `SELECT id::text AS id, seq::text AS seq, hash, prev_hash FROM audit_events
      WHERE organization_id = $1 ORDER BY audit_events.seq, audit_events.id`,
    [organizationId],
  );
  return rows.map((r): SeededEvent => ({
    id: r.id,
    seq: Number(r.seq),
    hash: r.hash,
    prevHash: r.prev_hash,
  }));
}

export async function eventAt(database: Database, organizationId: string, seq: number) {
  const event = (await readChain(database, organizationId)).find((e) => e.seq === seq);
  if (!event) throw new Error(`no event at seq ${seq}`);
  return event;
}

/** Runs statements with the append-only triggers disabled, as a superuser can. */
export async function tamper(
  database: Database,
  statements: readonly (string | [string, unknown[]])[],
): Promise<void> {
  await database.query('ALTER TABLE audit_events DISABLE TRIGGER USER');
  try {
    for (const s of statements) {
      if (typeof s === 'string') await database.query(s);
      else await database.query(s[0], s[1]);
    }
  } finally {
    await database.query('ALTER TABLE audit_events ENABLE TRIGGER USER');
  }
}
