import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { KEY_BYTES } from './aead.ts';
import { writeSecretFile } from './secret-file.ts';

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
  /** Absent when the master key comes only from ANXIN_MASTER_KEY. */
  current: z.string().optional(),
  masterKeys: z.record(z.string(), b64),
  auditKey: b64,
  indexKey: b64,
  tokenKey: b64,
});
export type KeyringFile = z.infer<typeof fileSchema>;

export class KeyringError extends Error {
  override readonly name: string = 'KeyringError';
}

/** A data key is wrapped by a master key this process does not have: never read as "shredded". */
export class MasterKeyMissingError extends KeyringError {
  override readonly name = 'MasterKeyMissingError';
  constructor(readonly masterKeyId: string) {
    super(
      `Master key ${masterKeyId} is not in the keyring. Restore the keyring file from its backup ` +
        `(or a keyring.json.next left by an interrupted rotation), or pass the old key in ` +
        `ANXIN_PREVIOUS_MASTER_KEY.`,
    );
  }
}

/**
 * Accepts base64, base64url or hex (what `openssl rand -base64 32` / `-hex 32` print), only in
 * canonical form: a lenient decoder would turn a mistyped key into a different, valid-looking
 * one. Messages name the key, never echo it.
 */
export function decodeKey(value: string, what: string): Buffer {
  const text = value.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : decodeBase64(text);
  if (key?.length !== KEY_BYTES) {
    throw new KeyringError(
      `${what} must be ${KEY_BYTES} random bytes in base64 or hex (openssl rand -base64 ${KEY_BYTES})`,
    );
  }
  return key;
}

function decodeBase64(text: string): Buffer | undefined {
  const encoding = /[-_]/.test(text) ? 'base64url' : 'base64';
  const key = Buffer.from(text, encoding);
  const unpadded = (s: string) => s.replace(/=+$/, '');
  return unpadded(key.toString(encoding)) === unpadded(text) ? key : undefined;
}

/** A short public name for a key: lets rows say which key wrapped them without revealing it. */
export function keyId(key: Buffer): string {
  return `mk-${createHash('sha256').update(key).digest('hex').slice(0, 12)}`;
}

/** A new keyring; without a master key when ANXIN_MASTER_KEY will supply it (one secret fewer). */
export function generateKeyringFile(options: { withMasterKey?: boolean } = {}): KeyringFile {
  const file: KeyringFile = {
    version: 1,
    masterKeys: {},
    auditKey: randomBytes(KEY_BYTES).toString('base64'),
    indexKey: randomBytes(KEY_BYTES).toString('base64'),
    tokenKey: randomBytes(KEY_BYTES).toString('base64'),
  };
  return options.withMasterKey === false ? file : addMasterKey(file).file;
}

/** A copy of `file` with a fresh master key that becomes current; the old ones stay. */
export function addMasterKey(file: KeyringFile): { file: KeyringFile; id: string } {
  const key = randomBytes(KEY_BYTES);
  const id = keyId(key);
  return {
    id,
    file: {
      ...file,
      current: id,
      masterKeys: { ...file.masterKeys, [id]: key.toString('base64') },
    },
  };
}

const serialize = (file: KeyringFile) => `${JSON.stringify(file, null, 2)}\n`;

/** Replaces the keyring file atomically (mode 0600, fsynced). */
export function writeKeyringFile(path: string, file: KeyringFile): void {
  writeSecretFile(path, serialize(file), 'replace');
}

/** Creates the keyring file; false, and nothing written, when one already exists. */
export function createKeyringFile(path: string, file: KeyringFile): boolean {
  return writeSecretFile(path, serialize(file), 'create');
}

export function readKeyringFile(path: string): KeyringFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new KeyringError(
      `Cannot read the keyring file ${path} (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // JSON.parse's own message quotes the text around the error, which would be key material.
    throw new KeyringError(`The keyring file ${path} is not valid JSON`);
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || '(root)'))];
    throw new KeyringError(`The keyring file ${path} is not valid: check ${fields.join(', ')}`);
  }
  return parsed.data;
}

export interface KeyringSource {
  file: string;
  /** ANXIN_MASTER_KEY: when set, the current master key (the file's master keys stay usable). */
  masterKey: string | undefined;
  /** ANXIN_PREVIOUS_MASTER_KEY: keys being rotated away from; usable, never current. */
  previousMasterKeys?: readonly string[];
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
    // Another process may create it at the same moment: then we read theirs, not overwrite it.
    generated = createKeyringFile(
      source.file,
      generateKeyringFile({ withMasterKey: !source.masterKey }),
    );
  }
  return { generated, keyring: buildKeyring(readKeyringFile(source.file), source) };
}

/** The keyring described by a file's contents plus the keys given in the environment. */
export function buildKeyring(
  file: KeyringFile,
  env: Pick<KeyringSource, 'masterKey' | 'previousMasterKeys'>,
): Keyring {
  const masterKeys = new Map<string, Buffer>();
  for (const [id, value] of Object.entries(file.masterKeys)) {
    const key = decodeKey(value, `Master key ${id} in the keyring file`);
    // Ids are derived from keys: a mismatch means a hand edit pasted the wrong key.
    if (keyId(key) !== id) throw new KeyringError(`Master key ${id} does not match its id`);
    masterKeys.set(id, key);
  }
  for (const [i, value] of (env.previousMasterKeys ?? []).entries()) {
    const key = decodeKey(value, `ANXIN_PREVIOUS_MASTER_KEY (key ${i + 1})`);
    masterKeys.set(keyId(key), key);
  }
  let current = file.current;
  if (env.masterKey) {
    const key = decodeKey(env.masterKey, 'ANXIN_MASTER_KEY');
    current = keyId(key);
    masterKeys.set(current, key);
  }
  if (current === undefined) {
    throw new KeyringError('The keyring file has no master key; set ANXIN_MASTER_KEY');
  }
  if (!masterKeys.has(current)) throw new MasterKeyMissingError(current);
  return {
    currentMasterKeyId: current,
    masterKeys,
    auditKey: decodeKey(file.auditKey, 'auditKey in the keyring file'),
    indexKey: decodeKey(file.indexKey, 'indexKey in the keyring file'),
    tokenKey: decodeKey(file.tokenKey, 'tokenKey in the keyring file'),
  };
}

/** A keyring for tests: fresh random keys, nothing on disk. */
export function ephemeralKeyring(): Keyring {
  return buildKeyring(generateKeyringFile(), { masterKey: undefined });
}
