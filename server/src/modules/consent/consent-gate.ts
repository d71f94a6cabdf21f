import type { ConsentScope } from '@anxin/common';
import { and, eq } from 'drizzle-orm';
import type { VaultScope } from '../../platform/crypto/vault.ts';
import type { Db } from '../../platform/db/database.ts';
import { users } from '../../platform/db/schema/index.ts';
import { AppError } from '../../platform/http/app-error.ts';
import { activeGuardianIds, findActiveConsents, findSupersededBy } from './consent.repo.ts';
import { ageOn, judgeConsent, type Verdict } from './consent-rules.ts';
import { consentSettings } from './consent-settings.ts';

/**
 * THE consent gate (B10). Every entry point that processes a person's data in a consented scope
 * calls it inside its own transaction, before writing anything: booking and rescheduling today
 * (scheduling/consent-gate.ts); sessions, counseling records and assessments must call
 * `requireActiveConsent(tx, vault, clientUserId, COUNSELING_CONSENT_SCOPES)` the
 * same way when they are built. It reads the rows in the caller's transaction, so a withdrawal
 * that committed first is seen at once.
 */
export async function requireActiveConsent(
  tx: Db,
  vault: VaultScope,
  subjectUserId: string,
  scopes: readonly ConsentScope[],
): Promise<void> {
  const verdicts = await consentVerdicts(tx, vault, subjectUserId, scopes);
  const missing = scopes.filter((s) => verdicts.get(s) !== 'ok');
  if (missing.length) {
    throw new AppError(
      'consent_required',
      `Active consent is required first (${missing.join(', ')}); sign it on the consent page.`,
    );
  }
}

/** Whether the consent in each scope counts now, for this person's age and the settings. */
export async function consentVerdicts(
  tx: Db,
  vault: VaultScope,
  subjectUserId: string,
  scopes: readonly ConsentScope[],
  now = new Date(),
): Promise<Map<ConsentScope, Verdict>> {
  const active = await findActiveConsents(tx, 'user', subjectUserId, scopes);
  const out = new Map<ConsentScope, Verdict>();
  const age = active.length ? await ageOf(tx, vault, subjectUserId, now) : null;
  const minor = age !== null && age < 18;
  const setting = minor
    ? (await consentSettings.get(tx, vault.organizationId)).minorSigner
    : 'both';
  const guardians = minor ? await activeGuardianIds(tx, subjectUserId) : new Set<string>();
  for (const scope of scopes) {
    const a = active.find((c) => c.scope === scope);
    const previous = a && minor ? await findSupersededBy(tx, a.id) : undefined;
    out.set(scope, judgeConsent(a, previous, age, setting, guardians));
  }
  return out;
}

/** The person's age from the sealed date of birth; null when none was given. */
export async function ageOf(
  tx: Db,
  vault: VaultScope,
  userId: string,
  now: Date,
): Promise<number | null> {
  const rows = await tx
    .select({ enc: users.birthDateEnc })
    .from(users)
    .where(and(eq(users.organizationId, vault.organizationId), eq(users.id, userId)))
    .limit(1);
  const birth = await vault.decryptOrNull(
    { type: 'person', id: userId },
    { table: 'users', field: 'birthDate', recordId: userId },
    rows[0]?.enc ?? null,
  );
  return birth ? ageOn(birth, now) : null;
}
