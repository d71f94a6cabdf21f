import { and, eq, inArray } from 'drizzle-orm';
import { disclosures } from '../../../../platform/db/schema/index.ts';
import type { ErasureSource } from '../erasure-source.ts';

/**
 * Disclosures to third parties (B7, C7) are part of the counseling record and the organisation's
 * proof that it acted lawfully: sealed for the counseling floor counted from the disclosure.
 */
export const disclosuresSource: ErasureSource = {
  kind: 'seal',
  category: 'disclosures',
  table: 'disclosures',
  recordType: 'counseling_record',
  fields: [
    { column: 'recipient_enc', field: 'recipient' },
    { column: 'content_enc', field: 'content' },
  ],
  async findSealable({ tx, organizationId, subjectUserId }) {
    const rows = await tx
      .select({ id: disclosures.id, at: disclosures.disclosedAt })
      .from(disclosures)
      .where(
        and(
          eq(disclosures.organizationId, organizationId),
          eq(disclosures.subjectUserId, subjectUserId),
        ),
      );
    return rows.map((r) => ({ id: r.id, floorFrom: r.at }));
  },
  async eraseRows(tx, organizationId, ids) {
    if (ids.length === 0) return 0;
    // Both columns are required: the row goes (it would say nothing without them).
    const rows = await tx
      .delete(disclosures)
      .where(and(eq(disclosures.organizationId, organizationId), inArray(disclosures.id, [...ids])))
      .returning({ id: disclosures.id });
    return rows.length;
  },
};
