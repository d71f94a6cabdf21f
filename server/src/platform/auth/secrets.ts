import { randomBytes, randomInt } from 'node:crypto';

/** 256-bit URL-safe secrets for session tokens and links. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Six-digit codes sent by e-mail or SMS; their attempts are capped, so 10^6 is enough. */
export function randomCode(): string {
  return randomInt(0, 1_000_000).toString().padStart(6, '0');
}

/** Backup codes: 10 base32-ish characters, grouped for reading aloud (xxxxx-xxxxx). */
export function randomBackupCode(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  let s = '';
  for (let i = 0; i < 10; i++) s += alphabet.charAt(randomInt(alphabet.length));
  return `${s.slice(0, 5)}-${s.slice(5)}`;
}
