import type { CounselorProfileInput, FieldError, VocabularyKind } from '@anxin/common';
import type { Changes } from '../../platform/audit/audit.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/http/app-error.ts';
import type { CounselorProfileRow } from './counselor-access.ts';
import { activeCodes } from './counselor.repo.ts';

const VOCABULARY_FIELDS = [
  ['specialties', 'specialty'],
  ['approaches', 'approach'],
  ['languages', 'language'],
] as const satisfies readonly (readonly [keyof CounselorProfileInput, VocabularyKind])[];

/**
 * Every specialty, approach and language must be a term of the organisation's vocabularies that
 * is offered now. A retired term the profile already names may stay (the profile was valid when
 * saved), but cannot be added. Unknown codes answer 400 at their exact path (`body.specialties.1`).
 */
export async function requireKnownCodes(
  db: Db,
  organizationId: string,
  input: CounselorProfileInput,
  existing: CounselorProfileRow | null,
): Promise<void> {
  const errors: FieldError[] = [];
  for (const [field, kind] of VOCABULARY_FIELDS) {
    const allowed = await activeCodes(db, organizationId, kind);
    const kept = new Set<string>(existing?.[field] ?? []);
    input[field].forEach((code, i) => {
      if (!allowed.has(code) && !kept.has(code)) {
        errors.push({
          path: `body.${field}.${i}`,
          message: `Not a ${kind} this organisation offers`,
          code: 'unknown_code',
        });
      }
    });
  }
  if (errors.length) {
    throw new AppError('validation_failed', 'One or more fields are not valid.', errors);
  }
}

const unique = <T>(items: readonly T[]) => [...new Set(items)];

/** The columns a saved form sets. Saving is also a confirmation that the profile is current (A8). */
export function profileValues(input: CounselorProfileInput, now: Date) {
  const fees = Object.values(input.fees);
  return {
    displayName: input.displayName,
    gender: input.gender,
    languages: unique(input.languages),
    specialties: unique(input.specialties),
    approaches: unique(input.approaches),
    modalities: unique(input.modalities),
    yearsOfPractice: input.yearsOfPractice,
    bioZh: input.bioZh,
    bioEn: input.bioEn,
    fees: input.fees,
    // Kept beside `fees` so the directory can filter and sort by price in SQL.
    feeFromFen: fees.length ? Math.min(...fees) : null,
    lastReviewedAt: now,
  };
}

const AUDITED_FIELDS = [
  'displayName',
  'gender',
  'languages',
  'specialties',
  'approaches',
  'modalities',
  'yearsOfPractice',
  'bioZh',
  'bioEn',
  'fees',
] as const satisfies readonly (keyof CounselorProfileRow)[];

/**
 * The public fields that changed, old and new. These are the fields shown to clients, not
 * confidential ones, so the audit event may hold their values.
 */
export function profileChanges(
  before: CounselorProfileRow | null,
  after: CounselorProfileRow,
): Changes {
  const changes: Changes = {};
  for (const field of AUDITED_FIELDS) {
    const old = before ? before[field] : null;
    if (JSON.stringify(old) !== JSON.stringify(after[field])) {
      changes[field] = { old, new: after[field] };
    }
  }
  return changes;
}
