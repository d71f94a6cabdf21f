import { desc, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { assessmentResponses } from '../../platform/db/schema/index.ts';
import type { AssessmentResource } from './assessment.policy.ts';

export type ResponseRow = typeof assessmentResponses.$inferSelect;

/** Responses matching `where`, each with what the policy needs (one query for a chart). */
export async function selectResponses(
  db: Db,
  where: SQL,
  options: { lock?: boolean; limit?: number } = {},
): Promise<{ row: ResponseRow; resource: AssessmentResource }[]> {
  const q = db
    .select({
      row: assessmentResponses,
      currentCounselorUserId: sql<string | null>`(SELECT p.user_id::text FROM care_episodes e
          JOIN counselor_profiles p ON p.id = e.counselor_id
         WHERE e.id = ${assessmentResponses.episodeId} AND e.status IN ('open', 'active'))`,
      supervisors: sql<string[]>`COALESCE((SELECT array_agg(s.supervisor_user_id::text)
          FROM care_episodes e JOIN counselor_supervisors s ON s.counselor_id = e.counselor_id
         WHERE e.id = ${assessmentResponses.episodeId} AND s.ended_at IS NULL), '{}')`,
    })
    .from(assessmentResponses)
    .where(where)
    .orderBy(desc(assessmentResponses.createdAt))
    .limit(options.limit ?? 1000);
  const rows = options.lock ? await q.for('update', { of: assessmentResponses }) : await q;
  return rows.map((r) => ({
    row: r.row,
    resource: {
      id: r.row.id,
      organizationId: r.row.organizationId,
      clientUserId: r.row.clientUserId,
      currentCounselorUserId: r.currentCounselorUserId,
      supervisorUserIds: r.supervisors,
    },
  }));
}
