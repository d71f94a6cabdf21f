import { hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';
import { PASSWORD_MIN } from '@anxin/common';
import { AppError } from '../http/app-error.ts';

/**
 * argon2id at OWASP's minimum for argon2id (19 MiB, 2 passes, 1 lane). The parameters live in the
 * stored hash, so raising them later upgrades each hash at its owner's next sign-in.
 */
export const ARGON2_PARAMS = {
  algorithm: 2, // Algorithm.Argon2id (a const enum, which isolated modules cannot import)
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_PARAMS);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/**
 * Verifying against this when the account does not exist makes an unknown identifier cost the
 * same time as a wrong password (no account enumeration by timing).
 */
let dummyHash: Promise<string> | undefined;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword('anxin-timing-equaliser-not-a-real-password');
  await verifyPassword(await dummyHash, password);
}

/** True when a stored hash was made with weaker parameters than today's. */
export function needsRehash(stored: string): boolean {
  const m = /\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(stored);
  if (!m) return true;
  return Number(m[1]) < ARGON2_PARAMS.memoryCost || Number(m[2]) < ARGON2_PARAMS.timeCost;
}

const COMMON = new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));

/** Why a password is refused, or null. Length is checked by the schema too; this is the rest. */
export function passwordProblem(password: string, personal: readonly string[] = []): string | null {
  if (password.length < PASSWORD_MIN) return `Use at least ${PASSWORD_MIN} characters.`;
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) return 'This password is on lists of common passwords.';
  if (/^(.)\1+$/.test(password)) return 'Do not repeat one character.';
  for (const word of personal) {
    if (word.length >= 4 && lower.includes(word.toLowerCase())) {
      return 'Do not use your name or contact details in the password.';
    }
  }
  return null;
}

/** Refuses a weak password with `weak_password`, naming the field it came from. */
export function assertAcceptablePassword(
  password: string,
  personal: readonly string[],
  path = 'body.password',
): void {
  const problem = passwordProblem(password, personal);
  if (problem) {
    throw new AppError('weak_password', problem, [
      { path, message: problem, code: 'weak_password' },
    ]);
  }
}
