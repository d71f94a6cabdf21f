import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM with a random 96-bit nonce and associated data. The envelope is text so it fits a
 * `text` column on both backends: `v1.<nonce>.<ciphertext>.<tag>`, base64url parts.
 */
const VERSION = 'v1';

export class DecryptionError extends Error {
  constructor() {
    super('decryption failed (wrong key, wrong associated data, or tampered ciphertext)');
  }
}

export function seal(key: Buffer, plaintext: Buffer, aad: string): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, nonce, ct, tag]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

export function open(key: Buffer, envelope: string, aad: string): Buffer {
  const [version, nonce, ct, tag] = envelope.split('.');
  if (version !== VERSION || nonce === undefined || ct === undefined || tag === undefined) {
    throw new DecryptionError();
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'base64url'));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]);
  } catch {
    throw new DecryptionError();
  }
}
