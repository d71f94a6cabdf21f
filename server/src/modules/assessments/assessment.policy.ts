import { sql } from 'drizzle-orm';
import { definePolicy, type Relation } from '../../platform/auth/policy.ts';
import type { assessmentResponses } from '../../platform/db/schema/index.ts';
import { currentCounselorRelation } from '../records/clinical-relations.ts';

/** A questionnaire response as the policy sees it (assessment.repo's `selectResponses`). */
export interface AssessmentResource {
  id: string;
  organizationId: string;
  clientUserId: string;
  /** The user of the counselor of its episode, while the episode is open or active. */
  currentCounselorUserId: string | null;
  /** Current supervisors of that episode's counselor. */
  supervisorUserIds: readonly string[];
}
type Table = typeof assessmentResponses;

const self: Relation<AssessmentResource, Table> = {
  name: 'self',
  test: (actor, r) => r.clientUserId === actor.userId,
  where: (actor, t) => sql`${t.clientUserId} = ${actor.userId}`,
};

const currentCounselor = currentCounselorRelation<AssessmentResource, Table>();

const supervisor: Relation<AssessmentResource, Table> = {
  name: 'supervisor',
  test: (actor, r) => r.supervisorUserIds.includes(actor.userId),
  where: (actor, t) =>
    sql`${t.episodeId} IN (SELECT e.id FROM care_episodes e
          JOIN counselor_supervisors s ON s.counselor_id = e.counselor_id
         WHERE s.supervisor_user_id = ${actor.userId} AND s.ended_at IS NULL)`,
};

const breakGlass: Relation<AssessmentResource, Table> = {
  name: 'break_glass',
  test: (actor, r) =>
    actor.breakGlass.some((g) => g.resourceType === 'user' && g.resourceId === r.clientUserId),
  where: (actor, t) => {
    const ids = actor.breakGlass.filter((g) => g.resourceType === 'user').map((g) => g.resourceId);
    if (ids.length === 0) return sql`false`;
    return sql`${t.clientUserId} IN (${sql.join(
      ids.map((id) => sql`${id}::uuid`),
      sql`, `,
    )})`;
  },
};

/**
 * Assessments (DOMAIN "assessment answers & scores"): the client fills in their own; the
 * counselor of the current episode and their supervisors read answers and scores; others only
 * through break-glass. Clients see that a questionnaire is done, not its score: the counselor
 * talks it through with them (a later setting may let counselors show scores).
 */
export const assessmentPolicy = definePolicy<AssessmentResource, Table, 'fill' | 'read_result'>({
  fill: [{ roles: ['client'], relation: self }],
  read_result: [
    { roles: ['counselor'], relation: currentCounselor },
    { roles: ['supervisor'], relation: supervisor },
    { roles: ['supervisor', 'administrator'], relation: breakGlass },
  ],
});
