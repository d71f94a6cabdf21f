import { and, count, desc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/database.ts';
import { breachAffected, breachIncidents, users } from '../../../platform/db/schema/index.ts';

export type IncidentRow = typeof breachIncidents.$inferSelect;
export type NewIncidentRow = typeof breachIncidents.$inferInsert;

export async function insertIncident(tx: Db, row: NewIncidentRow): Promise<IncidentRow> {
  const [inserted] = await tx.insert(breachIncidents).values(row).returning();
  if (!inserted) throw new Error('incident not inserted');
  return inserted;
}

export async function findIncident(
  db: Db,
  organizationId: string,
  id: string,
  options: { lock?: boolean } = {},
): Promise<IncidentRow | undefined> {
  const q = db
    .select()
    .from(breachIncidents)
    .where(and(eq(breachIncidents.organizationId, organizationId), eq(breachIncidents.id, id)));
  return (options.lock ? await q.for('update') : await q)[0];
}

export function listIncidents(db: Db, organizationId: string): Promise<IncidentRow[]> {
  return db
    .select()
    .from(breachIncidents)
    .where(eq(breachIncidents.organizationId, organizationId))
    .orderBy(desc(breachIncidents.discoveredAt), desc(breachIncidents.id))
    .limit(500);
}

export async function updateIncident(
  tx: Db,
  id: string,
  patch: Partial<NewIncidentRow>,
): Promise<IncidentRow> {
  const [row] = await tx
    .update(breachIncidents)
    .set(patch)
    .where(eq(breachIncidents.id, id))
    .returning();
  if (!row) throw new Error('incident vanished');
  return row;
}

export interface AffectedCounts {
  affected: number;
  notified: number;
  /** Not told yet and still reachable (an erased person cannot be told anything). */
  unnotified: number;
}

/** Affected, notified and still-to-tell counts per incident. */
export async function affectedCounts(
  db: Db,
  incidentIds: readonly string[],
): Promise<Map<string, AffectedCounts>> {
  const out = new Map<string, AffectedCounts>();
  if (incidentIds.length === 0) return out;
  const rows = await db
    .select({
      incidentId: breachAffected.incidentId,
      affected: count(),
      notified: sql<number>`count(${breachAffected.notifiedAt})::int`.mapWith(Number),
      unnotified: sql<number>`count(*) FILTER (WHERE ${breachAffected.notifiedAt} IS NULL
        AND ${users.status} <> 'erased')::int`.mapWith(Number),
    })
    .from(breachAffected)
    .leftJoin(users, eq(users.id, breachAffected.subjectUserId))
    .where(inArray(breachAffected.incidentId, [...incidentIds]))
    .groupBy(breachAffected.incidentId);
  for (const r of rows) {
    out.set(r.incidentId, {
      affected: r.affected,
      notified: r.notified,
      unnotified: r.unnotified,
    });
  }
  return out;
}

/** Adds affected people; those already recorded stay as they are. Returns how many were new. */
export async function addAffected(
  tx: Db,
  organizationId: string,
  incidentId: string,
  subjectIds: readonly string[],
): Promise<number> {
  if (subjectIds.length === 0) return 0;
  const inserted = await tx
    .insert(breachAffected)
    .values(subjectIds.map((subjectUserId) => ({ organizationId, incidentId, subjectUserId })))
    .onConflictDoNothing({ target: [breachAffected.incidentId, breachAffected.subjectUserId] })
    .returning({ id: breachAffected.id });
  return inserted.length;
}

/** The affected people not yet told, locked with the incident row their run already holds. */
export function lockUnnotified(tx: Db, incidentId: string) {
  return tx
    .select({ id: breachAffected.id, subjectUserId: breachAffected.subjectUserId })
    .from(breachAffected)
    .where(and(eq(breachAffected.incidentId, incidentId), isNull(breachAffected.notifiedAt)))
    .for('update');
}

export async function markNotified(tx: Db, affectedId: string, at: Date): Promise<void> {
  await tx.update(breachAffected).set({ notifiedAt: at }).where(eq(breachAffected.id, affectedId));
}

/** Incidents whose deadlines may have passed (not closed), for the overdue sweep. */
export function openIncidents(db: Db) {
  return db
    .select({ id: breachIncidents.id, organizationId: breachIncidents.organizationId })
    .from(breachIncidents)
    .where(ne(breachIncidents.status, 'closed'));
}
