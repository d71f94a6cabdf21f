import { COUNSELING_CONSENT_SCOPES } from '@anxin/common';
import { requireActiveConsent } from '../consent/consent-gate.ts';
import type { SchedulingWork } from './appointment-context.ts';

/**
 * The first check of every booking and rescheduling, inside its transaction: the client (not the
 * actor: staff reschedule too) must hold active consent to the counseling service and, separately,
 * to processing of sensitive information (B10); for a minor, signed as the organisation requires
 * (C11). It throws `consent_required`, so the booking rolls back with nothing written.
 */
export async function assertConsentForBooking(
  w: Pick<SchedulingWork, 'tx' | 'vault'>,
  clientUserId: string,
): Promise<void> {
  await requireActiveConsent(w.tx, w.vault, clientUserId, COUNSELING_CONSENT_SCOPES);
}
