import { and, asc, eq, or } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { guardianships, users } from '../../../../platform/db/schema/index.ts';
import { iso, type ExportSource } from '../export-source.ts';

const guardian = alias(users, 'guardian');
const minor = alias(users, 'minor');

/** Guardianships the person is in, as guardian or as minor (C11). */
export const guardianshipsSource: ExportSource = {
  name: 'guardianships',
  async collect(tx, _vault, subject) {
    const rows = await tx
      .select({
        g: guardianships,
        guardianName: guardian.displayName,
        minorName: minor.displayName,
      })
      .from(guardianships)
      .leftJoin(guardian, eq(guardian.id, guardianships.guardianUserId))
      .leftJoin(minor, eq(minor.id, guardianships.minorUserId))
      .where(
        and(
          eq(guardianships.organizationId, subject.organizationId),
          or(
            eq(guardianships.guardianUserId, subject.userId),
            eq(guardianships.minorUserId, subject.userId),
          ),
        ),
      )
      .orderBy(asc(guardianships.createdAt));
    return rows.map(({ g, guardianName, minorName }) => ({
      id: g.id,
      myRole: g.guardianUserId === subject.userId ? 'guardian' : 'minor',
      guardian: guardianName,
      minor: minorName,
      relationship: g.relationship,
      status: g.status,
      verifiedAt: iso(g.verifiedAt),
      revokedAt: iso(g.revokedAt),
      createdAt: iso(g.createdAt),
    }));
  },
};
