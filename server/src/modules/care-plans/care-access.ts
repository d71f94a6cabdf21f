import { sql, type SQL } from 'drizzle-orm';
import type { Role } from '@anxin/common';
import type { RequestMeta } from '../../platform/audit/request-audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { AppContext } from '../../app-context.ts';
import type { CareResource, CareTable } from '../records/clinical-relations.ts';

export interface CarePlansContext {
  app: AppContext;
  meta: RequestMeta;
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
