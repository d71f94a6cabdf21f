import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';

/**
 * The first check of every booking, inside the booking's transaction. Today it always passes:
 * the consent module (next issue: informed consent, and a guardian's consent for minors) plugs in
 * here and throws to refuse, so the booking rolls back with nothing written.
 */
export async function assertConsentForBooking(_tx: Db, _actor: Actor): Promise<void> {}
