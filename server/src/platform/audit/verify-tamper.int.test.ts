import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ephemeralKeyring } from '../crypto/keyring.ts';
import type { Database } from '../db/database.ts';
import { openTestDatabase } from '../../test/test-database.ts';
import { writeAuditCheckpoints } from './checkpoint.job.ts';
import {
  createOrganization,
  eventAt,
  seedChain,
  tamper,
  type SeededEvent,
} from './test-attacker.ts';
import { verifyAuditChain, type OrganizationChainReport } from './verify.ts';

const auditKey = ephemeralKeyring().auditKey;
const dir = mkdtempSync(join(tmpdir(), 'anxin-audit-tamper-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Scene {
  database: Database;
  org: string;
  /** The events as written, by seq (1..10). */
  e: (seq: number) => SeededEvent;
  checkpointFile: string;
  verify: (withCheckpoints?: boolean) => Promise<OrganizationChainReport>;
}

/** A fresh database with one organisation's ten-event chain, for one kind of tampering. */
async function withChain(run: (scene: Scene) => Promise<void>): Promise<void> {
  const database = await openTestDatabase();
  try {
    const org = await createOrganization(database);
    await seedChain(database, auditKey, org, 10);
    const events = new Map<number, SeededEvent>();
    for (let seq = 1; seq <= 10; seq++) events.set(seq, await eventAt(database, org, seq));
    const checkpointFile = join(dir, `${org}.jsonl`);
    await run({
      database,
      org,
      checkpointFile,
      e: (seq) => events.get(seq) ?? expect.unreachable(`no event ${seq}`),
      async verify(withCheckpoints = true) {
        const report = await verifyAuditChain(database, auditKey, {
          ...(withCheckpoints ? { checkpointFile } : {}),
          batchSize: 4, // several batches even for ten events: the walk crosses boundaries
        });
        const mine = report.organizations.find((o) => o.organizationId === org);
        expect(report.ok).toBe(!mine?.firstBroken);
        return mine ?? expect.unreachable('organisation missing from the report');
      },
    });
  } finally {
    await database.close();
  }
}

const broken = (seq: number, id: string | null, problem: string) => ({
  firstBroken: expect.objectContaining({ seq, id, problem }) as unknown,
});

describe('verifyAuditChain names the first broken link after tampering', () => {
  it('reports an untouched chain as intact, with its head', async () => {
    await withChain(async ({ verify, e }) => {
      expect(await verify()).toEqual(
        expect.objectContaining({ events: 10, headSeq: 10, headHash: e(10).hash }),
      );
      expect((await verify()).firstBroken).toBeUndefined();
    });
  });

  it('finds an edited field as a hash mismatch at that event', async () => {
    await withChain(async ({ database, org, verify, e }) => {
      await tamper(database, [
        [
          `UPDATE audit_events SET reason = 'routine' WHERE organization_id = $1 AND seq = 4`,
          [org],
        ],
      ]);
      expect(await verify()).toMatchObject({ events: 3, ...broken(4, e(4).id, 'hash_mismatch') });
    });
  });

  it('finds created_at moved by less than a millisecond', async () => {
    await withChain(async ({ database, org, verify, e }) => {
      await tamper(database, [
        [
          `UPDATE audit_events SET created_at = created_at + interval '400 microseconds'
            WHERE organization_id = $1 AND seq = 6`,
          [org],
        ],
      ]);
      expect(await verify()).toMatchObject(broken(6, e(6).id, 'hash_mismatch'));
    });
  });

  it('finds a deleted middle event as a seq gap at the event after it', async () => {
    await withChain(async ({ database, org, verify, e }) => {
      await tamper(database, [
        [`DELETE FROM audit_events WHERE organization_id = $1 AND seq = 5`, [org]],
      ]);
      expect(await verify()).toMatchObject({ events: 4, ...broken(6, e(6).id, 'seq_gap') });
    });
  });

  it('finds a deletion hidden by renumbering the later events', async () => {
    await withChain(async ({ database, org, verify, e }) => {
      await tamper(database, [
        [`DELETE FROM audit_events WHERE organization_id = $1 AND seq = 5`, [org]],
        [`UPDATE audit_events SET seq = -seq WHERE organization_id = $1 AND seq > 5`, [org]],
        [`UPDATE audit_events SET seq = -seq - 1 WHERE organization_id = $1 AND seq < 0`, [org]],
        [`UPDATE audit_heads SET seq = 9 WHERE organization_id = $1`, [org]],
      ]);
      const report = await verify();
      expect(report).toMatchObject(broken(5, e(6).id, 'seq_gap'));
      expect(report.firstBroken?.detail).toContain('written as seq 6');
    });
  });

  it('finds a forged event inserted in the middle as a hash mismatch at the forgery', async () => {
    await withChain(async ({ database, org, verify, e }) => {
      const forged = '00000000-0000-4000-8000-00000000f0f0';
      await tamper(database, [
        [`UPDATE audit_events SET seq = -seq WHERE organization_id = $1 AND seq >= 5`, [org]],
        [`UPDATE audit_events SET seq = -seq + 1 WHERE organization_id = $1 AND seq < 0`, [org]],
        [
          // It copies its predecessor's hash as prev_hash and steals a real hash: no key, no HMAC.
          `INSERT INTO audit_events (id, organization_id, seq, action, entity_type, prev_hash, hash)
           VALUES ($1, $2, 5, 'consent.grant', 'consent', $3, $4)`,
          [forged, org, e(4).hash, e(5).hash],
        ],
        [`UPDATE audit_heads SET seq = 11 WHERE organization_id = $1`, [org]],
      ]);
      expect(await verify()).toMatchObject({ events: 4, ...broken(5, forged, 'hash_mismatch') });
    });
  });

  it('finds a duplicated seq even across a batch boundary once the unique constraint is gone', async () => {
    await withChain(async ({ database, org, e }) => {
      const copy = 'ffffffff-0000-4000-8000-000000000005'; // sorts after the real event 5
      await tamper(database, [
        'ALTER TABLE audit_events DROP CONSTRAINT audit_events_org_seq_unique',
        [
          `INSERT INTO audit_events (id, organization_id, seq, action, entity_type, prev_hash, hash)
           VALUES ($1, $2, 5, 'record.read', 'record', $3, $4)`,
          [copy, org, e(4).hash, e(5).hash],
        ],
      ]);
      // Batches of five end exactly at the real event 5: the copy must open the next batch.
      const report = await verifyAuditChain(database, auditKey, { batchSize: 5 });
      expect(report.organizations.find((o) => o.organizationId === org)).toMatchObject({
        events: 5,
        ...broken(5, copy, 'seq_gap'),
      });
    });
  });

  it('finds two events whose places were swapped as an order swap', async () => {
    await withChain(async ({ database, org, verify, e }) => {
      await tamper(database, [
        [`UPDATE audit_events SET seq = -3 WHERE organization_id = $1 AND seq = 3`, [org]],
        [`UPDATE audit_events SET seq = 3 WHERE organization_id = $1 AND seq = 7`, [org]],
        [`UPDATE audit_events SET seq = 7 WHERE organization_id = $1 AND seq = -3`, [org]],
      ]);
      const report = await verify();
      expect(report).toMatchObject({ events: 2, ...broken(3, e(7).id, 'order_swap') });
      expect(report.firstBroken?.detail).toContain('seq 7');
    });
  });

  it('finds the newest events deleted as a head mismatch', async () => {
    await withChain(async ({ database, org, verify, e }) => {
      await tamper(database, [
        [`DELETE FROM audit_events WHERE organization_id = $1 AND seq > 7`, [org]],
      ]);
      expect(await verify()).toMatchObject({ events: 7, ...broken(10, e(7).id, 'head_mismatch') });
    });
  });

  it('finds the newest events deleted and the head rewritten only through a checkpoint', async () => {
    await withChain(async ({ database, org, verify, e, checkpointFile }) => {
      await writeAuditCheckpoints(database, auditKey, checkpointFile);
      await tamper(database, [
        [`DELETE FROM audit_events WHERE organization_id = $1 AND seq > 7`, [org]],
        [`UPDATE audit_heads SET seq = 7, hash = $2 WHERE organization_id = $1`, [org, e(7).hash]],
      ]);
      // The database alone is consistent again: this is what the checkpoint file is for.
      expect((await verify(false)).firstBroken).toBeUndefined();
      expect(await verify()).toMatchObject({
        events: 7,
        ...broken(10, null, 'checkpoint_mismatch'),
      });
    });
  });

  it('finds a rewritten head hash as a head mismatch', async () => {
    await withChain(async ({ database, org, verify, e }) => {
      await database.query(`UPDATE audit_heads SET hash = $2 WHERE organization_id = $1`, [
        org,
        'f'.repeat(64),
      ]);
      expect(await verify()).toMatchObject({
        events: 10,
        ...broken(10, e(10).id, 'head_mismatch'),
      });
    });
  });
});
