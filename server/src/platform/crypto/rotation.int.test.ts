import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDefaultOrganization } from '../../modules/organizations/organization.service.ts';
import { openTestDatabase, testBackend } from '../../test/test-database.ts';
import type { Database } from '../db/database.ts';
import { dataKeys } from '../db/schema/index.ts';
import { open } from './aead.ts';
import {
  addMasterKey,
  buildKeyring,
  generateKeyringFile,
  MasterKeyMissingError,
  readKeyringFile,
  writeKeyringFile,
  type Keyring,
  type KeyringFile,
} from './keyring.ts';
import { rotateMasterKey, stagingPath } from './rotation.ts';
import { gate, waitForLockWait } from './testing.ts';
import { dataKeyAad, Vault, type FieldRef, type KeyOwner } from './vault.ts';
import { temporaryKeyShares } from './key-shares.ts';

/** One share store for every vault of this file: they read each other's data. */
const keyShares = temporaryKeyShares();

let database: Database;
let orgId: string;
let dir: string;
beforeAll(async () => {
  database = await openTestDatabase();
  orgId = (
    await ensureDefaultOrganization(database.db, { name: '测试', timeZone: 'Asia/Shanghai' })
  ).id;
  dir = mkdtempSync(join(tmpdir(), 'anxin-rotation-'));
});
afterAll(async () => {
  await database.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Sealed {
  owner: KeyOwner;
  ref: FieldRef;
  envelope: string;
  plaintext: string;
}

/** Encrypts one field for each of `n` new people with `vault`. */
async function seed(vault: Vault, n: number): Promise<Sealed[]> {
  return database.db.transaction(async (tx) => {
    const scope = vault.scope(tx, orgId);
    const out: Sealed[] = [];
    for (let i = 0; i < n; i++) {
      const owner: KeyOwner = { type: 'person', id: randomUUID() };
      const ref: FieldRef = { table: 'session_notes', field: 'body', recordId: randomUUID() };
      const plaintext = `来访记录 ${i}`;
      out.push({ owner, ref, plaintext, envelope: await scope.encrypt(owner, ref, plaintext) });
    }
    return out;
  });
}

function first<T>(items: T[]): T {
  const [item] = items;
  if (item === undefined) throw new Error('empty');
  return item;
}

function readAll(vault: Vault, sealed: Sealed[]): Promise<string[]> {
  return database.db.transaction((tx) => {
    const scope = vault.scope(tx, orgId);
    return Promise.all(sealed.map((s) => scope.decrypt(s.owner, s.ref, s.envelope)));
  });
}

/** A keyring holding only `file`'s current master key, as after the old one is gone. */
function onlyCurrent(file: KeyringFile): Keyring {
  const current = file.current ?? '';
  return buildKeyring(
    { ...file, masterKeys: { [current]: file.masterKeys[current] ?? '' } },
    { masterKey: undefined },
  );
}

/** The raw data keys of `owners`, unwrapped with `keyring` (the test's view, not the app's). */
async function rawDataKeys(keyring: Keyring, owners: KeyOwner[]): Promise<Buffer[]> {
  const rows = await database.db.select().from(dataKeys);
  return owners.map((owner) => {
    const row = rows.find((r) => r.ownerId === owner.id);
    const master = keyring.masterKeys.get(row?.masterKeyId ?? '');
    if (!row?.wrappedKey || !master) throw new Error('no live key');
    return open(master, row.wrappedKey, dataKeyAad(owner));
  });
}

async function expectNoKeyInClear(raw: Buffer[]): Promise<void> {
  const stored = (await database.db.select().from(dataKeys)).map((r) => r.wrappedKey ?? '');
  for (const key of raw) {
    for (const form of [key.toString('base64'), key.toString('base64url'), key.toString('hex')]) {
      for (const text of stored) expect(text).not.toContain(form);
    }
  }
}

describe(`master key rotation on ${testBackend()}`, () => {
  it('re-wraps every data key, and the data then reads with only the new master key', async () => {
    const oldFile = generateKeyringFile();
    const oldVault = new Vault(buildKeyring(oldFile, { masterKey: undefined }), keyShares);
    const sealed = await seed(oldVault, 4);
    const shredded = await seed(oldVault, 1);
    await database.db.transaction((tx) =>
      oldVault.scope(tx, orgId).destroyDataKey(first(shredded).owner),
    );
    const raw = await rawDataKeys(
      oldVault.keyring,
      sealed.map((s) => s.owner),
    );
    await expectNoKeyInClear(raw);

    const { file: newFile, id } = addMasterKey(oldFile);
    const rotating = new Vault(buildKeyring(newFile, { masterKey: undefined }), keyShares);
    const count = await database.db.transaction((tx) => rotating.rewrapAll(tx));
    expect(count).toBe(4); // the shredded key has nothing to re-wrap
    expect((await rotating.masterKeyUsage(database.db)).get(oldFile.current ?? '')).toBeUndefined();
    expect(await database.db.transaction((tx) => rotating.rewrapAll(tx))).toBe(0);

    const newOnly = new Vault(onlyCurrent(newFile), keyShares);
    expect(newOnly.keyring.masterKeys.size).toBe(1);
    expect(newOnly.keyring.currentMasterKeyId).toBe(id);
    expect(await readAll(newOnly, sealed)).toEqual(sealed.map((s) => s.plaintext));
    expect(await newOnly.missingMasterKeys(database.db)).toEqual([]);

    // The data keys themselves did not change, and are still nowhere in clear.
    expect(
      await rawDataKeys(
        newOnly.keyring,
        sealed.map((s) => s.owner),
      ),
    ).toEqual(raw);
    await expectNoKeyInClear(raw);
    // The shredded key stayed shredded.
    const [gone] = await database.db.transaction((tx) =>
      Promise.all(
        shredded.map((s) => newOnly.scope(tx, orgId).decryptOrNull(s.owner, s.ref, s.envelope)),
      ),
    );
    expect(gone).toBeNull();
  });

  it('refuses to read, and names the key, when a data key needs a master key it lacks', async () => {
    const sealed = await seed(
      new Vault(buildKeyring(generateKeyringFile(), { masterKey: undefined }), keyShares),
      1,
    );
    const stranger = new Vault(
      buildKeyring(generateKeyringFile(), { masterKey: undefined }),
      keyShares,
    );
    const missing = await stranger.missingMasterKeys(database.db);
    expect(missing.length).toBeGreaterThan(0);
    await expect(readAll(stranger, sealed)).rejects.toThrow(MasterKeyMissingError);
    // Not mistaken for a shredded owner: decryptOrNull throws too.
    await expect(
      database.db.transaction((tx) =>
        stranger
          .scope(tx, orgId)
          .decryptOrNull(first(sealed).owner, first(sealed).ref, first(sealed).envelope),
      ),
    ).rejects.toThrow(/Master key mk-[0-9a-f]{12} is not in the keyring/);
    // A rotation that cannot unwrap some key changes nothing at all.
    const usage = await stranger.masterKeyUsage(database.db);
    await expect(database.db.transaction((tx) => stranger.rewrapAll(tx))).rejects.toThrow(
      MasterKeyMissingError,
    );
    expect(await stranger.masterKeyUsage(database.db)).toEqual(usage);
  });

  it('rotateMasterKey writes the keyring only after the commit and can retire old keys', async () => {
    const keyringFile = join(dir, 'keyring.json');
    const initial = generateKeyringFile();
    writeKeyringFile(keyringFile, initial);
    const initialVault = new Vault(buildKeyring(initial, { masterKey: undefined }), keyShares);
    // A clean slate: the keys of the tests above belong to keyrings this one does not hold.
    await database.db.delete(dataKeys);
    const sealed = await seed(initialVault, 3);

    const report = await rotateMasterKey(database, {
      keyringFile,
      masterKey: undefined,
      previousMasterKeys: [],
      retire: true,
    });
    expect(report.rewrapped).toBe(3);
    expect(report.retired).toEqual([initial.current]);
    expect(existsSync(stagingPath(keyringFile))).toBe(false);
    const after = readKeyringFile(keyringFile);
    expect(after.current).toBe(report.generatedMasterKeyId);
    expect(Object.keys(after.masterKeys)).toEqual([after.current]);
    expect(after.auditKey).toBe(initial.auditKey);
    expect(
      await readAll(new Vault(buildKeyring(after, { masterKey: undefined }), keyShares), sealed),
    ).toEqual(sealed.map((s) => s.plaintext));
  });

  // Needs two connections at once: PGlite runs one transaction at a time, so no race exists there.
  it.runIf(testBackend() === 'postgres')(
    'never brings back a key shredded while a rotation was re-wrapping it',
    async () => {
      await database.db.delete(dataKeys); // only this test's key below
      const file = generateKeyringFile();
      const oldVault = new Vault(buildKeyring(file, { masterKey: undefined }), keyShares);
      const [victim] = await seed(oldVault, 1);
      if (!victim) throw new Error('seed failed');
      const rotating = new Vault(
        buildKeyring(addMasterKey(file).file, { masterKey: undefined }),
        keyShares,
      );

      const [shredded, commit] = [gate(), gate()];
      const shred = database.db.transaction(async (tx) => {
        await oldVault.scope(tx, orgId).destroyDataKey(victim.owner); // holds the row lock
        shredded.open();
        await commit.opened;
      });
      await shredded.opened;
      // The rotation read the row before the shred committed, then waits on its lock.
      const rotation = database.db.transaction((tx) => rotating.rewrapAll(tx));
      try {
        await waitForLockWait(database);
      } finally {
        commit.open();
      }
      await shred;
      expect(await rotation).toBe(0);

      const [row] = (await database.db.select().from(dataKeys)).filter(
        (r) => r.ownerId === victim.owner.id,
      );
      expect(row?.wrappedKey).toBeNull();
      expect(
        await database.db.transaction((tx) =>
          rotating.scope(tx, orgId).decryptOrNull(victim.owner, victim.ref, victim.envelope),
        ),
      ).toBeNull();
    },
  );
});
