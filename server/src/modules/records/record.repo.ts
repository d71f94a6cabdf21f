import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import {
  clinicalRecords,
  clinicalRecordVersions,
  recordTemplates,
  users,
} from '../../platform/db/schema/index.ts';
import type { RecordResource } from './record.policy.ts';

export type RecordRow = typeof clinicalRecords.$inferSelect;
export type VersionRow = typeof clinicalRecordVersions.$inferSelect;
export type TemplateRow = typeof recordTemplates.$inferSelect;

/** Current supervisors of a counselor profile, as a SQL array of user ids. */
const supervisorsOf = (profileColumn: SQL) =>
  sql<string[]>`COALESCE((SELECT array_agg(s.supervisor_user_id::text)
      FROM counselor_supervisors s
     WHERE s.counselor_id = ${profileColumn} AND s.ended_at IS NULL), '{}')`;

/**
 * The records matching `where`, each with what the policy needs to judge it: the current
 * counselor of its episode and the supervisors involved. One query for a record or a chart.
 */
export async function selectRecords(
  db: Db,
  where: SQL,
  options: { lock?: boolean; limit?: number } = {},
): Promise<{ row: RecordRow; resource: RecordResource; authorName: string }[]> {
  const episodeCounselorUser = sql<
    string | null
  >`(SELECT p.user_id::text FROM care_episodes e JOIN counselor_profiles p ON p.id = e.counselor_id
      WHERE e.id = ${clinicalRecords.episodeId} AND e.status IN ('open', 'active'))`;
  const episodeCounselorProfile = sql`(SELECT e.counselor_id FROM care_episodes e
      WHERE e.id = ${clinicalRecords.episodeId})`;
  const q = db
    .select({
      row: clinicalRecords,
      authorName: users.displayName,
      currentCounselorUserId: episodeCounselorUser,
      authorSupervisors: supervisorsOf(sql`${clinicalRecords.authorCounselorId}`),
      episodeSupervisors: supervisorsOf(episodeCounselorProfile),
    })
    .from(clinicalRecords)
    .innerJoin(users, eq(users.id, clinicalRecords.authorUserId))
    .where(where)
    .orderBy(desc(clinicalRecords.createdAt))
    .limit(options.limit ?? 1000);
  const rows = options.lock ? await q.for('update', { of: clinicalRecords }) : await q;
  return rows.map((r) => ({
    row: r.row,
    authorName: r.authorName,
    resource: {
      id: r.row.id,
      organizationId: r.row.organizationId,
      authorUserId: r.row.authorUserId,
      clientUserId: r.row.clientUserId,
      currentCounselorUserId: r.currentCounselorUserId,
      authorSupervisorUserIds: r.authorSupervisors,
      supervisorUserIds: [...new Set([...r.authorSupervisors, ...r.episodeSupervisors])],
    },
  }));
}

export async function findRecord(db: Db, organizationId: string, id: string, lock = false) {
  const [hit] = await selectRecords(
    db,
    and(eq(clinicalRecords.organizationId, organizationId), eq(clinicalRecords.id, id)) ??
      sql`false`,
    { lock, limit: 1 },
  );
  return hit;
}

export async function versionsOf(
  db: Db,
  recordIds: readonly string[],
): Promise<(VersionRow & { authorName: string })[]> {
  if (recordIds.length === 0) return [];
  const rows = await db
    .select({ v: clinicalRecordVersions, authorName: users.displayName })
    .from(clinicalRecordVersions)
    .innerJoin(users, eq(users.id, clinicalRecordVersions.authorUserId))
    .where(inArray(clinicalRecordVersions.recordId, [...recordIds]))
    .orderBy(asc(clinicalRecordVersions.recordId), asc(clinicalRecordVersions.version));
  return rows.map((r) => ({ ...r.v, authorName: r.authorName }));
}

export async function templatesById(
  db: Db,
  organizationId: string,
  ids: readonly string[],
): Promise<Map<string, TemplateRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select()
    .from(recordTemplates)
    .where(
      and(
        eq(recordTemplates.organizationId, organizationId),
        inArray(recordTemplates.id, [...new Set(ids)]),
      ),
    );
  return new Map(rows.map((t) => [t.id, t]));
}

/** The active template of a code (newest version). */
export async function activeTemplate(
  db: Db,
  organizationId: string,
  recordType: TemplateRow['recordType'],
  code: string,
): Promise<TemplateRow | undefined> {
  const where = and(eq(recordTemplates.recordType, recordType), eq(recordTemplates.code, code));
  const [row] = await db
    .select()
    .from(recordTemplates)
    .where(
      and(
        eq(recordTemplates.organizationId, organizationId),
        eq(recordTemplates.active, true),
        where,
      ),
    )
    .orderBy(desc(recordTemplates.version))
    .limit(1);
  return row;
}

export async function listActiveTemplates(db: Db, organizationId: string): Promise<TemplateRow[]> {
  return db
    .select()
    .from(recordTemplates)
    .where(
      and(eq(recordTemplates.organizationId, organizationId), eq(recordTemplates.active, true)),
    )
    .orderBy(
      asc(recordTemplates.recordType),
      asc(recordTemplates.code),
      desc(recordTemplates.version),
    );
}
