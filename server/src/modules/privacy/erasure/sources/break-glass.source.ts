import { and, eq, inArray } from 'drizzle-orm';
import { breakGlassGrants } from '../../../../platform/db/schema/index.ts';
import type { ErasureSource } from '../erasure-source.ts';

/**
 * Break-glass openings of the person's record: access records, kept like audit events. Their
 * written reason was encrypted under the person's key, so it is sealed for the audit floor.
 */
export const breakGlassSource: ErasureSource = {
  kind: 'seal',
  category: 'break_glass_reasons',
  table: 'break_glass_grants',
  recordType: 'audit_event',
  fields: [{ column: 'reason_enc', field: 'reason' }],
  async findSealable({ tx, organizationId, subjectUserId }) {
    const rows = await tx
      .select({ id: breakGlassGrants.id, at: breakGlassGrants.createdAt })
      .from(breakGlassGrants)
      .where(
        and(
          eq(breakGlassGrants.organizationId, organizationId),
          eq(breakGlassGrants.resourceType, 'user'),
          eq(breakGlassGrants.resourceId, subjectUserId),
        ),
      );
    return rows.map((r) => ({ id: r.id, floorFrom: r.at }));
  },
  async eraseRows(tx, organizationId, ids) {
    if (ids.length === 0) return 0;
    const rows = await tx
      .delete(breakGlassGrants)
      .where(
        and(
          eq(breakGlassGrants.organizationId, organizationId),
          inArray(breakGlassGrants.id, [...ids]),
        ),
      )
      .returning({ id: breakGlassGrants.id });
    return rows.length;
  },
};
