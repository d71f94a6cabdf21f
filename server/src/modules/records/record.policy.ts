import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.ts';
import { definePolicy, type Relation } from '../../platform/auth/policy.ts';
import type { clinicalRecords } from '../../platform/db/schema/index.ts';

/** A clinical record as the policy sees it (loaded by record.repo's `loadRecordResource`). */
export interface RecordResource {
  id: string;
  organizationId: string;
  authorUserId: string;
  clientUserId: string;
  /** The user of the counselor of the record's episode, while that episode is open or active. */
  currentCounselorUserId: string | null;
  /** Supervisors (current assignments) of the author's or the episode counselor's profile. */
  supervisorUserIds: readonly string[];
  /** Supervisors of the author's own profile (who may co-sign). */
  authorSupervisorUserIds: readonly string[];
}
type RecordsTable = typeof clinicalRecords;

const author: Relation<RecordResource, RecordsTable> = {
  name: 'author',
  test: (actor, r) => r.authorUserId === actor.userId,
  where: (actor, t) => sql`${t.authorUserId} = ${actor.userId}`,
};

/** DOMAIN: the counselor reads their own clients' records of the current episode. */
const currentCounselor: Relation<RecordResource, RecordsTable> = {
  name: 'current_counselor',
  test: (actor, r) => r.currentCounselorUserId === actor.userId,
  where: (actor, t) =>
    sql`${t.episodeId} IN (SELECT e.id FROM care_episodes e
          JOIN counselor_profiles p ON p.id = e.counselor_id
         WHERE p.user_id = ${actor.userId} AND e.status IN ('open', 'active'))`,
};

const supervisorOf = (actor: Actor) =>
  sql`(SELECT s.counselor_id FROM counselor_supervisors s
        WHERE s.supervisor_user_id = ${actor.userId} AND s.ended_at IS NULL)`;

/** The author's supervisors, or the supervisors of the episode's counselor. */
const supervisor: Relation<RecordResource, RecordsTable> = {
  name: 'supervisor',
  test: (actor, r) => r.supervisorUserIds.includes(actor.userId),
  where: (actor, t) =>
    sql`(${t.authorCounselorId} IN ${supervisorOf(actor)}
         OR ${t.episodeId} IN (SELECT e.id FROM care_episodes e
                                WHERE e.counselor_id IN ${supervisorOf(actor)}))`,
};

/** The author's own supervisors only: a co-signature vouches for the trainee who signed. */
const authorsSupervisor: Relation<RecordResource, RecordsTable> = {
  name: 'authors_supervisor',
  test: (actor, r) => r.authorSupervisorUserIds.includes(actor.userId),
  where: (actor, t) => sql`${t.authorCounselorId} IN ${supervisorOf(actor)}`,
};

/** An active break-glass grant on the client (reason, ≤ 60 min, audited, notified). */
const breakGlass: Relation<RecordResource, RecordsTable> = {
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
 * Clinical records (B8, DOMAIN "Who may read what"): the author; the client's counselor in the
 * current episode; the supervisors of either; administrators (and supervisors outside their
 * scope) only through break-glass. Supervisors' sampled spot checks (A8) will be one more read
 * rule here, with a relation over the sample table, so item checks and lists stay one rule.
 */
export const recordPolicy = definePolicy<
  RecordResource,
  RecordsTable,
  'read' | 'edit_draft' | 'amend' | 'cosign'
>({
  read: [
    { roles: ['counselor'], relation: author },
    { roles: ['counselor'], relation: currentCounselor },
    { roles: ['supervisor'], relation: supervisor },
    { roles: ['supervisor', 'administrator'], relation: breakGlass },
  ],
  // Only the author writes a draft or signs it.
  edit_draft: [{ roles: ['counselor'], relation: author }],
  amend: [
    { roles: ['counselor'], relation: author },
    { roles: ['counselor'], relation: currentCounselor },
  ],
  cosign: [{ roles: ['supervisor'], relation: authorsSupervisor }],
});
