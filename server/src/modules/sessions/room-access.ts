import type { RoomRole } from '@anxin/common';
import type { Actor } from '../../platform/auth/actor.ts';
import type { VaultScope } from '../../platform/crypto/vault.ts';
import type { Db } from '../../platform/db/database.ts';
import { consentVerdicts } from '../consent/consent-gate.ts';
import type { SessionsSettings } from './sessions-settings.ts';

/** The two sides of an appointment, as a room sees them. */
export interface RoomParties {
  organizationId: string;
  clientUserId: string;
  counselorUserId: string;
}

/**
 * Who may be in a room (issue 7.1): the appointment's client, the counselor whose appointment it
 * is, and a supervisor as observer only when the organisation allows observing AND the client
 * holds an active consent in scope `session_recording` — the one scope in which a client agrees
 * that their session is seen by someone beyond their counselor. Consent is read at every join, so
 * a withdrawal takes effect at once. Everyone else (administrators included) gets null: a 404.
 */
export async function roleInRoom(
  tx: Db,
  vault: VaultScope,
  actor: Actor,
  parties: RoomParties,
  settings: Pick<SessionsSettings, 'observerAllowed'>,
): Promise<RoomRole | null> {
  if (actor.organizationId !== parties.organizationId) return null;
  if (actor.userId === parties.clientUserId) return 'client';
  if (actor.userId === parties.counselorUserId) return 'counselor';
  if (!actor.roles.includes('supervisor') || !settings.observerAllowed) return null;
  const verdicts = await consentVerdicts(tx, vault, parties.clientUserId, ['session_recording']);
  return verdicts.get('session_recording') === 'ok' ? 'observer' : null;
}
