// `npm run bench:audit`: audit appends per second with 32 concurrent writers (each append its own
// transaction), next to plain single-row INSERTs of a comparable row measured in the same run (the
// ratio is the figure), on the embedded database and, when DATABASE_URL is set, on that server;
// then the time to verify 1,000,000 events on the embedded database.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { ensureDefaultOrganization } from '../server/src/modules/organizations/organization.service.ts';
import { appendAudit } from '../server/src/platform/audit/audit.ts';
import {
  chainHash,
  genesisHash,
  type ChainedEvent,
} from '../server/src/platform/audit/audit-chain.ts';
import { verifyAuditChain } from '../server/src/platform/audit/verify.ts';
import { openDatabase, type Database } from '../server/src/platform/db/database.ts';
import { runMigrations } from '../server/src/platform/db/migrate.ts';

const WRITERS = 32;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const EVENTS = Number(process.env.BENCH_AUDIT_EVENTS ?? 1_000_000);
const auditKey = randomBytes(32);
const round = (x: number, digits = 0) => Number(x.toFixed(digits));
const progress = (line: string) => process.stderr.write(`${line}\n`);

/** Operations per second of `op` run back to back by each of 32 writers for SECONDS. */
async function rate(op: (n: number) => Promise<unknown>): Promise<number> {
  const deadline = performance.now() + SECONDS * 1000;
  let done = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      while (performance.now() < deadline) await op(done++);
    }),
  );
  return done / ((performance.now() - t0) / 1000);
}

/**
 * The baseline row: the audit table's columns and indexes, written without the chain (no head
 * lock, no HMAC, no head update), one INSERT per transaction through the same driver.
 */
async function plainInsertRate(database: Database, organizationId: string): Promise<number> {
  await database.query(
    'CREATE TABLE bench_plain_events (LIKE audit_events INCLUDING DEFAULTS INCLUDING INDEXES)',
  );
  let seq = 0;
  return rate((n) =>
    database.db.transaction((tx) =>
      tx.execute(sql`INSERT INTO bench_plain_events
        (organization_id, seq, created_at, actor_role, action, entity_type, entity_id, request_id,
         ip, changes, prev_hash, hash)
        VALUES (${organizationId}, ${++seq}, ${new Date().toISOString()}, 'counselor', 'record.read',
         'record', ${`r-${n}`}, ${`req-${n}`}, '192.0.2.1', ${null}, ${'0'.repeat(64)},
         ${'1'.repeat(64)})`),
    ),
  );
}

async function appendRate(database: Database, organizationId: string): Promise<number> {
  return rate((n) =>
    database.db.transaction((tx) =>
      appendAudit(tx, auditKey, {
        organizationId,
        actorRole: 'counselor',
        action: 'record.read',
        entityType: 'record',
        entityId: `r-${n}`,
        requestId: `req-${n}`,
        ip: '192.0.2.1',
      }),
    ),
  );
}

async function benchAppends(database: Database) {
  await runMigrations(database);
  const org = await ensureDefaultOrganization(database.db, { name: 'Bench', timeZone: 'UTC' });
  const audit = await appendRate(database, org.id);
  const plain = await plainInsertRate(database, org.id);
  const check = await verifyAuditChain(database, auditKey);
  if (!check.ok) throw new Error('the chain written by concurrent appends does not verify');
  return {
    writers: WRITERS,
    seconds: SECONDS,
    auditAppendsPerSecond: round(audit),
    plainInsertsPerSecond: round(plain),
    ratio: round(audit / plain, 2),
    eventsVerified: check.organizations.reduce((sum, o) => sum + o.events, 0),
  };
}

async function onEmbedded<T>(fn: (database: Database) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'anxin-bench-audit-'));
  const database = await openDatabase({ kind: 'pglite', dataDir: join(dir, 'pg') });
  try {
    return await fn(database);
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A scratch database on the server, dropped afterwards whatever happens. */
async function onServer<T>(adminUrl: string, fn: (database: Database) => Promise<T>): Promise<T> {
  const name = `anxin_bench_${randomBytes(4).toString('hex')}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(statement).finally(() => client.end());
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'postgres', url: url.href, poolSize: WRITERS });
  try {
    return await fn(database);
  } finally {
    await database.close();
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

/**
 * Writes `count` events of one organisation fast: the chain computed here, 10,000 rows per
 * INSERT from one JSON parameter, foreign-key triggers skipped (a scratch database). Row-by-row
 * appends would take the embedded database most of an hour.
 */
async function loadChain(database: Database, organizationId: string, count: number) {
  await database.query('SET session_replication_role = replica');
  let prevHash = genesisHash(auditKey, organizationId);
  const start = Date.now() - count;
  const CHUNK = 10_000;
  for (let from = 1; from <= count; from += CHUNK) {
    const rows: Record<string, unknown>[] = [];
    for (let seq = from; seq < Math.min(from + CHUNK, count + 1); seq++) {
      const event: ChainedEvent = {
        id: randomUUID(),
        organizationId,
        seq,
        createdAt: new Date(start + seq),
        actorId: randomUUID(),
        actorRole: 'counselor',
        action: seq % 5 ? 'record.read' : 'record.update',
        entityType: 'record',
        entityId: randomUUID(),
        subjectId: randomUUID(),
        requestId: `req-${seq}`,
        ip: '192.0.2.1',
        reason: null,
        changes:
          seq % 5
            ? null
            : { status: { old: 'draft', new: 'signed' }, note: { old: null, new: '[sensitive]' } },
      };
      const hash = chainHash(auditKey, prevHash, event);
      rows.push({
        id: event.id,
        created_at: event.createdAt.toISOString(),
        organization_id: organizationId,
        seq,
        actor_id: event.actorId,
        actor_role: event.actorRole,
        action: event.action,
        entity_type: event.entityType,
        entity_id: event.entityId,
        subject_id: event.subjectId,
        request_id: event.requestId,
        ip: event.ip,
        reason: null,
        changes: event.changes,
        prev_hash: prevHash,
        hash,
      });
      prevHash = hash;
    }
    await database.query(
      'INSERT INTO audit_events SELECT * FROM json_populate_recordset(null::audit_events, $1::json)',
      [JSON.stringify(rows)],
    );
  }
  await database.query(`INSERT INTO audit_heads (organization_id, seq, hash) VALUES ($1, $2, $3)`, [
    organizationId,
    count,
    prevHash,
  ]);
  await database.query('SET session_replication_role = DEFAULT');
  await database.query('ANALYZE audit_events');
}

async function benchVerify(database: Database) {
  await runMigrations(database);
  const org = await ensureDefaultOrganization(database.db, { name: 'Bench', timeZone: 'UTC' });
  const t0 = performance.now();
  await loadChain(database, org.id, EVENTS);
  const loadSeconds = (performance.now() - t0) / 1000;
  progress(`  loaded ${EVENTS} events in ${round(loadSeconds)} s; verifying`);
  const t1 = performance.now();
  const report = await verifyAuditChain(database, auditKey);
  const seconds = (performance.now() - t1) / 1000;
  const events = report.organizations.reduce((sum, o) => sum + o.events, 0);
  if (!report.ok || events !== EVENTS) throw new Error('the generated chain did not verify');
  return {
    events,
    seconds: round(seconds, 1),
    eventsPerSecond: round(events / seconds),
    loadSeconds: round(loadSeconds, 1),
  };
}

const t0 = performance.now();
progress(`appends on the embedded database (${WRITERS} writers, ${SECONDS} s each)…`);
const pglite = await onEmbedded(benchAppends);
const adminUrl = process.env.DATABASE_URL;
if (adminUrl) progress('appends on DATABASE_URL…');
const postgres = adminUrl ? await onServer(adminUrl, benchAppends) : undefined;
progress(`verifying ${EVENTS} events on the embedded database…`);
const verify = await onEmbedded(benchVerify);

process.stdout.write(
  `${JSON.stringify(
    {
      machine: { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version },
      appends: { pglite, ...(postgres ? { postgres } : {}) },
      verify: { backend: 'pglite', ...verify },
      totalSeconds: round((performance.now() - t0) / 1000),
    },
    null,
    2,
  )}\n`,
);
