import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  buildKeyring,
  createKeyringFile,
  generateKeyringFile,
  keyId,
  KeyringError,
  loadKeyring,
  MasterKeyMissingError,
  readKeyringFile,
  writeKeyringFile,
  type Keyring,
} from './keyring.ts';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'anxin-keyring-'));
  file = join(dir, 'nested', 'keyring.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const load = (over: Partial<Parameters<typeof loadKeyring>[0]> = {}) =>
  loadKeyring({ file, masterKey: undefined, allowGenerate: true, ...over });

function sameKeys(a: Keyring, b: Keyring): void {
  expect(b.currentMasterKeyId).toBe(a.currentMasterKeyId);
  expect([...b.masterKeys.entries()]).toEqual([...a.masterKeys.entries()]);
  for (const k of ['auditKey', 'indexKey', 'tokenKey'] as const)
    expect(b[k].equals(a[k])).toBe(true);
}

/** Expects a KeyringError whose message matches `pattern` and quotes none of `secrets`. */
function expectKeyringError(fn: () => unknown, pattern: RegExp, secrets: string[] = []): void {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(KeyringError);
  const message = (caught as Error).message;
  expect(message).toMatch(pattern);
  for (const s of secrets) expect(message).not.toContain(s);
}

describe('keyring file', () => {
  it('generates a 0600 file with 32-byte keys on first load, and reloads the same keys', () => {
    const first = load();
    expect(first.generated).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(first.keyring.masterKeys.get(first.keyring.currentMasterKeyId)).toHaveLength(32);
    for (const k of [first.keyring.auditKey, first.keyring.indexKey, first.keyring.tokenKey]) {
      expect(k).toHaveLength(32);
    }
    expect(new Set([first.keyring.auditKey, first.keyring.indexKey].map(String)).size).toBe(2);

    const again = load();
    expect(again.generated).toBe(false);
    sameKeys(first.keyring, again.keyring);
  });

  it('writes atomically: no temporary file is left and a rewrite replaces the whole file', () => {
    load();
    const before = readKeyringFile(file);
    const next = generateKeyringFile();
    writeKeyringFile(file, next);
    expect(readKeyringFile(file)).toEqual(next);
    expect(readKeyringFile(file)).not.toEqual(before);
    expect(readdirSync(join(dir, 'nested'))).toEqual(['keyring.json']);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('never overwrites an existing keyring when generating', () => {
    writeKeyringFile(file, generateKeyringFile());
    const existing = readFileSync(file, 'utf8');
    expect(load().generated).toBe(false);
    expect(readFileSync(file, 'utf8')).toBe(existing);
  });

  it('lets only the first of two creators write the file (two servers starting at once)', () => {
    const [a, b] = [generateKeyringFile(), generateKeyringFile()];
    expect(createKeyringFile(file, a)).toBe(true);
    expect(createKeyringFile(file, b)).toBe(false);
    expect(readKeyringFile(file)).toEqual(a);
    expect(readdirSync(join(dir, 'nested'))).toEqual(['keyring.json']);
  });

  it('refuses to generate when allowGenerate is false', () => {
    expectKeyringError(() => load({ allowGenerate: false }), /No keyring at .*keys:init/);
    expect(() => statSync(file)).toThrow();
  });

  it('rejects a file that is not JSON without quoting it', () => {
    writeKeyringFile(file, generateKeyringFile());
    const secret = readKeyringFile(file).auditKey;
    writeFileSync(file, `{"auditKey": "${secret}", oops`);
    expectKeyringError(() => load(), /not valid JSON/, [secret]);
  });

  it('rejects a file of the wrong shape, naming the fields', () => {
    const good = generateKeyringFile();
    writeKeyringFile(file, good);
    writeFileSync(file, JSON.stringify({ ...good, version: 2, indexKey: 'not base64!' }));
    expectKeyringError(() => load(), /not valid: check version, indexKey/);
  });

  it('rejects keys of the wrong length, naming the key but not its value', () => {
    const short = randomBytes(16).toString('base64');
    writeKeyringFile(file, { ...generateKeyringFile(), tokenKey: short });
    expectKeyringError(() => load(), /tokenKey .* must be 32 random bytes/, [short]);

    const long = randomBytes(33);
    const id = keyId(long);
    writeKeyringFile(file, {
      ...generateKeyringFile(),
      current: id,
      masterKeys: { [id]: long.toString('base64') },
    });
    expectKeyringError(() => load(), new RegExp(`Master key ${id} .* must be 32`), [
      long.toString('base64'),
    ]);
  });

  it('rejects a master key stored under an id that is not its own', () => {
    const good = generateKeyringFile();
    const [id] = Object.keys(good.masterKeys) as [string];
    writeKeyringFile(file, {
      ...good,
      masterKeys: { [id]: randomBytes(32).toString('base64') },
    });
    expectKeyringError(() => load(), /does not match its id/);
  });

  it('rejects a file whose current master key is missing', () => {
    writeKeyringFile(file, { ...generateKeyringFile(), current: 'mk-000000000000' });
    expect(() => load()).toThrow(MasterKeyMissingError);
  });

  it('cannot read an unreadable path and says so without a stack of fs detail', () => {
    expectKeyringError(() => readKeyringFile(dir), /Cannot read the keyring file .* \(EISDIR\)/);
  });
});

describe('keys from the environment', () => {
  it('makes ANXIN_MASTER_KEY current while the file keys stay usable', () => {
    const fromFile = load().keyring;
    const envKey = randomBytes(32);
    const { keyring } = load({ masterKey: envKey.toString('base64') });
    expect(keyring.currentMasterKeyId).toBe(keyId(envKey));
    expect(keyring.masterKeys.get(keyId(envKey))?.equals(envKey)).toBe(true);
    const oldId = fromFile.currentMasterKeyId;
    expect(
      keyring.masterKeys.get(oldId)?.equals(fromFile.masterKeys.get(oldId) ?? Buffer.alloc(0)),
    ).toBe(true);
    expect(keyring.auditKey.equals(fromFile.auditKey)).toBe(true);
    // The env key is never written to the file.
    expect(readFileSync(file, 'utf8')).not.toContain(envKey.toString('base64'));
  });

  it('accepts base64, base64url and hex, and a trailing newline', () => {
    const envKey = randomBytes(32);
    for (const text of [
      envKey.toString('base64'),
      envKey.toString('base64url'),
      envKey.toString('hex'),
      `${envKey.toString('base64')}\n`,
    ]) {
      expect(load({ masterKey: text }).keyring.currentMasterKeyId).toBe(keyId(envKey));
    }
  });

  it('rejects a malformed or short ANXIN_MASTER_KEY without echoing it', () => {
    const short = randomBytes(24).toString('base64');
    expectKeyringError(() => load({ masterKey: short }), /ANXIN_MASTER_KEY must be 32/, [short]);
    const typo = `${randomBytes(32).toString('base64').slice(0, 40)}#abc`;
    expectKeyringError(() => load({ masterKey: typo }), /ANXIN_MASTER_KEY must be 32/, [typo]);
  });

  it('generates a file without a master key when ANXIN_MASTER_KEY supplies it', () => {
    const envKey = randomBytes(32).toString('base64');
    expect(load({ masterKey: envKey }).generated).toBe(true);
    expect(readKeyringFile(file).masterKeys).toEqual({});
    expectKeyringError(() => load(), /no master key; set ANXIN_MASTER_KEY/);
  });

  it('adds ANXIN_PREVIOUS_MASTER_KEY keys as usable but not current', () => {
    const previous = randomBytes(32);
    const current = randomBytes(32);
    const keyring = buildKeyring(generateKeyringFile(), {
      masterKey: current.toString('base64'),
      previousMasterKeys: [previous.toString('hex')],
    });
    expect(keyring.currentMasterKeyId).toBe(keyId(current));
    expect(keyring.masterKeys.get(keyId(previous))?.equals(previous)).toBe(true);
  });
});
