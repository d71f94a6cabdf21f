import type { Permission } from '@anxin/common';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { changesBetween, requirePermission } from '../counselors/vocabulary.service.ts';
import { audit } from '../identity/audit-helpers.ts';
import { auditKeyOf, type IdentityContext } from '../identity/identity-context.ts';

interface SettingsStore<T> {
  get(db: Db, organizationId: string): Promise<T>;
  put(tx: Db, organizationId: string, value: T): Promise<T>;
}

/**
 * Replaces one of the organisation's settings groups, for those holding `permission`: stored and
 * audited (each changed field as `{ old, new }`, under `action`) in one transaction, so a change
 * nobody can account for cannot exist. A save that changes nothing leaves no event.
 */
export async function updateAuditedSettings<T extends object>(
  ctx: IdentityContext,
  actor: Actor,
  spec: { permission: Permission; store: SettingsStore<T>; action: string },
  value: T,
): Promise<T> {
  requirePermission(ctx.app, actor, spec.permission);
  return ctx.app.database.db.transaction(async (tx) => {
    const before = await spec.store.put(tx, actor.organizationId, value);
    const changes = changesBetween(before, value);
    if (Object.keys(changes).length) {
      await audit(tx, auditKeyOf(ctx), ctx.meta, {
        organizationId: actor.organizationId,
        action: spec.action,
        entityType: 'organization_settings',
        entityId: actor.organizationId,
        changes,
      });
    }
    return value;
  });
}

/** Reading a settings group: for those who may change it (the settings page). */
export async function readGuardedSettings<T>(
  ctx: IdentityContext,
  actor: Actor,
  spec: { permission: Permission; store: SettingsStore<T> },
): Promise<T> {
  requirePermission(ctx.app, actor, spec.permission);
  return spec.store.get(ctx.app.database.db, actor.organizationId);
}
