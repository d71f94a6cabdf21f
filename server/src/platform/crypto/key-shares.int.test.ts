import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDefaultOrganization } from '../../modules/organizations/organization.service.ts';
import { openTestDatabase, testBackend } from '../../test/test-database.ts';
import type { Database } from '../db/database.ts';
import { dataKeys } from '../db/schema/index.ts';
import { DirectoryKeyShareStore, temporaryKeyShares } from './key-shares.ts';
import { ephemeralKeyring } from './keyring.ts';
import { DataKeyDestroyedError, Vault, type FieldRef, type KeyOwner } from './vault.ts';

let database: Database;
let orgId: string;
const shares = temporaryKeyShares();
const vault = new Vault(ephemeralKeyring(), shares);

beforeAll(async () => {
  database = await openTestDatabase();
  orgId = (
    await ensureDefaultOrganization(database.db, { name: '测试', timeZone: 'Asia/Shanghai' })
  ).id;
});
afterAll(() => database.close());

const person = (): KeyOwner & { type: 'person' } => ({ type: 'person', id: randomUUID() });
const ref: FieldRef = { table: 'users', field: 'email', recordId: randomUUID() };
const inTx = <T>(fn: (scope: ReturnType<Vault['scope']>) => Promise<T>) =>
  database.db.transaction((tx) => fn(vault.scope(tx, orgId)));
const keyRow = async (owner: KeyOwner) =>
  (await database.db.select().from(dataKeys).where(eq(dataKeys.ownerId, owner.id)))[0];

describe(`data keys with an external share on ${testBackend()} (ADR 0008)`, () => {
  it('gives person and seal keys a share, and organisation keys none', async () => {
    const owner = person();
    const seal: KeyOwner = { type: 'seal', id: randomUUID() };
    const org: KeyOwner = { type: 'organization', id: orgId };
    await inTx(async (s) => {
      await s.encrypt(owner, ref, 'a');
      await s.encrypt(seal, ref, 'b');
      await s.encrypt(org, ref, 'c');
    });
    expect((await keyRow(owner))?.hasShare).toBe(true);
    expect((await keyRow(seal))?.hasShare).toBe(true);
    expect((await keyRow(org))?.hasShare).toBe(false);
    expect(await shares.get({ type: 'person', id: owner.id })).toHaveLength(32);
  });

  it('shreds a key for an earlier copy of the database too, once the share is erased', async () => {
    const owner = person();
    const envelope = await inTx((s) => s.encrypt(owner, ref, 'liu.yang@example.com'));
    // What an earlier dump holds: the wrapped key, which the master key still unwraps.
    const earlier = await keyRow(owner);
    if (!earlier) throw new Error('no key row');
    await inTx((s) => s.destroyDataKey(owner));
    expect(await vault.finishShredding(database.db)).toBeGreaterThanOrEqual(1);
    expect(await shares.get(owner)).toBeUndefined();
    // Restore the earlier row, as restoring that dump would.
    await database.db
      .update(dataKeys)
      .set({
        wrappedKey: earlier.wrappedKey,
        masterKeyId: earlier.masterKeyId,
        destroyedAt: null,
        shareDestroyedAt: null,
      })
      .where(eq(dataKeys.id, earlier.id));
    await expect(inTx((s) => s.decrypt(owner, ref, envelope))).rejects.toBeInstanceOf(
      DataKeyDestroyedError,
    );
  });

  it('leaves the share alone when the destroying transaction rolls back', async () => {
    const owner = person();
    const envelope = await inTx((s) => s.encrypt(owner, ref, 'kept'));
    await expect(
      inTx(async (s) => {
        await s.destroyDataKey(owner);
        throw new Error('the request failed after the shred');
      }),
    ).rejects.toThrow('the request failed');
    await vault.finishShredding(database.db);
    expect(await inTx((s) => s.decrypt(owner, ref, envelope))).toBe('kept');
  });

  it('finishes shredding once: a second sweep erases nothing', async () => {
    const owner = person();
    await inTx((s) => s.encrypt(owner, ref, 'x'));
    await inTx((s) => s.destroyDataKey(owner));
    expect(await vault.finishShredding(database.db)).toBeGreaterThanOrEqual(1);
    expect(await vault.finishShredding(database.db)).toBe(0);
    expect((await keyRow(owner))?.shareDestroyedAt).toBeInstanceOf(Date);
  });
});

describe(`loading many keys at once on ${testBackend()}`, () => {
  it('preloads live keys in one go, skips shredded and unknown owners, and decrypts the same', async () => {
    const [a, b, shredded, unknown] = [person(), person(), person(), person()];
    const envelopes = await inTx(async (s) => ({
      a: await s.encrypt(a, ref, 'a'),
      b: await s.encrypt(b, ref, 'b'),
      gone: await s.encrypt(shredded, ref, 'gone'),
    }));
    await inTx((s) => s.destroyDataKey(shredded));
    await vault.finishShredding(database.db);
    await inTx(async (s) => {
      await s.preload([a, b, shredded, unknown]);
      expect(await s.decrypt(a, ref, envelopes.a)).toBe('a');
      expect(await s.decrypt(b, ref, envelopes.b)).toBe('b');
      // Not preloaded: the one-by-one path still reports what happened to it.
      await expect(s.decrypt(shredded, ref, envelopes.gone)).rejects.toBeInstanceOf(
        DataKeyDestroyedError,
      );
      // An owner without a key still gets one made on first encryption.
      expect(await s.decrypt(unknown, ref, await s.encrypt(unknown, ref, 'new'))).toBe('new');
    });
  });
});

describe('the directory share store', () => {
  it('hands every concurrent caller the same share', async () => {
    const store = temporaryKeyShares();
    const owner = { type: 'person', id: randomUUID() } as const;
    const all = await Promise.all(Array.from({ length: 20 }, () => store.obtain(owner)));
    expect(new Set(all.map((s) => s.toString('hex'))).size).toBe(1);
    // A second store on the same directory (another process) reads the same share.
    expect(
      (await new DirectoryKeyShareStore(store.dir).get(owner))?.equals(all[0] ?? Buffer.alloc(0)),
    ).toBe(true);
    await store.erase(owner);
    await store.erase(owner);
    expect(await store.get(owner)).toBeUndefined();
  });

  it('refuses an owner id that is not a uuid', async () => {
    await expect(
      temporaryKeyShares().obtain({ type: 'person', id: '../../etc/passwd' }),
    ).rejects.toThrow('not a key owner id');
  });
});
