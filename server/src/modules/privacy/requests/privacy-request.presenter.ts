import type { PrivacyRequest } from '@anxin/common';
import type { VaultScope } from '../../../platform/crypto/vault.ts';
import type { PrivacyRequestRow } from './privacy-request.repo.ts';
import { isOverdue } from './request-status.ts';
import { requestOwner, requestRef } from './request-crypto.ts';

/** Decrypts the person's words and the answer; `withText: false` leaves them out (queue lists). */
export async function presentRequest(
  vault: VaultScope,
  row: PrivacyRequestRow,
  opts: { now: Date; names: Map<string, string>; withText: boolean },
): Promise<PrivacyRequest> {
  const owner = requestOwner(row.subjectUserId);
  const text = async (field: 'detail' | 'answer', value: string | null) =>
    opts.withText ? vault.decryptOrNull(owner, requestRef(row.id, field), value) : null;
  return {
    id: row.id,
    subjectUserId: row.subjectUserId,
    subjectName: opts.names.get(row.subjectUserId) ?? null,
    kind: row.kind,
    status: row.status,
    scope: row.scope,
    detail: await text('detail', row.detailEnc),
    answer: await text('answer', row.answerEnc),
    receivedAt: row.receivedAt.toISOString(),
    dueAt: row.dueAt.toISOString(),
    completedAt: row.completedAt?.toISOString() ?? null,
    overdue: isOverdue(row, opts.now),
    handlerUserId: row.handlerUserId,
    handlerName: row.handlerUserId ? (opts.names.get(row.handlerUserId) ?? null) : null,
    certificate: row.certificate ?? null,
  };
}
