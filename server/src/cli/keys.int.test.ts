import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDefaultOrganization } from '../modules/organizations/organization.service.ts';
import { buildKeyring, keyId, loadKeyring, readKeyringFile } from '../platform/crypto/keyring.ts';
import { Vault, type FieldRef, type KeyOwner } from '../platform/crypto/vault.ts';
import { acquireDataDirLock } from '../platform/db/data-dir-lock.ts';
import { openDatabase, type Database } from '../platform/db/database.ts';
import { runMigrations } from '../platform/db/migrate.ts';
import { testBackend } from '../test/test-database.ts';
import { temporaryKeyShares } from '../platform/crypto/key-shares.ts';

/** One share store for every vault of this file: they read each other's data. */
const keyShares = temporaryKeyShares();

const CLI = fileURLToPath(new URL('./keys.ts', import.meta.url));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `node --import tsx server/src/cli/keys.ts …` on the embedded data dir, as npm runs it. */
function runKeys(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const { DATABASE_URL: _ignored, ANXIN_MASTER_KEY: _m, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
    env: { ...inherited, ANXIN_DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

let dataDir: string;
let keyringFile: string;
const ref: FieldRef = { table: 'session_notes', field: 'body', recordId: randomUUID() };
const owners: KeyOwner[] = [1, 2, 3].map(() => ({ type: 'person', id: randomUUID() }));

async function withDatabase<T>(fn: (database: Database, orgId: string) => Promise<T>): Promise<T> {
  const database = await openDatabase({ kind: 'pglite', dataDir: join(dataDir, 'pg') });
  try {
    await runMigrations(database);
    const org = await ensureDefaultOrganization(database.db, { name: '测试', timeZone: 'UTC' });
    return await fn(database, org.id);
  } finally {
    await database.close();
  }
}

/** Decrypts every seeded field with `vault`; the plaintexts, in order. */
function readSeeded(vault: Vault, envelopes: string[]): Promise<string[]> {
  return withDatabase((database, orgId) =>
    database.db.transaction((tx) => {
      const scope = vault.scope(tx, orgId);
      return Promise.all(owners.map((o, i) => scope.decrypt(o, ref, envelopes[i] ?? '')));
    }),
  );
}

/** The keyring as the file now holds it, with none of the master keys it no longer lists. */
const fileVault = (env: { masterKey?: string } = {}) =>
  new Vault(buildKeyring(readKeyringFile(keyringFile), { masterKey: env.masterKey }), keyShares);

describe.runIf(testBackend() === 'pglite')('npm run keys:init / keys:rotate', () => {
  let envelopes: string[];

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'anxin-keys-cli-'));
    keyringFile = join(dataDir, 'keyring.json');
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('init creates a 0600 keyring, says to back it up, and refuses to overwrite it', async () => {
    const first = await runKeys(['init']);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(keyringFile);
    expect(first.stdout).toMatch(/Back it up/);
    expect(statSync(keyringFile).mode & 0o777).toBe(0o600);
    const before = readKeyringFile(keyringFile);

    const second = await runKeys(['init']);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/already exists/);
    expect(readKeyringFile(keyringFile)).toEqual(before);
  });

  it('answers wrong usage with status 2 and the usage text', async () => {
    for (const args of [['frob'], ['rotate', '--force']]) {
      const run = await runKeys(args);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('Usage:');
    }
  });

  it('rotates: re-wraps every data key, and the data reads with the new keyring', async () => {
    const { keyring } = loadKeyring({
      file: keyringFile,
      masterKey: undefined,
      allowGenerate: false,
    });
    const oldId = keyring.currentMasterKeyId;
    envelopes = await withDatabase((database, orgId) =>
      database.db.transaction((tx) => {
        const scope = new Vault(keyring, keyShares).scope(tx, orgId);
        return Promise.all(owners.map((o, i) => scope.encrypt(o, ref, `秘密 ${i}`)));
      }),
    );

    const run = await runKeys(['rotate']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/the server must be stopped/);
    expect(run.stdout).toContain('Re-wrapped 3 data key(s)');
    const file = readKeyringFile(keyringFile);
    expect(file.current).not.toBe(oldId);
    expect(Object.keys(file.masterKeys).sort()).toEqual([oldId, file.current].sort());
    expect(statSync(keyringFile).mode & 0o777).toBe(0o600);
    expect(readdirSync(dataDir).filter((f) => f.startsWith('keyring'))).toEqual(['keyring.json']);
    expect(existsSync(join(dataDir, 'anxin.lock'))).toBe(false);

    // Only the new master key is needed now.
    const newOnly = buildKeyring(
      { ...file, masterKeys: { [file.current ?? '']: file.masterKeys[file.current ?? ''] ?? '' } },
      { masterKey: undefined },
    );
    expect(await readSeeded(new Vault(newOnly, keyShares), envelopes)).toEqual([
      '秘密 0',
      '秘密 1',
      '秘密 2',
    ]);
  }, 120_000);

  it('rotate --retire removes master keys no data key uses', async () => {
    const run = await runKeys(['rotate', '--retire']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Retired from the keyring file: mk-[0-9a-f]{12}, mk-[0-9a-f]{12}\./);
    const file = readKeyringFile(keyringFile);
    expect(Object.keys(file.masterKeys)).toEqual([file.current]);
    expect(await readSeeded(fileVault(), envelopes)).toHaveLength(3);
  }, 60_000);

  it('refuses to rotate while the data dir is locked by a running server', async () => {
    const before = readKeyringFile(keyringFile);
    const lock = acquireDataDirLock(dataDir); // this test process plays the server
    try {
      const run = await runKeys(['rotate']);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/in use by another Anxin process/);
    } finally {
      lock.release();
    }
    expect(readKeyringFile(keyringFile)).toEqual(before);
  }, 60_000);

  it('with ANXIN_MASTER_KEY, re-wraps under it using ANXIN_PREVIOUS_MASTER_KEY', async () => {
    const fileBefore = readKeyringFile(keyringFile);
    const first = randomBytes(32).toString('base64');
    // Moving from the file's key to an environment key needs no previous key.
    const toEnv = await runKeys(['rotate'], { ANXIN_MASTER_KEY: first });
    expect(toEnv.code).toBe(0);
    expect(toEnv.stdout).toContain('Re-wrapped 3 data key(s)');
    expect(readKeyringFile(keyringFile)).toEqual(fileBefore); // the env key is never written

    const second = randomBytes(32).toString('hex');
    const same = await runKeys(['rotate'], {
      ANXIN_MASTER_KEY: second,
      ANXIN_PREVIOUS_MASTER_KEY: second,
    });
    expect(same.code).toBe(2);
    const withoutPrevious = await runKeys(['rotate'], { ANXIN_MASTER_KEY: second });
    expect(withoutPrevious.code).toBe(1);
    expect(withoutPrevious.stderr).toContain(`Master key ${keyId(Buffer.from(first, 'base64'))}`);

    const rotated = await runKeys(['rotate', '--retire'], {
      ANXIN_MASTER_KEY: second,
      ANXIN_PREVIOUS_MASTER_KEY: first,
    });
    expect(rotated.code).toBe(0);
    expect(rotated.stdout).toContain('Re-wrapped 3 data key(s)');
    expect(rotated.stdout).toMatch(/uses ANXIN_PREVIOUS_MASTER_KEY any more: it may be removed/);
    // The file's last master key was retired too: the environment holds the only one.
    expect(readKeyringFile(keyringFile).masterKeys).toEqual({});
    expect(await readSeeded(fileVault({ masterKey: second }), envelopes)).toHaveLength(3);
  }, 90_000);
});
