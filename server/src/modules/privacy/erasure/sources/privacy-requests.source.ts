import { and, eq, inArray, isNotNull, or } from 'drizzle-orm';
import { privacyRequests } from '../../../../platform/db/schema/index.ts';
import type { ErasureSource } from '../erasure-source.ts';

/**
 * The person's requests (their words, the answers) prove how a request was handled: sealed for
 * the privacy-request floor counted from completion (from now for open ones, including the
 * deletion request being carried out). Status and dates stay in clear.
 */
export const privacyRequestsSource: ErasureSource = {
  kind: 'seal',
  category: 'privacy_requests',
  table: 'privacy_requests',
  recordType: 'privacy_request',
  fields: [
    { column: 'detail_enc', field: 'detail' },
    { column: 'answer_enc', field: 'answer' },
  ],
  async findSealable({ tx, organizationId, subjectUserId, now }) {
    const rows = await tx
      .select({ id: privacyRequests.id, completedAt: privacyRequests.completedAt })
      .from(privacyRequests)
      .where(
        and(
          eq(privacyRequests.organizationId, organizationId),
          eq(privacyRequests.subjectUserId, subjectUserId),
          or(isNotNull(privacyRequests.detailEnc), isNotNull(privacyRequests.answerEnc)),
        ),
      );
    return rows.map((r) => ({ id: r.id, floorFrom: r.completedAt ?? now }));
  },
  async eraseRows(tx, organizationId, ids) {
    if (ids.length === 0) return 0;
    const rows = await tx
      .update(privacyRequests)
      .set({ detailEnc: null, answerEnc: null, updatedAt: new Date() })
      .where(
        and(
          eq(privacyRequests.organizationId, organizationId),
          inArray(privacyRequests.id, [...ids]),
          or(isNotNull(privacyRequests.detailEnc), isNotNull(privacyRequests.answerEnc)),
        ),
      )
      .returning({ id: privacyRequests.id });
    return rows.length;
  },
};
