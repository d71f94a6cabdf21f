import { and, eq, isNotNull } from 'drizzle-orm';
import { consents } from '../../../../platform/db/schema/index.ts';
import type { ErasureSource } from '../erasure-source.ts';

/**
 * Consent decisions: the address they were given from is erased; the decision itself (scope,
 * version, time) stays as evidence, linked only to the tombstone.
 */
export const consentsSource: ErasureSource = {
  kind: 'erase',
  category: 'consent_addresses',
  async eraseAll({ tx, organizationId, subjectUserId }) {
    const rows = await tx
      .update(consents)
      .set({ ipEnc: null, updatedAt: new Date() })
      .where(
        and(
          eq(consents.organizationId, organizationId),
          eq(consents.subjectId, subjectUserId),
          isNotNull(consents.ipEnc),
        ),
      )
      .returning({ id: consents.id });
    return rows.length;
  },
};
