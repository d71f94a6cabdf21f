import { and, desc, eq, inArray } from 'drizzle-orm';
import type { ConsentScope } from '@anxin/common';
import type { Db } from '../../platform/db/database.ts';
import { consents, guardianships, policyDocuments } from '../../platform/db/schema/index.ts';

export type ConsentRow = typeof consents.$inferSelect;
export type ConsentWithKind = ConsentRow & {
  documentKind: (typeof policyDocuments.$inferSelect)['kind'] | null;
};
type SubjectType = ConsentRow['subjectType'];

/** The active decisions of a subject in these scopes; `lock` holds them for a new decision. */
export async function findActiveConsents(
  db: Db,
  subjectType: SubjectType,
  subjectId: string,
  scopes: readonly ConsentScope[],
  options: { lock?: boolean } = {},
): Promise<ConsentRow[]> {
  const q = db
    .select()
    .from(consents)
    .where(
      and(
        eq(consents.subjectType, subjectType),
        eq(consents.subjectId, subjectId),
        inArray(consents.scope, [...scopes]),
        eq(consents.status, 'active'),
      ),
    );
  return options.lock ? q.for('update') : q;
}

/** The decision a newer one replaced (for "both sign": the minor's and the guardian's). */
export async function findSupersededBy(db: Db, id: string): Promise<ConsentRow | undefined> {
  const rows = await db.select().from(consents).where(eq(consents.supersededBy, id)).limit(1);
  return rows[0];
}

/** Every decision of a user, newest first, with the kind of document each was made on. */
export async function listSubjectConsents(
  db: Db,
  organizationId: string,
  subjectId: string,
): Promise<ConsentWithKind[]> {
  const rows = await db
    .select({ c: consents, kind: policyDocuments.kind })
    .from(consents)
    .leftJoin(policyDocuments, eq(policyDocuments.id, consents.documentId))
    .where(
      and(
        eq(consents.organizationId, organizationId),
        eq(consents.subjectType, 'user'),
        eq(consents.subjectId, subjectId),
      ),
    )
    .orderBy(desc(consents.decidedAt), desc(consents.createdAt));
  return rows.map((r) => ({ ...r.c, documentKind: r.kind }));
}

export async function insertConsent(
  db: Db,
  values: typeof consents.$inferInsert,
): Promise<ConsentRow> {
  const rows = await db.insert(consents).values(values).returning();
  const row = rows[0];
  if (!row) throw new Error('consent not inserted');
  return row;
}

export async function updateConsent(
  db: Db,
  id: string,
  patch: Partial<typeof consents.$inferInsert>,
): Promise<ConsentRow> {
  const rows = await db.update(consents).set(patch).where(eq(consents.id, id)).returning();
  const row = rows[0];
  if (!row) throw new Error('consent vanished');
  return row;
}

/** The users who are active guardians of a minor (a verified link, not revoked). */
export async function activeGuardianIds(db: Db, minorUserId: string): Promise<Set<string>> {
  const rows = await db
    .select({ id: guardianships.guardianUserId })
    .from(guardianships)
    .where(and(eq(guardianships.minorUserId, minorUserId), eq(guardianships.status, 'active')));
  return new Set(rows.map((r) => r.id));
}
