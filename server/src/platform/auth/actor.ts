import type { Role } from '@anxin/common';
import { isStaffRole } from '@anxin/common';

/** Who is making a request, as the server's policies see it. */
export interface Actor {
  userId: string;
  organizationId: string;
  displayName: string;
  roles: readonly Role[];
  sessionId: string;
  sessionKind: 'staff' | 'client';
  verified: boolean;
  mfaEnrolled: boolean;
  mfaSatisfied: boolean;
  isDemo: boolean;
  /** Active break-glass grants: records opened outside the actor's scope, until they expire. */
  breakGlass: readonly { grantId: string; resourceType: string; resourceId: string }[];
}

export const isStaff = (roles: readonly Role[]) => roles.some(isStaffRole);

/** Staff must use a second factor (issue: TOTP mandatory for every staff role). */
export const mfaRequired = (roles: readonly Role[]) => isStaff(roles);

/** The role recorded in audit events: the most privileged one the actor holds. */
export function primaryRole(roles: readonly Role[]): Role | null {
  const order: Role[] = [
    'administrator',
    'supervisor',
    'counselor',
    'operator',
    'evaluator',
    'guardian',
    'client',
  ];
  return order.find((r) => roles.includes(r)) ?? null;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by authentication when the request carries a valid session. */
    actor: Actor | null;
  }
}
