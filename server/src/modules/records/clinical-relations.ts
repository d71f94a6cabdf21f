import { sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Relation } from '../../platform/auth/policy.ts';

/**
 * Clinical content as a policy sees it: a record, a goal or a referral. DOMAIN gives them the
 * same readers, so their policies share these facts and the relations below.
 */
export interface CareResource {
  id: string;
  organizationId: string;
  authorUserId: string;
  clientUserId: string;
  /** The user of the counselor of the episode, while that episode is open or active. */
  currentCounselorUserId: string | null;
  /** Current supervisors of the author's or the episode counselor's profile. */
  supervisorUserIds: readonly string[];
}

/** The columns every table of clinical content has, for the SQL half of the relations. */
export interface CareTable {
  organizationId: PgColumn;
  clientUserId: PgColumn;
  episodeId: PgColumn;
  authorUserId: PgColumn;
  authorCounselorId: PgColumn;
}

/** The counselor profiles the actor currently supervises (a subquery). */
export const supervisedBy = (actor: Actor) =>
  sql`(SELECT s.counselor_id FROM counselor_supervisors s
        WHERE s.supervisor_user_id = ${actor.userId} AND s.ended_at IS NULL)`;

/**
 * The counselor of the row's episode while that episode is open or active (DOMAIN: a counselor
 * reads their own clients' content of the current episode). Also the rule for questionnaires.
 */
export function currentCounselorRelation<
  R extends { currentCounselorUserId: string | null },
  T extends { episodeId: PgColumn },
>(): Relation<R, T> {
  return {
    name: 'current_counselor',
    test: (actor, r) => r.currentCounselorUserId === actor.userId,
    where: (actor, t) =>
      sql`${t.episodeId} IN (SELECT e.id FROM care_episodes e
            JOIN counselor_profiles p ON p.id = e.counselor_id
           WHERE p.user_id = ${actor.userId} AND e.status IN ('open', 'active'))`,
  };
}

/**
 * The four relations of clinical content, stated once for every care-plan table: the author;
 * the counselor of the episode while it is open or active; the supervisors of either; an active
 * break-glass grant on the client. Each is both the item test and the list filter.
 */
export function careRelations<T extends CareTable>() {
  const author: Relation<CareResource, T> = {
    name: 'author',
    test: (actor, r) => r.authorUserId === actor.userId,
    where: (actor, t) => sql`${t.authorUserId} = ${actor.userId}`,
  };
  const currentCounselor = currentCounselorRelation<CareResource, T>();
  const supervisor: Relation<CareResource, T> = {
    name: 'supervisor',
    test: (actor, r) => r.supervisorUserIds.includes(actor.userId),
    where: (actor, t) =>
      sql`(${t.authorCounselorId} IN ${supervisedBy(actor)}
           OR ${t.episodeId} IN (SELECT e.id FROM care_episodes e
                                  WHERE e.counselor_id IN ${supervisedBy(actor)}))`,
  };
  const breakGlass: Relation<CareResource, T> = {
    name: 'break_glass',
    test: (actor, r) =>
      actor.breakGlass.some((g) => g.resourceType === 'user' && g.resourceId === r.clientUserId),
    where: (actor, t) => {
      const ids = actor.breakGlass
        .filter((g) => g.resourceType === 'user')
        .map((g) => g.resourceId);
      if (ids.length === 0) return sql`false`;
      return sql`${t.clientUserId} IN (${sql.join(
        ids.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`;
    },
  };
  return { author, currentCounselor, supervisor, breakGlass };
}
