import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ephemeralKeyring } from '../crypto/keyring.ts';
import { openDatabase, type Database } from '../db/database.ts';
import { openTestDatabase, testBackend } from '../../test/test-database.ts';
import { appendAudit, readHead } from './audit.ts';
import { genesisHash } from './audit-chain.ts';
import { createOrganization, readChain } from './test-attacker.ts';
import { verifyAuditChain } from './verify.ts';

const auditKey = ephemeralKeyring().auditKey;
const WRITERS = 32;

class Rollback extends Error {}

describe('appendAudit under concurrency', () => {
  let database: Database;
  /** A pool as wide as the writers on PostgreSQL, so the head lock is really contended. */
  let writers: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
    writers =
      testBackend() === 'postgres' && database.url
        ? await openDatabase({ kind: 'postgres', url: database.url, poolSize: WRITERS })
        : database;
  });
  afterAll(async () => {
    if (writers !== database) await writers.close();
    await database.close();
  });

  const append = (organizationId: string, n: number) =>
    writers.db.transaction((tx) =>
      appendAudit(tx, auditKey, {
        organizationId,
        action: 'session.read',
        entityType: 'session',
        entityId: `s-${n}`,
      }),
    );

  /** Seq 1..n in order, each prev_hash the hash before it, the first linked to the genesis. */
  async function expectGaplessChain(organizationId: string, n: number) {
    const chain = await readChain(database, organizationId);
    expect(chain.map((e) => e.seq)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    chain.forEach((e, i) => {
      const prev = i === 0 ? genesisHash(auditKey, organizationId) : chain[i - 1]?.hash;
      expect({ seq: e.seq, linked: e.prevHash === prev }).toEqual({ seq: e.seq, linked: true });
    });
    expect(await readHead(database.db, organizationId)).toEqual({
      seq: n,
      hash: chain.at(-1)?.hash,
    });
  }

  it('gives 32 concurrent writers seq 1..N with no gap and every prev_hash linked', async () => {
    const org = await createOrganization(database);
    const perWriter = 8;
    await Promise.all(
      Array.from({ length: WRITERS }, async (_, w) => {
        for (let i = 0; i < perWriter; i++) await append(org, w * perWriter + i);
      }),
    );
    await expectGaplessChain(org, WRITERS * perWriter);
    const report = await verifyAuditChain(database, auditKey);
    expect(report.organizations.find((o) => o.organizationId === org)).toMatchObject({
      events: WRITERS * perWriter,
      headSeq: WRITERS * perWriter,
    });
    expect(report.ok).toBe(true);
  });

  it('leaves no gap when a transaction that appended rolls back', async () => {
    const org = await createOrganization(database);
    await append(org, 1);
    await expect(
      writers.db.transaction(async (tx) => {
        await appendAudit(tx, auditKey, { organizationId: org, action: 'x.y', entityType: 'x' });
        throw new Rollback('the change it recorded failed');
      }),
    ).rejects.toThrow(Rollback);
    await append(org, 2);
    await expectGaplessChain(org, 2);
  });

  it('leaves no gap when concurrent writers roll back at random', async () => {
    const org = await createOrganization(database);
    const outcomes = await Promise.allSettled(
      Array.from({ length: WRITERS * 3 }, (_, n) =>
        writers.db.transaction(async (tx) => {
          await appendAudit(tx, auditKey, { organizationId: org, action: 'x.y', entityType: 'x' });
          if (n % 3 === 0) throw new Rollback(`writer ${n} failed after appending`);
        }),
      ),
    );
    const committed = outcomes.filter((o) => o.status === 'fulfilled').length;
    expect(committed).toBe(WRITERS * 2);
    await expectGaplessChain(org, committed);
    expect((await verifyAuditChain(database, auditKey)).ok).toBe(true);
  });

  it('verifies consistently while appends keep committing beside it', async () => {
    const org = await createOrganization(database);
    let writing = true;
    const load = Promise.all(
      Array.from({ length: 8 }, async (_, w) => {
        for (let i = 0; writing && i < 200; i++) await append(org, w * 1000 + i);
      }),
    );
    try {
      for (let round = 0; round < 3; round++) {
        const report = await verifyAuditChain(database, auditKey, { batchSize: 7 });
        expect(report.organizations.filter((o) => o.firstBroken)).toEqual([]);
      }
    } finally {
      writing = false;
      await load;
    }
  });

  it('verifies events given upper-case uuids and a Date in their changes', async () => {
    const org = await createOrganization(database);
    await database.db.transaction((tx) =>
      appendAudit(tx, auditKey, {
        organizationId: org.toUpperCase(),
        actorId: randomUUID().toUpperCase(),
        subjectId: `{${randomUUID()}}`,
        action: 'appointment.reschedule',
        entityType: 'appointment',
        changes: {
          startsAt: { old: new Date('2026-01-01T01:00:00.000Z'), new: new Date() },
          note: { old: undefined, new: '改期' },
        },
      }),
    );
    const report = await verifyAuditChain(database, auditKey);
    expect(report.organizations.find((o) => o.organizationId === org)).toMatchObject({ events: 1 });
    expect(report.ok).toBe(true);
  });

  it('gives the same verdict whatever the batch size', async () => {
    for (const batchSize of [1, 2, 3, 1000]) {
      const report = await verifyAuditChain(database, auditKey, { batchSize });
      expect({ batchSize, ok: report.ok }).toEqual({ batchSize, ok: true });
    }
  });
});
