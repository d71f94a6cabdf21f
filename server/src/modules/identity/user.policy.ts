import { eq, inArray, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.ts';
import { anyInOrganization, definePolicy, type Relation } from '../../platform/auth/policy.ts';
import type { users } from '../../platform/db/schema/index.ts';

/** A person's account as the policy sees it. */
export interface UserResource {
  id: string;
  organizationId: string;
}
type UsersTable = typeof users;

const self: Relation<UserResource, UsersTable> = {
  name: 'self',
  test: (actor, user) => user.id === actor.userId,
  where: (actor, t) => eq(t.id, actor.userId),
};

const grantedIds = (actor: Actor) =>
  actor.breakGlass.filter((g) => g.resourceType === 'user').map((g) => g.resourceId);

/** Opened by an active break-glass grant (reasoned, ≤ 60 min, audited, administrators told). */
const breakGlass: Relation<UserResource, UsersTable> = {
  name: 'break-glass',
  test: (actor, user) => grantedIds(actor).includes(user.id),
  where: (actor, t) => {
    const ids = grantedIds(actor);
    return ids.length ? inArray(t.id, ids) : sql`false`;
  },
};

const any = anyInOrganization<UserResource, UsersTable>();

/**
 * Identity and contact details (DOMAIN.md): the person themself; administrators for account
 * management (every read audited); a supervisor only through break-glass until supervision
 * relationships exist.
 */
export const userPolicy = definePolicy<
  UserResource,
  UsersTable,
  'read' | 'list' | 'roles.update' | 'sessions.revoke' | 'break_glass.start'
>({
  read: [
    { relation: self },
    { roles: ['administrator'], relation: any },
    { roles: ['supervisor'], relation: breakGlass },
  ],
  list: [{ roles: ['administrator'], relation: any }],
  'roles.update': [{ roles: ['administrator'], relation: any }],
  'sessions.revoke': [{ relation: self }, { roles: ['administrator'], relation: any }],
  'break_glass.start': [{ roles: ['supervisor', 'administrator'], relation: any }],
});

/** The grant that opened this user to the actor, if access rests on break-glass alone. */
export function breakGlassGrantFor(actor: Actor, userId: string): string | null {
  const viaRole = userPolicy.rules.read.some(
    (r) =>
      r.relation.name !== 'break-glass' &&
      (!r.roles || r.roles.some((x) => actor.roles.includes(x))) &&
      r.relation.test(actor, { id: userId, organizationId: actor.organizationId }),
  );
  if (viaRole) return null;
  return (
    actor.breakGlass.find((g) => g.resourceType === 'user' && g.resourceId === userId)?.grantId ??
    null
  );
}
