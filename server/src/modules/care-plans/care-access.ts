import { sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Role } from '@anxin/common';
import type { RequestMeta } from '../../platform/audit/request-audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Relation } from '../../platform/auth/policy.ts';
import type { AppContext } from '../../app-context.ts';

export interface CarePlansContext {
  app: AppContext;
  meta: RequestMeta;
}

/**
 * A goal or a referral as its policy sees it: the same facts a clinical record's policy judges
 * (record.policy.ts), because DOMAIN gives goals and referrals the same readers as notes.
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

/** The columns a care-plan table shares, for the SQL half of the relations. */
export interface CareTable {
  organizationId: PgColumn;
  clientUserId: PgColumn;
  episodeId: PgColumn;
  authorUserId: PgColumn;
  authorCounselorId: PgColumn;
}

const supervisedBy = (actor: Actor) =>
  sql`(SELECT s.counselor_id FROM counselor_supervisors s
        WHERE s.supervisor_user_id = ${actor.userId} AND s.ended_at IS NULL)`;

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
  const currentCounselor: Relation<CareResource, T> = {
    name: 'current_counselor',
    test: (actor, r) => r.currentCounselorUserId === actor.userId,
    where: (actor, t) =>
      sql`${t.episodeId} IN (SELECT e.id FROM care_episodes e
            JOIN counselor_profiles p ON p.id = e.counselor_id
           WHERE p.user_id = ${actor.userId} AND e.status IN ('open', 'active'))`,
  };
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

/**
 * What the policy needs of each row, as SQL next to the row: the episode's current counselor and
 * the supervisors of the author and of the episode's counselor. One query for a list or an item.
 */
export function careResourceColumns(t: CareTable) {
  const supervisorsOf = (profile: SQL) =>
    sql<string[]>`COALESCE((SELECT array_agg(s.supervisor_user_id::text)
        FROM counselor_supervisors s
       WHERE s.counselor_id = ${profile} AND s.ended_at IS NULL), '{}')`;
  return {
    currentCounselorUserId: sql<
      string | null
    >`(SELECT p.user_id::text FROM care_episodes e JOIN counselor_profiles p ON p.id = e.counselor_id
        WHERE e.id = ${t.episodeId} AND e.status IN ('open', 'active'))`,
    authorSupervisors: supervisorsOf(sql`${t.authorCounselorId}`),
    episodeSupervisors: supervisorsOf(
      sql`(SELECT e.counselor_id FROM care_episodes e WHERE e.id = ${t.episodeId})`,
    ),
  };
}

/** Builds the policy's view of a row from the row and the columns of `careResourceColumns`. */
export function toCareResource(
  row: {
    id: string;
    organizationId: string;
    authorUserId: string;
    clientUserId: string;
  },
  extra: {
    currentCounselorUserId: string | null;
    authorSupervisors: string[];
    episodeSupervisors: string[];
  },
): CareResource {
  return {
    id: row.id,
    organizationId: row.organizationId,
    authorUserId: row.authorUserId,
    clientUserId: row.clientUserId,
    currentCounselorUserId: extra.currentCounselorUserId,
    supervisorUserIds: [...new Set([...extra.authorSupervisors, ...extra.episodeSupervisors])],
  };
}

/** A read rule as `readEvent` needs it (the table half does not matter there). */
interface ReadRule {
  roles?: readonly Role[];
  relation: { name: string; test(actor: Actor, r: CareResource): boolean };
}

/**
 * The audit action of a read: a read that only break-glass allows says so in its action and
 * points at the grant, which holds the written reason (as clinical records' reads do).
 */
export function readEvent(
  rules: readonly ReadRule[],
  actor: Actor,
  r: CareResource,
  action: string,
): { action: string; reason: string | null } {
  const ordinary = rules
    .filter((rule) => rule.relation.name !== 'break_glass')
    .some(
      (rule) =>
        (!rule.roles || rule.roles.some((x) => actor.roles.includes(x))) &&
        rule.relation.test(actor, r),
    );
  if (ordinary) return { action, reason: null };
  const grant = actor.breakGlass.find(
    (g) => g.resourceType === 'user' && g.resourceId === r.clientUserId,
  );
  return grant
    ? { action: `${action}.break_glass`, reason: `break_glass:${grant.grantId}` }
    : { action, reason: null };
}

/** The client's key: everything clinical of a goal or referral is sealed under it. */
export const clientKey = (clientUserId: string) => ({ type: 'person' as const, id: clientUserId });
