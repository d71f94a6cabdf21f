import { and, asc, between, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import {
  counselorProfiles,
  storedFiles,
  supervisionSessions,
  trainingRecords,
  userRoles,
  users,
} from '../../platform/db/schema/index.ts';

export type TrainingRow = typeof trainingRecords.$inferSelect;
export type SupervisionRow = typeof supervisionSessions.$inferSelect;
export interface EvidenceInfo {
  id: string;
  mediaType: string;
  sizeBytes: number;
}

const tr = trainingRecords;
const ss = supervisionSessions;

/** A calendar year as inclusive date bounds (dates are calendar dates: no time zone to apply). */
export function yearRange(year: number): { from: string; to: string } {
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

/** The counselor's training in the range, each with its evidence's type and size (not bytes). */
export async function listTraining(
  db: Db,
  organizationId: string,
  counselorId: string,
  range: { from: string; to: string },
) {
  return db
    .select({
      record: tr,
      evidence: {
        id: storedFiles.id,
        mediaType: storedFiles.mediaType,
        sizeBytes: storedFiles.sizeBytes,
      },
    })
    .from(tr)
    .leftJoin(storedFiles, eq(storedFiles.id, tr.evidenceFileId))
    .where(
      and(
        eq(tr.organizationId, organizationId),
        eq(tr.counselorId, counselorId),
        between(tr.completedOn, range.from, range.to),
      ),
    )
    .orderBy(desc(tr.completedOn), asc(tr.id));
}

export async function listSupervision(
  db: Db,
  organizationId: string,
  counselorId: string,
  range: { from: string; to: string },
): Promise<SupervisionRow[]> {
  return db
    .select()
    .from(ss)
    .where(
      and(
        eq(ss.organizationId, organizationId),
        eq(ss.counselorId, counselorId),
        between(ss.heldOn, range.from, range.to),
      ),
    )
    .orderBy(desc(ss.heldOn), asc(ss.id));
}

/** One training record of this counselor, locked for the change that follows. */
export async function findTraining(
  tx: Db,
  organizationId: string,
  counselorId: string,
  id: string,
): Promise<TrainingRow | undefined> {
  const rows = await tx
    .select()
    .from(tr)
    .where(
      and(eq(tr.organizationId, organizationId), eq(tr.counselorId, counselorId), eq(tr.id, id)),
    )
    .for('update');
  return rows[0];
}

export async function findSupervision(
  tx: Db,
  organizationId: string,
  counselorId: string,
  id: string,
): Promise<SupervisionRow | undefined> {
  const rows = await tx
    .select()
    .from(ss)
    .where(
      and(eq(ss.organizationId, organizationId), eq(ss.counselorId, counselorId), eq(ss.id, id)),
    )
    .for('update');
  return rows[0];
}

/** Whether the user holds the supervisor role in this organisation. */
export async function isSupervisor(db: Db, organizationId: string, userId: string) {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, 'supervisor')))
    .where(and(eq(users.organizationId, organizationId), eq(users.id, userId)))
    .limit(1);
  return rows.length > 0;
}

/**
 * Approved and suspended counselors whose training hours in the range fall short of the
 * requirement (C5), largest shortfall first: one grouped query, whatever the number of counselors.
 */
export async function listShortfall(
  db: Db,
  organizationId: string,
  range: { from: string; to: string },
  requiredTenths: number,
) {
  const p = counselorProfiles;
  const tenths = sql<number>`coalesce(sum(${tr.hoursTenths}), 0)`.mapWith(Number);
  return db
    .select({ id: p.id, displayName: p.displayName, status: p.status, tenths })
    .from(p)
    .leftJoin(tr, and(eq(tr.counselorId, p.id), between(tr.completedOn, range.from, range.to)))
    .where(and(eq(p.organizationId, organizationId), inArray(p.status, ['approved', 'suspended'])))
    .groupBy(p.id)
    .having(sql`coalesce(sum(${tr.hoursTenths}), 0) < ${requiredTenths}`)
    .orderBy(
      sql`coalesce(sum(${tr.hoursTenths}), 0) ASC`,
      sql`${p.displayName} COLLATE "C" ASC`,
      asc(p.id),
    );
}
