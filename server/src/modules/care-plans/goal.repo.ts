import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { goalProgressReviews, treatmentGoals, users } from '../../platform/db/schema/index.ts';
import type { CareResource } from '../records/clinical-relations.ts';
import { careResourceColumns, toCareResource } from './care-access.ts';

export type GoalRow = typeof treatmentGoals.$inferSelect;
export type ReviewRow = typeof goalProgressReviews.$inferSelect;
export interface GoalHit {
  row: GoalRow;
  resource: CareResource;
  authorName: string;
}

/** The goals matching `where`, each with what the policy needs to judge it. SQL only. */
export async function selectGoals(
  db: Db,
  where: SQL,
  options: { lock?: boolean; limit?: number } = {},
): Promise<GoalHit[]> {
  const q = db
    .select({
      row: treatmentGoals,
      authorName: users.displayName,
      ...careResourceColumns(treatmentGoals),
    })
    .from(treatmentGoals)
    .innerJoin(users, eq(users.id, treatmentGoals.authorUserId))
    .where(where)
    .orderBy(asc(treatmentGoals.createdAt), asc(treatmentGoals.id))
    .limit(options.limit ?? 500);
  const rows = options.lock ? await q.for('update', { of: treatmentGoals }) : await q;
  return rows.map((r) => ({
    row: r.row,
    authorName: r.authorName,
    resource: toCareResource(r.row, r),
  }));
}

export async function findGoal(db: Db, organizationId: string, id: string, lock = false) {
  const [hit] = await selectGoals(
    db,
    and(eq(treatmentGoals.organizationId, organizationId), eq(treatmentGoals.id, id)) ?? sql`false`,
    { lock, limit: 1 },
  );
  return hit;
}

/** The reviews of some goals, oldest first, with their authors' names. */
export async function reviewsOf(
  db: Db,
  goalIds: readonly string[],
): Promise<(ReviewRow & { authorName: string })[]> {
  if (goalIds.length === 0) return [];
  const rows = await db
    .select({ r: goalProgressReviews, authorName: users.displayName })
    .from(goalProgressReviews)
    .innerJoin(users, eq(users.id, goalProgressReviews.authorUserId))
    .where(inArray(goalProgressReviews.goalId, [...goalIds]))
    .orderBy(asc(goalProgressReviews.reviewedOn), asc(goalProgressReviews.createdAt));
  return rows.map((r) => ({ ...r.r, authorName: r.authorName }));
}

/** Which goal revised each of these (previous id → revising goal id). */
export async function revisionsOf(db: Db, goalIds: readonly string[]) {
  if (goalIds.length === 0) return new Map<string, string>();
  const rows = await db
    .select({ id: treatmentGoals.id, previous: treatmentGoals.previousGoalId })
    .from(treatmentGoals)
    .where(inArray(treatmentGoals.previousGoalId, [...goalIds]));
  return new Map(rows.flatMap((r) => (r.previous ? [[r.previous, r.id] as const] : [])));
}

export async function insertGoal(tx: Db, values: typeof treatmentGoals.$inferInsert) {
  const [row] = await tx.insert(treatmentGoals).values(values).returning();
  if (!row) throw new Error('goal not inserted');
  return row;
}

export async function insertReview(tx: Db, values: typeof goalProgressReviews.$inferInsert) {
  const [row] = await tx.insert(goalProgressReviews).values(values).returning();
  if (!row) throw new Error('review not inserted');
  return row;
}

export async function setGoalStatus(
  tx: Db,
  id: string,
  values: Pick<GoalRow, 'status' | 'statusReasonEnc' | 'statusChangedAt' | 'statusChangedBy'>,
) {
  const [row] = await tx
    .update(treatmentGoals)
    .set({ ...values, updatedAt: values.statusChangedAt ?? new Date() })
    .where(eq(treatmentGoals.id, id))
    .returning();
  if (!row) throw new Error('goal vanished');
  return row;
}
