import { and, eq, sql } from 'drizzle-orm';
import { ledgerEntries } from '../../../../platform/db/schema/index.ts';
import type { ErasureSource } from '../erasure-source.ts';

/**
 * Charges, payments and refunds are accounting records (append-only) and hold no personal
 * content: amounts, provider, reference. They stay, linked only to the tombstone, so totals
 * survive; nothing in them is encrypted under the person's key.
 */
export const ledgerKept: ErasureSource = {
  kind: 'keep',
  category: 'ledger_entries',
  async count({ tx, organizationId, subjectUserId }) {
    const [row] = await tx
      .select({ n: sql<number>`count(*)::int`.mapWith(Number) })
      .from(ledgerEntries)
      .where(
        and(
          eq(ledgerEntries.organizationId, organizationId),
          eq(ledgerEntries.clientUserId, subjectUserId),
        ),
      );
    return row?.n ?? 0;
  },
};
