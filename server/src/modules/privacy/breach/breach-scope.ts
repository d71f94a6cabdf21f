import type { BreachScope } from '@anxin/common';
import { and, eq, gte, inArray, isNotNull, lt, type SQL } from 'drizzle-orm';
import type { Db } from '../../../platform/db/database.ts';
import { auditEvents, users } from '../../../platform/db/schema/index.ts';

/**
 * The people an incident affects, found in the audit trail (B12): every distinct subject of an
 * event in the window [from, to) that matches the scope's actor, entity types and actions. Only
 * people of the organisation count (an audit subject may be a caller without an account).
 */
export async function subjectsInScope(
  db: Db,
  organizationId: string,
  scope: BreachScope,
): Promise<string[]> {
  const where = and(
    eq(auditEvents.organizationId, organizationId),
    isNotNull(auditEvents.subjectId),
    gte(auditEvents.createdAt, new Date(scope.from)),
    lt(auditEvents.createdAt, new Date(scope.to)),
    scope.actorId ? eq(auditEvents.actorId, scope.actorId) : undefined,
    scope.entityTypes?.length ? inArray(auditEvents.entityType, scope.entityTypes) : undefined,
    scope.actions?.length ? inArray(auditEvents.action, scope.actions) : undefined,
  ) as SQL;
  const rows = await db
    .selectDistinct({ subjectId: users.id })
    .from(auditEvents)
    .innerJoin(
      users,
      and(eq(users.id, auditEvents.subjectId), eq(users.organizationId, organizationId)),
    )
    .where(where);
  return rows.map((r) => r.subjectId).sort();
}
