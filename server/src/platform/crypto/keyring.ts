import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

/**
 * The secrets that must live outside the database (ADR 0004). Two lifecycles:
 * - master keys wrap the per-person data keys; they rotate (`npm run keys:rotate`), and old ones
 *   stay until every data key is re-wrapped;
 * - service secrets never rotate in place: the audit chain's HMAC key, the blind-index key
 *   (contact look-ups) and the token key (CSRF, verification codes).
 */
export interface Keyring {
  readonly currentMasterKeyId: string;
  readonly masterKeys: ReadonlyMap<string, Buffer>;
  readonly auditKey: Buffer;
  readonly indexKey: Buffer;
  readonly tokenKey: Buffer;
}

const b64 = z.string().regex(/^[A-Za-z0-9+/_-]+={0,2}$/);
const fileSchema = z.object({
  version: z.literal(1),
  current: z.string(),
  masterKeys: z.record(z.string(), b64),
  auditKey: b64,
  indexKey: b64,
  tokenKey: b64,
});
export type KeyringFile = z.infer<typeof fileSchema>;

export class KeyringError extends Error {}

const KEY_BYTES = 32;

function decodeKey(value: string, what: string): Buffer {
  const key = Buffer.from(
    value,
    value.includes('-') || value.includes('_') ? 'base64url' : 'base64',
  );
  if (key.length !== KEY_BYTES) throw new KeyringError(`${what} must be ${KEY_BYTES} bytes`);
  return key;
}

/** A short public name for a key: lets rows say which key wrapped them without revealing it. */
export function keyId(key: Buffer): string {
  return `mk-${createHash('sha256').update(key).digest('hex').slice(0, 12)}`;
}

export function generateKeyringFile(): KeyringFile {
  const master = randomBytes(KEY_BYTES);
  return {
    version: 1,
    current: keyId(master),
    masterKeys: { [keyId(master)]: master.toString('base64') },
    auditKey: randomBytes(KEY_BYTES).toString('base64'),
    indexKey: randomBytes(KEY_BYTES).toString('base64'),
    tokenKey: randomBytes(KEY_BYTES).toString('base64'),
  };
}

export function writeKeyringFile(path: string, file: KeyringFile): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, path); // atomic: a crash never leaves half a keyring
}

export function readKeyringFile(path: string): KeyringFile {
  const parsed = fileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new KeyringError(`The keyring file ${path} is not valid`);
  return parsed.data;
}

export interface KeyringSource {
  file: string;
  /** ANXIN_MASTER_KEY: when set, the current master key (the file's master keys stay usable). */
  masterKey: string | undefined;
  /** Allowed to create the file when it is missing (the embedded default). */
  allowGenerate: boolean;
}

/** Loads the keyring; returns `generated: true` when it had to create the file. */
export function loadKeyring(source: KeyringSource): { keyring: Keyring; generated: boolean } {
  let generated = false;
  if (!existsSync(source.file)) {
    if (!source.allowGenerate) {
      throw new KeyringError(
        `No keyring at ${source.file}. Create one with "npm run keys:init" and keep a backup.`,
      );
    }
    writeKeyringFile(source.file, generateKeyringFile());
    generated = true;
  }
  const file = readKeyringFile(source.file);
  const masterKeys = new Map<string, Buffer>();
  for (const [id, value] of Object.entries(file.masterKeys)) {
    masterKeys.set(id, decodeKey(value, `master key ${id}`));
  }
  let current = file.current;
  if (source.masterKey) {
    const envKey = decodeKey(source.masterKey, 'ANXIN_MASTER_KEY');
    current = keyId(envKey);
    masterKeys.set(current, envKey);
  }
  if (!masterKeys.has(current))
    throw new KeyringError(`The current master key ${current} is missing`);
  return {
    generated,
    keyring: {
      currentMasterKeyId: current,
      masterKeys,
      auditKey: decodeKey(file.auditKey, 'auditKey'),
      indexKey: decodeKey(file.indexKey, 'indexKey'),
      tokenKey: decodeKey(file.tokenKey, 'tokenKey'),
    },
  };
}

/** A keyring for tests: fresh random keys, nothing on disk. */
export function ephemeralKeyring(): Keyring {
  const master = randomBytes(KEY_BYTES);
  return {
    currentMasterKeyId: keyId(master),
    masterKeys: new Map([[keyId(master), master]]),
    auditKey: randomBytes(KEY_BYTES),
    indexKey: randomBytes(KEY_BYTES),
    tokenKey: randomBytes(KEY_BYTES),
  };
}
