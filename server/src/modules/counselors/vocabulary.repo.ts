import { and, asc, eq } from 'drizzle-orm';
import type { VocabularyKind } from '@anxin/common';
import type { Db } from '../../platform/db/database.ts';
import { vocabularyTerms } from '../../platform/db/schema/index.ts';

export type VocabularyRow = typeof vocabularyTerms.$inferSelect;
export type VocabularyPatch = Partial<
  Pick<VocabularyRow, 'labelZh' | 'labelEn' | 'active' | 'sortOrder' | 'qualifies'>
>;

const t = vocabularyTerms;

export async function listTerms(
  db: Db,
  organizationId: string,
  q: { kind?: VocabularyKind | undefined; includeRetired: boolean },
): Promise<VocabularyRow[]> {
  return db
    .select()
    .from(t)
    .where(
      and(
        eq(t.organizationId, organizationId),
        q.kind ? eq(t.kind, q.kind) : undefined,
        q.includeRetired ? undefined : eq(t.active, true),
      ),
    )
    .orderBy(asc(t.kind), asc(t.sortOrder), asc(t.code));
}

export async function findTerm(
  db: Db,
  organizationId: string,
  id: string,
  options: { lock?: boolean } = {},
): Promise<VocabularyRow | undefined> {
  const query = db
    .select()
    .from(t)
    .where(and(eq(t.organizationId, organizationId), eq(t.id, id)));
  return (options.lock ? await query.for('update') : await query)[0];
}

/** The new term, or undefined when the (kind, code) pair is taken (kept or retired). */
export async function insertTerm(
  tx: Db,
  values: Omit<VocabularyRow, 'id' | 'createdAt' | 'updatedAt' | 'active'>,
): Promise<VocabularyRow | undefined> {
  const rows = await tx.insert(t).values(values).onConflictDoNothing().returning();
  return rows[0];
}

export async function updateTerm(
  tx: Db,
  organizationId: string,
  id: string,
  patch: VocabularyPatch,
): Promise<VocabularyRow | undefined> {
  const rows = await tx
    .update(t)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(t.organizationId, organizationId), eq(t.id, id)))
    .returning();
  return rows[0];
}
