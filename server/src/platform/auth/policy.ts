import { and, eq, or, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Role } from '@anxin/common';
import type { Actor } from './actor.ts';

/**
 * A relationship between an actor and a resource, stated twice in one place: as a test on a
 * loaded resource (single-record checks) and as SQL (list queries). Keeping both halves side by
 * side is what stops the item check and the list filter drifting apart.
 */
export interface Relation<R, T> {
  name: string;
  test(actor: Actor, resource: R): boolean;
  where(actor: Actor, table: T): SQL;
}

export interface Rule<R, T> {
  /** The actor must hold one of these roles; absent = any signed-in actor. */
  roles?: readonly Role[];
  relation: Relation<R, T>;
}

export interface Scoped {
  organizationId: string;
}

export interface ScopedTable {
  organizationId: PgColumn;
}

/**
 * Default-deny policy: an action nobody lists is refused; every rule is confined to the actor's
 * organisation before anything else is considered.
 */
export function definePolicy<R extends Scoped, T extends ScopedTable, A extends string>(
  rules: Record<A, readonly Rule<R, T>[]>,
) {
  const applicable = (actor: Actor, action: A) =>
    rules[action].filter((r) => !r.roles || r.roles.some((role) => actor.roles.includes(role)));

  return {
    can(actor: Actor | null, action: A, resource: R): boolean {
      if (!actor || resource.organizationId !== actor.organizationId) return false;
      return applicable(actor, action).some((r) => r.relation.test(actor, resource));
    },
    /** The WHERE clause of "everything this actor may `action`"; FALSE when nothing. */
    filter(actor: Actor, action: A, table: T): SQL {
      const clauses = applicable(actor, action).map((r) => r.relation.where(actor, table));
      if (clauses.length === 0) return sql`false`;
      return and(eq(table.organizationId, actor.organizationId), or(...clauses)) ?? sql`false`;
    },
    /** The actions this actor could take on some resource: for the UI's abilities. */
    actionsFor(actor: Actor): A[] {
      return (Object.keys(rules) as A[]).filter((a) => applicable(actor, a).length > 0);
    },
    rules,
  };
}

/** Anything in the actor's organisation (the organisation check is applied by definePolicy). */
export function anyInOrganization<R, T>(): Relation<R, T> {
  return { name: 'organization', test: () => true, where: () => sql`true` };
}
