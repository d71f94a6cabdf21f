import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../platform/db/database.ts';
import { privacyRequests, users } from '../../../platform/db/schema/index.ts';

export type PrivacyRequestRow = typeof privacyRequests.$inferSelect;
export type PrivacyRequestPatch = Partial<
  Pick<PrivacyRequestRow, 'status' | 'handlerUserId' | 'answerEnc' | 'completedAt' | 'certificate'>
>;

export async function findRequest(
  db: Db,
  organizationId: string,
  id: string,
  opts: { lock?: boolean } = {},
): Promise<PrivacyRequestRow | undefined> {
  const q = db
    .select()
    .from(privacyRequests)
    .where(and(eq(privacyRequests.organizationId, organizationId), eq(privacyRequests.id, id)));
  return (await (opts.lock ? q.for('update') : q))[0];
}

/**
 * Requests matching `where`: open and overdue ones first (the queue's point), then by due date,
 * then the newest received.
 */
export function listRequests(db: Db, where: SQL, now: Date, limit = 500) {
  const overdueFirst = sql`CASE WHEN ${privacyRequests.status} IN ('received', 'in_progress')
      AND ${privacyRequests.dueAt} < ${now.toISOString()}::timestamptz THEN 0 ELSE 1 END`;
  const openFirst = sql`CASE WHEN ${privacyRequests.status} IN ('received', 'in_progress')
      THEN 0 ELSE 1 END`;
  return db
    .select()
    .from(privacyRequests)
    .where(where)
    .orderBy(overdueFirst, openFirst, asc(privacyRequests.dueAt), desc(privacyRequests.receivedAt))
    .limit(limit);
}

export async function updateRequest(
  db: Db,
  id: string,
  patch: PrivacyRequestPatch,
): Promise<PrivacyRequestRow> {
  const [row] = await db
    .update(privacyRequests)
    .set(patch)
    .where(eq(privacyRequests.id, id))
    .returning();
  if (!row) throw new Error('privacy request vanished during its update');
  return row;
}

/** Display names of users, for the queue (subjects and handlers). */
export async function displayNames(
  db: Db,
  organizationId: string,
  ids: readonly string[],
): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, displayName: users.displayName })
    .from(users)
    .where(and(eq(users.organizationId, organizationId), inArray(users.id, unique)));
  return new Map(rows.map((r) => [r.id, r.displayName]));
}
