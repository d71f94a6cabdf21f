import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ephemeralKeyring } from '../crypto/keyring.ts';
import type { Database } from '../db/database.ts';
import { openTestDatabase } from '../../test/test-database.ts';
import { chainHash } from './audit-chain.ts';
import { readBatch, CURSOR_START } from './chain-store.ts';
import {
  AUDIT_CHECKPOINT_JOB,
  createAuditCheckpointJob,
  writeAuditCheckpoints,
} from './checkpoint.job.ts';
import type { Checkpoint } from './checkpoints.ts';
import { createOrganization, seedChain, tamper } from './test-attacker.ts';
import { verifyAuditChain } from './verify.ts';

const auditKey = ephemeralKeyring().auditKey;
const log = pino({ level: 'silent' });

describe('audit.checkpoint job', () => {
  let database: Database;
  let dir: string;
  let file: string;
  beforeAll(async () => {
    database = await openTestDatabase();
    dir = mkdtempSync(join(tmpdir(), 'anxin-audit-checkpoint-'));
  });
  afterAll(async () => {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  });
  let n = 0;
  beforeEach(() => {
    file = join(dir, `run-${++n}`, 'audit-checkpoints.jsonl');
  });

  const lines = () =>
    readFileSync(file, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Checkpoint);
  const head = async (org: string) =>
    (await verifyAuditChain(database, auditKey)).organizations.find(
      (o) => o.organizationId === org,
    );

  it('runs every 15 minutes under its own name', () => {
    const job = createAuditCheckpointJob(file, auditKey);
    expect(job).toMatchObject({ name: AUDIT_CHECKPOINT_JOB, cron: '*/15 * * * *' });
    expect(AUDIT_CHECKPOINT_JOB).toBe('audit.checkpoint');
  });

  it("appends one line per organisation with its head's seq and hash on every run", async () => {
    const a = await createOrganization(database, 'A');
    const b = await createOrganization(database, 'B');
    await seedChain(database, auditKey, a, 3);
    await seedChain(database, auditKey, b, 2);
    const job = createAuditCheckpointJob(file, auditKey);
    await job.run({ database, log, instanceId: 'test' }, {}, 'job-1');
    await seedChain(database, auditKey, a, 2);
    await job.run({ database, log, instanceId: 'test' }, {}, 'job-2');

    const mine = lines().filter((l) => l.organizationId === a || l.organizationId === b);
    const [first, second] = [a, b].sort();
    const seqAt = (org: string | undefined, run: number) => (org === a ? [3, 5][run] : 2);
    expect(mine.map((l) => [l.organizationId, l.seq])).toEqual([
      [first, seqAt(first, 0)],
      [second, seqAt(second, 0)],
      [first, seqAt(first, 1)],
      [second, seqAt(second, 1)],
    ]);
    const lastA = mine.filter((l) => l.organizationId === a).at(-1);
    expect(lastA?.hash).toBe((await head(a))?.headHash);
    expect(Date.parse(lastA?.at ?? '')).not.toBeNaN();
  });

  it('refuses to checkpoint a chain tampered with since its last checkpoint, and fails', async () => {
    const org = await createOrganization(database);
    await seedChain(database, auditKey, org, 4);
    await writeAuditCheckpoints(database, auditKey, file);
    await seedChain(database, auditKey, org, 2);
    await tamper(database, [
      [`UPDATE audit_events SET action = 'x.y' WHERE organization_id = $1 AND seq = 5`, [org]],
    ]);
    const job = createAuditCheckpointJob(file, auditKey);
    await expect(job.run({ database, log, instanceId: 'test' }, {}, 'job')).rejects.toThrow(
      /audit chain broken/,
    );
    expect(
      lines()
        .filter((l) => l.organizationId === org)
        .map((l) => l.seq),
    ).toEqual([4]);
    const run = await writeAuditCheckpoints(database, auditKey, file);
    expect(run.refused).toEqual([
      {
        organizationId: org,
        broken: expect.objectContaining({ seq: 5, problem: 'hash_mismatch' }) as unknown,
      },
    ]);
  });

  it('lets verification catch a chain rewritten by someone holding the audit key', async () => {
    const org = await createOrganization(database);
    await seedChain(database, auditKey, org, 6);
    await writeAuditCheckpoints(database, auditKey, file);
    await seedChain(database, auditKey, org, 2);
    await writeAuditCheckpoints(database, auditKey, file);

    // The insider edits event 3 and recomputes every later hash and the head with the key.
    const rows = await readBatch(database, org, CURSOR_START, 100);
    const statements: [string, unknown[]][] = [];
    let prev = rows[1]?.hash ?? '';
    for (const row of rows.slice(2)) {
      const event = row.event.seq === 3 ? { ...row.event, reason: 'nothing happened' } : row.event;
      const hash = chainHash(auditKey, prev, event);
      statements.push([
        'UPDATE audit_events SET reason = $2, prev_hash = $3, hash = $4 WHERE id = $1',
        [event.id, event.reason, prev, hash],
      ]);
      prev = hash;
    }
    statements.push(['UPDATE audit_heads SET hash = $2 WHERE organization_id = $1', [org, prev]]);
    await tamper(database, statements);

    const inDatabase = await verifyAuditChain(database, auditKey);
    expect(inDatabase.organizations.find((o) => o.organizationId === org)?.firstBroken).toBe(
      undefined,
    );
    const withFile = await verifyAuditChain(database, auditKey, { checkpointFile: file });
    expect(withFile.ok).toBe(false);
    expect(withFile.organizations.find((o) => o.organizationId === org)).toMatchObject({
      events: 5,
      firstBroken: { seq: 6, id: rows[5]?.event.id, problem: 'checkpoint_mismatch' },
    });
  });
});
