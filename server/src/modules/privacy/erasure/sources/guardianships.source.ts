import { and, eq, ne, or } from 'drizzle-orm';
import { guardianships } from '../../../../platform/db/schema/index.ts';
import type { ErasureSource } from '../erasure-source.ts';

/** Guardian links of the person (either side) end: revoked, so no one acts for a tombstone. */
export const guardianshipsSource: ErasureSource = {
  kind: 'erase',
  category: 'guardianships',
  async eraseAll({ tx, organizationId, subjectUserId, now }) {
    const rows = await tx
      .update(guardianships)
      .set({ status: 'revoked', revokedAt: now, updatedAt: now })
      .where(
        and(
          eq(guardianships.organizationId, organizationId),
          ne(guardianships.status, 'revoked'),
          or(
            eq(guardianships.guardianUserId, subjectUserId),
            eq(guardianships.minorUserId, subjectUserId),
          ),
        ),
      )
      .returning({ id: guardianships.id });
    return rows.length;
  },
};
