import type { ConsentSettings } from '@anxin/common';

/** The part of a consent decision the rules look at. */
export interface Decision {
  signer: 'self' | 'guardian' | 'operator';
  signerUserId: string | null;
  documentVersion: number | null;
}

export type Verdict = 'ok' | 'none' | 'guardian_needed' | 'minor_needed';

/** Whole years between a date of birth (YYYY-MM-DD) and `now` (UTC calendar). */
export function ageOn(birthDate: string, now: Date): number {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  let age = now.getUTCFullYear() - y;
  const month = now.getUTCMonth() + 1;
  if (month < m || (month === m && now.getUTCDate() < d)) age -= 1;
  return age;
}

/**
 * Whether an active decision counts for a person of this age (C11). Under 14 only an active
 * guardian's signature counts; 14–17 follows the organisation: the minor, an active guardian, or
 * both — "both" is the active decision and the one it replaced, on the same document version,
 * one signed by the minor and one by an active guardian (one active row per scope, so the second
 * signature supersedes the first). Adults (or no date of birth) need only an active decision.
 */
export function judgeConsent(
  active: Decision | undefined,
  previous: Decision | undefined,
  age: number | null,
  setting: ConsentSettings['minorSigner'],
  guardians: ReadonlySet<string>,
): Verdict {
  if (!active) return 'none';
  if (age === null || age >= 18) return 'ok';
  const byGuardian = (d: Decision | undefined) =>
    !!d && d.signer === 'guardian' && !!d.signerUserId && guardians.has(d.signerUserId);
  const bySelf = (d: Decision | undefined) => !!d && d.signer === 'self';
  const rule = age < 14 ? 'guardian' : setting;
  if (rule === 'guardian') return byGuardian(active) ? 'ok' : 'guardian_needed';
  if (rule === 'self') return bySelf(active) ? 'ok' : 'minor_needed';
  const sameVersion = !!previous && previous.documentVersion === active.documentVersion;
  if (bySelf(active)) return sameVersion && byGuardian(previous) ? 'ok' : 'guardian_needed';
  if (byGuardian(active)) return sameVersion && bySelf(previous) ? 'ok' : 'minor_needed';
  return 'guardian_needed';
}
