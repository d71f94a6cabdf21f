import type { Permission } from '@anxin/common';
import type { Actor } from './actor.ts';

/**
 * What the web app may offer this actor. Derived from roles the same way the policies grant
 * them; the server still checks every request — abilities only hide what would be refused.
 */
export function abilitiesOf(actor: Actor, env: 'development' | 'production'): Permission[] {
  const has = (...roles: Actor['roles']) => roles.some((r) => actor.roles.includes(r));
  const out: Permission[] = [];
  if (has('administrator')) {
    out.push(
      'audit.read',
      'invitation.create',
      'invitation.list',
      'invitation.revoke',
      'user.list',
      'user.read',
      'user.roles.update',
      'user.sessions.revoke',
    );
    if (env === 'development') out.push('outbox.read');
  }
  if (has('administrator', 'supervisor')) out.push('break_glass.start');
  return [...new Set(out)].sort();
}
