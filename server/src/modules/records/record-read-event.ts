import type { Actor } from '../../platform/auth/actor.ts';
import { recordPolicy, type RecordResource } from './record.policy.ts';

/**
 * A read under break-glass says so in its event's action, and points at the grant, which holds
 * the written reason (as identity's break-glass reads do).
 */
export function readEvent(actor: Actor, r: RecordResource) {
  const grant = breakGlassGrant(actor, r);
  return grant
    ? { action: 'clinical_record.read.break_glass', reason: `break_glass:${grant}` }
    : { action: 'clinical_record.read', reason: null };
}

function breakGlassGrant(actor: Actor, r: RecordResource): string | null {
  const ordinary = recordPolicy.rules.read
    .filter((rule) => rule.relation.name !== 'break_glass')
    .some(
      (rule) =>
        (!rule.roles || rule.roles.some((x) => actor.roles.includes(x))) &&
        rule.relation.test(actor, r),
    );
  if (ordinary) return null;
  const grant = actor.breakGlass.find(
    (g) => g.resourceType === 'user' && g.resourceId === r.clientUserId,
  );
  return grant?.grantId ?? null;
}
