import { randomUUID } from 'node:crypto';
import type { DisclosureBasis } from '@anxin/common';
import { audit } from '../../platform/audit/request-audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { VaultScope } from '../../platform/crypto/vault.ts';
import type { Db } from '../../platform/db/database.ts';
import { SENSITIVE_CHANGE } from '../identity/audit-helpers.ts';
import { fieldRef, subjectKey } from '../privacy/disclosures/disclosure.presenter.ts';
import { insertDisclosure } from '../privacy/disclosures/disclosure.repo.ts';
import type { CarePlansContext } from './care-access.ts';

/**
 * Enters a referral that passes information on into the disclosure register (B7, C7), in the
 * referral's own transaction, exactly as `recordDisclosure` enters any disclosure: recipient and
 * content sealed under the client's key, the `disclosure.create` event. A referral under an
 * exception therefore waits there for a supervisor's or administrator's approval like every
 * other exception disclosure; there is no second approval queue for referrals.
 */
export async function registerReferralDisclosure(
  tx: Db,
  ctx: CarePlansContext,
  vault: VaultScope,
  o: {
    actor: Actor;
    clientUserId: string;
    basis: DisclosureBasis;
    legalReference: string | null;
    /** The resource as named in the directory, with its number. */
    recipient: string;
    /** What the resource was told: the reason for the referral (and, under an exception, why). */
    content: string;
    disclosedAt: Date;
  },
): Promise<string> {
  const id = randomUUID();
  const owner = subjectKey(o.clientUserId);
  const row = await insertDisclosure(tx, {
    id,
    organizationId: o.actor.organizationId,
    subjectUserId: o.clientUserId,
    basis: o.basis,
    legalReference: o.legalReference,
    recipientEnc: await vault.encrypt(owner, fieldRef('recipient', id), o.recipient),
    contentEnc: await vault.encrypt(owner, fieldRef('content', id), o.content),
    disclosedAt: o.disclosedAt,
    recordedBy: o.actor.userId,
  });
  await audit(tx, ctx.app.vault.keyring.auditKey, ctx.meta, {
    organizationId: o.actor.organizationId,
    action: 'disclosure.create',
    entityType: 'disclosure',
    entityId: id,
    subjectId: o.clientUserId,
    changes: {
      basis: { old: null, new: o.basis },
      legalReference: { old: null, new: row.legalReference },
      recipient: SENSITIVE_CHANGE,
      content: SENSITIVE_CHANGE,
    },
  });
  return id;
}
