import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDefaultOrganization } from '../../modules/organizations/organization.service.ts';
import { openTestDatabase, testBackend } from '../../test/test-database.ts';
import type { Database } from '../db/database.ts';
import { dataKeys } from '../db/schema/index.ts';
import { DecryptionError } from './aead.ts';
import { ephemeralKeyring } from './keyring.ts';
import { gate, waitForLockWait } from './testing.ts';
import { DataKeyDestroyedError, Vault, type FieldRef, type KeyOwner } from './vault.ts';
import { temporaryKeyShares } from './key-shares.ts';

/** One share store for every vault of this file: they read each other's data. */
const keyShares = temporaryKeyShares();

let database: Database;
let orgId: string;
const vault = new Vault(ephemeralKeyring(), keyShares);

beforeAll(async () => {
  database = await openTestDatabase();
  orgId = (
    await ensureDefaultOrganization(database.db, { name: '测试', timeZone: 'Asia/Shanghai' })
  ).id;
});
afterAll(() => database.close());

const person = (): KeyOwner => ({ type: 'person', id: randomUUID() });
const notes = (recordId: string = randomUUID()): FieldRef => ({
  table: 'session_notes',
  field: 'body',
  recordId,
});

/** One transaction with a fresh scope, as a request would have. */
function inTx<T>(fn: (scope: ReturnType<Vault['scope']>) => Promise<T>): Promise<T> {
  return database.db.transaction((tx) => fn(vault.scope(tx, orgId)));
}

const keyRows = (owner: KeyOwner) =>
  database.db.select().from(dataKeys).where(eq(dataKeys.ownerId, owner.id));

describe(`the vault on ${testBackend()}`, () => {
  it('encrypts and decrypts a field in a transaction, storing only ciphertext', async () => {
    const owner = person();
    const ref = notes();
    const envelope = await inTx((s) => s.encrypt(owner, ref, '我最近总是睡不着'));
    expect(envelope).toMatch(/^v1\./);
    expect(envelope).not.toContain('睡不着');
    expect(await inTx((s) => s.decrypt(owner, ref, envelope))).toBe('我最近总是睡不着');
    expect(await inTx((s) => s.encryptOrNull(owner, ref, null))).toBeNull();
    expect(await inTx((s) => s.decryptOrNull(owner, ref, null))).toBeNull();
    expect(await keyRows(owner)).toHaveLength(1);
  });

  it('refuses a ciphertext copied to another record id, field or table', async () => {
    const owner = person();
    const ref = notes();
    const envelope = await inTx((s) => s.encrypt(owner, ref, 'secret'));
    for (const moved of [
      { ...ref, recordId: randomUUID() },
      { ...ref, field: 'summary' },
      { ...ref, table: 'hotline_contacts' },
    ]) {
      await expect(inTx((s) => s.decrypt(owner, moved, envelope))).rejects.toThrow(DecryptionError);
      await expect(inTx((s) => s.decryptOrNull(owner, moved, envelope))).rejects.toThrow(
        DecryptionError,
      );
    }
  });

  it("keeps owners apart: A's key cannot open B's field, nor does A's wrapped key work as B's", async () => {
    const [a, b] = [person(), person()];
    const ref = notes();
    const forA = await inTx((s) => s.encrypt(a, ref, 'only for A'));
    const forB = await inTx((s) => s.encrypt(b, ref, 'only for B'));
    await expect(inTx((s) => s.decrypt(b, ref, forA))).rejects.toThrow(DecryptionError);
    await expect(inTx((s) => s.decrypt(a, ref, forB))).rejects.toThrow(DecryptionError);

    // Someone with database access copies A's wrapped key into B's row: the unwrap fails.
    const [rowA] = await keyRows(a);
    await database.db
      .update(dataKeys)
      .set({ wrappedKey: rowA?.wrappedKey })
      .where(eq(dataKeys.ownerId, b.id));
    await expect(inTx((s) => s.decrypt(b, ref, forA))).rejects.toThrow(DecryptionError);
  });

  it('creates exactly one data key when several transactions use a new owner at once', async () => {
    const owner = person();
    const n = 5;
    // On a server each transaction holds its own connection: make all of them start before any
    // creates the key. PGlite runs transactions one at a time, so there a barrier would hang.
    let arrived = 0;
    let release: () => void = () => undefined;
    const barrier = new Promise<void>((resolve) => (release = resolve));
    const wait = async () => {
      if (testBackend() !== 'postgres') return;
      if (++arrived === n) release();
      await barrier;
    };
    const refs = Array.from({ length: n }, () => notes());
    const envelopes = await Promise.all(
      refs.map((ref, i) =>
        database.db.transaction(async (tx) => {
          const scope = vault.scope(tx, orgId);
          await wait();
          return scope.encrypt(owner, ref, `value ${i}`);
        }),
      ),
    );
    expect(await keyRows(owner)).toHaveLength(1);
    const read = await inTx((s) =>
      Promise.all(envelopes.map((e, i) => s.decrypt(owner, refs[i] ?? notes(), e))),
    );
    expect(read).toEqual(refs.map((_, i) => `value ${i}`));
  });

  it('forgets a data key created in a transaction that rolls back', async () => {
    const owner = person();
    const ref = notes();
    let envelope = '';
    await expect(
      inTx(async (s) => {
        envelope = await s.encrypt(owner, ref, 'never committed');
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await keyRows(owner)).toHaveLength(0);
    // The envelope made inside it can no longer be opened, and a new key is made on next use.
    await expect(inTx((s) => s.decrypt(owner, ref, envelope))).rejects.toThrow(DecryptionError);
    const again = await inTx((s) => s.encrypt(owner, ref, 'committed'));
    expect(await inTx((s) => s.decrypt(owner, ref, again))).toBe('committed');
    await expect(inTx((s) => s.decrypt(owner, ref, envelope))).rejects.toThrow(DecryptionError);
  });

  it('crypto-shreds: after destroyDataKey the fields read as null and the key is gone', async () => {
    const owner = person();
    const other = person();
    const refs = [notes(), notes(), { ...notes(), field: 'risk_assessment' }];
    const envelopes = await inTx((s) =>
      Promise.all(refs.map((ref, i) => s.encrypt(owner, ref, `fact ${i}`))),
    );
    const untouched = await inTx((s) => s.encrypt(other, refs[0] ?? notes(), 'other person'));

    // Shredding in the same scope that just used the key must not leave it usable there.
    const destroyed = await inTx(async (s) => {
      await s.decrypt(owner, refs[0] ?? notes(), envelopes[0] ?? '');
      const result = await s.destroyDataKey(owner);
      await expect(s.decrypt(owner, refs[0] ?? notes(), envelopes[0] ?? '')).rejects.toThrow(
        DataKeyDestroyedError,
      );
      return result;
    });
    expect(destroyed).toBe(true);

    const read = await inTx((s) =>
      Promise.all(envelopes.map((e, i) => s.decryptOrNull(owner, refs[i] ?? notes(), e))),
    );
    expect(read).toEqual([null, null, null]);
    await expect(
      inTx((s) => s.decrypt(owner, refs[0] ?? notes(), envelopes[0] ?? '')),
    ).rejects.toThrow(DataKeyDestroyedError);
    await expect(inTx((s) => s.encrypt(owner, notes(), 'new data'))).rejects.toThrow(
      DataKeyDestroyedError,
    );
    const [row] = await keyRows(owner);
    expect(row?.wrappedKey).toBeNull();
    expect(row?.masterKeyId).toBeNull();
    expect(row?.destroyedAt).toBeInstanceOf(Date);
    expect(await inTx((s) => s.destroyDataKey(owner))).toBe(false); // already gone

    expect(await inTx((s) => s.decrypt(other, refs[0] ?? notes(), untouched))).toBe('other person');
  });

  it('shreds an owner who never had a key, so nothing can be encrypted for them later', async () => {
    const owner = person();
    expect(await inTx((s) => s.destroyDataKey(owner))).toBe(false);
    await expect(inTx((s) => s.encrypt(owner, notes(), 'x'))).rejects.toThrow(
      DataKeyDestroyedError,
    );
    const [row] = await keyRows(owner);
    expect(row?.wrappedKey).toBeNull();
  });

  it('undoes a shred whose transaction rolls back', async () => {
    const owner = person();
    const ref = notes();
    const envelope = await inTx((s) => s.encrypt(owner, ref, 'kept'));
    await expect(
      inTx(async (s) => {
        await s.destroyDataKey(owner);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await inTx((s) => s.decrypt(owner, ref, envelope))).toBe('kept');
  });

  it.runIf(testBackend() === 'postgres')(
    'shreds a key that another transaction was creating at the same moment',
    async () => {
      const owner = person();
      const ref = notes();
      const [created, commit] = [gate(), gate()];
      let envelope = '';
      const creating = inTx(async (s) => {
        envelope = await s.encrypt(owner, ref, 'written just before the erasure');
        created.open();
        await commit.opened;
      });
      await created.opened;
      // The shred's tombstone insert must wait for the uncommitted key, not miss it.
      const shredding = inTx((s) => s.destroyDataKey(owner));
      try {
        await waitForLockWait(database);
      } finally {
        commit.open();
      }
      await creating;
      expect(await shredding).toBe(true);
      expect(await inTx((s) => s.decryptOrNull(owner, ref, envelope))).toBeNull();
      expect(await keyRows(owner)).toHaveLength(1);
    },
  );
});
