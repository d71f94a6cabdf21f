import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../../platform/db/database.ts';
import { legalHolds, users } from '../../../platform/db/schema/index.ts';

export type LegalHoldRow = typeof legalHolds.$inferSelect;

/** The active holds naming this person (a hold on a case reference alone names nobody). */
export function activeHoldsFor(db: Db, organizationId: string, subjectUserId: string) {
  return db
    .select()
    .from(legalHolds)
    .where(
      and(
        eq(legalHolds.organizationId, organizationId),
        eq(legalHolds.subjectUserId, subjectUserId),
        isNull(legalHolds.releasedAt),
      ),
    );
}

/** Ids of every person under an active hold in the organisation. */
export async function heldSubjects(db: Db, organizationId: string): Promise<Set<string>> {
  const rows = await db
    .select({ id: legalHolds.subjectUserId })
    .from(legalHolds)
    .where(and(eq(legalHolds.organizationId, organizationId), isNull(legalHolds.releasedAt)));
  return new Set(rows.flatMap((r) => (r.id ? [r.id] : [])));
}

export function listHolds(db: Db, organizationId: string) {
  return db
    .select({ hold: legalHolds, subjectName: users.displayName })
    .from(legalHolds)
    .leftJoin(users, eq(users.id, legalHolds.subjectUserId))
    .where(eq(legalHolds.organizationId, organizationId))
    .orderBy(desc(legalHolds.placedAt));
}

export async function findHold(db: Db, organizationId: string, id: string, lock = false) {
  const q = db
    .select()
    .from(legalHolds)
    .where(and(eq(legalHolds.organizationId, organizationId), eq(legalHolds.id, id)));
  return (await (lock ? q.for('update') : q))[0];
}
