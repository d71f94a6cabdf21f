import { and, desc, eq, isNotNull, lte, max, sql } from 'drizzle-orm';
import type { PolicyDocumentKind } from '@anxin/common';
import type { Db } from '../../platform/db/database.ts';
import { policyDocuments } from '../../platform/db/schema/index.ts';

export type PolicyDocumentRow = typeof policyDocuments.$inferSelect;
const t = policyDocuments;

export async function findDocument(
  db: Db,
  organizationId: string,
  id: string,
  options: { lock?: boolean } = {},
): Promise<PolicyDocumentRow | undefined> {
  const q = db
    .select()
    .from(t)
    .where(and(eq(t.organizationId, organizationId), eq(t.id, id)))
    .limit(1);
  return (await (options.lock ? q.for('update') : q))[0];
}

export function listDocuments(
  db: Db,
  organizationId: string,
  filter: { kind?: PolicyDocumentKind | undefined; publishedOnly: boolean },
): Promise<PolicyDocumentRow[]> {
  return db
    .select()
    .from(t)
    .where(
      and(
        eq(t.organizationId, organizationId),
        filter.kind ? eq(t.kind, filter.kind) : undefined,
        filter.publishedOnly ? eq(t.status, 'published') : undefined,
      ),
    )
    .orderBy(t.kind, desc(t.version));
}

/** The version in force: the newest published one whose effective date has come. */
export async function findCurrentDocument(
  db: Db,
  organizationId: string,
  kind: PolicyDocumentKind,
  now: Date,
): Promise<PolicyDocumentRow | undefined> {
  const rows = await db
    .select()
    .from(t)
    .where(
      and(
        eq(t.organizationId, organizationId),
        eq(t.kind, kind),
        eq(t.status, 'published'),
        isNotNull(t.effectiveAt),
        lte(t.effectiveAt, now),
      ),
    )
    .orderBy(desc(t.version))
    .limit(1);
  return rows[0];
}

/**
 * Whether a published version after `afterVersion`, up to the one in force, is material: only
 * then must a person accept again (a typo fix is not).
 */
export async function hasMaterialChangeSince(
  db: Db,
  organizationId: string,
  kind: PolicyDocumentKind,
  afterVersion: number,
  uptoVersion: number,
): Promise<boolean> {
  const rows = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(t)
    .where(
      and(
        eq(t.organizationId, organizationId),
        eq(t.kind, kind),
        eq(t.status, 'published'),
        eq(t.material, true),
        sql`${t.version} > ${afterVersion} AND ${t.version} <= ${uptoVersion}`,
      ),
    );
  return (rows[0]?.n ?? 0) > 0;
}

export async function nextVersion(
  db: Db,
  organizationId: string,
  kind: PolicyDocumentKind,
): Promise<number> {
  const rows = await db
    .select({ v: max(t.version) })
    .from(t)
    .where(and(eq(t.organizationId, organizationId), eq(t.kind, kind)));
  return (rows[0]?.v ?? 0) + 1;
}

export async function insertDocument(
  db: Db,
  values: typeof policyDocuments.$inferInsert,
): Promise<PolicyDocumentRow> {
  const rows = await db.insert(t).values(values).returning();
  const row = rows[0];
  if (!row) throw new Error('policy document not inserted');
  return row;
}

export async function updateDocument(
  db: Db,
  id: string,
  patch: Partial<typeof policyDocuments.$inferInsert>,
): Promise<PolicyDocumentRow> {
  const rows = await db.update(t).set(patch).where(eq(t.id, id)).returning();
  const row = rows[0];
  if (!row) throw new Error('policy document vanished');
  return row;
}
