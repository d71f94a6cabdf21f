import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ephemeralKeyring } from '../crypto/keyring.ts';
import type { Database, Db } from '../db/database.ts';
import { openTestDatabase } from '../../test/test-database.ts';
import { readHead } from './audit.ts';
import { ReadAuditor } from './read-audit.ts';
import { createOrganization, readChain } from './test-attacker.ts';
import { verifyAuditChain } from './verify.ts';

const auditKey = ephemeralKeyring().auditKey;

/** The database handle, counting the transactions opened through it. */
function countingDb(database: Database) {
  const counter = { transactions: 0 };
  const db = new Proxy(database.db, {
    get(target, prop, receiver) {
      if (prop === 'transaction') {
        return (...args: Parameters<Db['transaction']>) => {
          counter.transactions++;
          return target.transaction(...args);
        };
      }
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
  return { db, counter };
}

describe('read audits with group commit', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(() => database.close());

  it('commits every concurrent read event, in fewer transactions, on an intact chain', async () => {
    const org = await createOrganization(database, 'Reads');
    const { db, counter } = countingDb(database);
    const auditor = new ReadAuditor(() => db, auditKey);
    const reads = Array.from({ length: 60 }, (_, n) =>
      auditor.record({
        organizationId: org,
        action: 'user.read',
        entityType: 'user',
        entityId: `u-${n}`,
      }),
    );
    await Promise.all(reads);
    const chain = await readChain(database, org);
    expect(chain.map((e) => e.seq)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    const entities = await database.query<{ entity_id: string }>(
      'SELECT DISTINCT entity_id FROM audit_events WHERE organization_id = $1',
      [org],
    );
    expect(entities.length).toBe(60);
    expect(counter.transactions).toBeGreaterThan(0);
    expect(counter.transactions).toBeLessThan(60);
    expect((await readHead(database.db, org)).seq).toBe(60);
    const report = await verifyAuditChain(database, auditKey);
    expect(report.ok).toBe(true);
  });

  it('keeps several organisations apart within one batch', async () => {
    const a = await createOrganization(database, 'A');
    const b = await createOrganization(database, 'B');
    const auditor = new ReadAuditor(() => database.db, auditKey);
    await Promise.all(
      Array.from({ length: 20 }, (_, n) =>
        auditor.record({ organizationId: n % 2 ? a : b, action: 'user.read', entityType: 'user' }),
      ),
    );
    expect((await readChain(database, a)).length).toBe(10);
    expect((await readChain(database, b)).length).toBe(10);
    expect((await verifyAuditChain(database, auditKey)).ok).toBe(true);
  });

  it('rejects every read of a batch that could not be committed, and commits none of it', async () => {
    const org = await createOrganization(database, 'Failing');
    const auditor = new ReadAuditor(() => database.db, auditKey);
    await auditor.record({ organizationId: org, action: 'user.read', entityType: 'user' });
    await database.query(`CREATE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit storage unavailable'; END; $$`);
    await database.query(`CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_events
      FOR EACH ROW EXECUTE FUNCTION refuse_audit()`);
    try {
      const results = await Promise.allSettled(
        Array.from({ length: 10 }, () =>
          auditor.record({ organizationId: org, action: 'user.read', entityType: 'user' }),
        ),
      );
      expect(results.every((r) => r.status === 'rejected')).toBe(true);
    } finally {
      await database.query('DROP TRIGGER refuse_audit ON audit_events');
      await database.query('DROP FUNCTION refuse_audit()');
    }
    expect((await readHead(database.db, org)).seq).toBe(1);
    // The queue recovers: the next read is committed.
    await auditor.record({ organizationId: org, action: 'user.read', entityType: 'user' });
    expect((await readHead(database.db, org)).seq).toBe(2);
  });
});
