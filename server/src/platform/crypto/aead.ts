import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM with a random 96-bit nonce and associated data. The envelope is text so it fits a
 * `text` column on both backends: `v1.<nonce>.<ciphertext>.<tag>`, base64url parts without padding.
 *
 * Random nonces are safe here because each data key seals few values (one person's fields); the
 * 2^32-messages-per-key bound of random GCM nonces is far away.
 */
const VERSION = 'v1';
export const KEY_BYTES = 32;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/**
 * One message for every failure, so an error (or a log line, or an API answer built from it)
 * tells an attacker nothing about which check failed and never quotes the envelope.
 */
export class DecryptionError extends Error {
  override readonly name = 'DecryptionError';
  constructor() {
    super('decryption failed (wrong key, wrong associated data, or tampered ciphertext)');
  }
}

export function seal(key: Buffer, plaintext: Buffer, aad: string): string {
  assertKey(key);
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, b64(nonce), b64(ct), b64(tag)].join('.');
}

export function open(key: Buffer, envelope: string, aad: string): Buffer {
  assertKey(key);
  const parts = envelope.split('.');
  if (parts.length !== 4 || parts[0] !== VERSION) throw new DecryptionError();
  const nonce = strictBase64url(parts[1]);
  const ct = strictBase64url(parts[2]);
  const tag = strictBase64url(parts[3]);
  // Without these checks Node accepts any nonce length and tags as short as 4 bytes, and a
  // 4-byte tag can be forged in about 2^32 tries.
  if (nonce?.length !== NONCE_BYTES || tag?.length !== TAG_BYTES || !ct) {
    throw new DecryptionError();
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(tag);
    // `update` yields unauthenticated bytes: they are returned only if `final` verifies the tag.
    return Buffer.concat([decipher.update(ct), decipher.final()]);
  } catch {
    throw new DecryptionError();
  }
}

/** The binary envelope's first byte: lets the format change without guessing. */
const BINARY_VERSION = 1;

/**
 * The same AES-256-GCM for large values (uploaded files) in a `bytea` column, without the text
 * envelope's base64 growth: `version ‖ nonce ‖ ciphertext ‖ tag`.
 */
export function sealBytes(key: Buffer, plaintext: Buffer, aad: string): Buffer {
  assertKey(key);
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([Buffer.from([BINARY_VERSION]), nonce, ct, cipher.getAuthTag()]);
}

export function openBytes(key: Buffer, envelope: Buffer, aad: string): Buffer {
  assertKey(key);
  if (envelope.length < 1 + NONCE_BYTES + TAG_BYTES || envelope[0] !== BINARY_VERSION) {
    throw new DecryptionError();
  }
  const nonce = envelope.subarray(1, 1 + NONCE_BYTES);
  const tag = envelope.subarray(envelope.length - TAG_BYTES);
  const ct = envelope.subarray(1 + NONCE_BYTES, envelope.length - TAG_BYTES);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ct), decipher.final()]);
  } catch {
    throw new DecryptionError();
  }
}

/** A wrong-sized key is a programming error, not a bad ciphertext: say so, without the key. */
function assertKey(key: Buffer): void {
  if (key.length !== KEY_BYTES) throw new RangeError(`AES-256-GCM needs a ${KEY_BYTES}-byte key`);
}

const b64 = (bytes: Buffer) => bytes.toString('base64url');

/**
 * Node's decoder skips characters it does not know and ignores the spare bits of the last one,
 * so several texts decode to the same bytes. Accepting only the canonical text makes every
 * change to a stored envelope detectable, not just the ones that change the decoded bytes.
 */
function strictBase64url(text: string | undefined): Buffer | undefined {
  if (text === undefined) return undefined;
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : undefined;
}
