import type { Disclosure } from '@anxin/common';
import type { VaultScope } from '../../../platform/crypto/vault.ts';
import type { DisclosureRow } from './disclosure.repo.ts';

export const TABLE = 'disclosures';
/** Where a sealed field lives: the ciphertext is bound to its table, field and row. */
export const fieldRef = (field: 'recipient' | 'content', recordId: string) => ({
  table: TABLE,
  field,
  recordId,
});
export const subjectKey = (subjectUserId: string) =>
  ({ type: 'person', id: subjectUserId }) as const;

/**
 * A disclosure as its readers see it, what and to whom opened with the subject's key. An erased
 * subject's key is gone: the texts read as empty rather than failing the whole list.
 */
export async function presentDisclosure(
  vault: VaultScope,
  row: DisclosureRow,
): Promise<Disclosure> {
  const owner = subjectKey(row.subjectUserId);
  const recipient = await vault.decryptOrNull(
    owner,
    fieldRef('recipient', row.id),
    row.recipientEnc,
  );
  const content = await vault.decryptOrNull(owner, fieldRef('content', row.id), row.contentEnc);
  return {
    id: row.id,
    subjectUserId: row.subjectUserId,
    basis: row.basis,
    legalReference: row.legalReference,
    recipient: recipient ?? '',
    content: content ?? '',
    disclosedAt: row.disclosedAt.toISOString(),
    recordedBy: row.recordedBy,
    approvedBy: row.approvedBy,
    approvedAt: row.approvedAt?.toISOString() ?? null,
    approvalPending: needsApproval(row.basis) && row.approvedBy === null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Every basis but the person's own consent is an exception to confidentiality (C7). */
export const needsApproval = (basis: string) => basis !== 'consent';
