import type { RetentionSettings } from '@anxin/common';
import type { Actor } from '../../../platform/auth/actor.ts';
import { changesBetween, requirePermission } from '../../counselors/vocabulary.service.ts';
import { audit } from '../../identity/audit-helpers.ts';
import { auditKeyOf, type IdentityContext } from '../../identity/identity-context.ts';
import { readRetentionSettings, retentionSettings } from './retention-settings.ts';

export async function getRetentionSettings(ctx: IdentityContext, actor: Actor) {
  requirePermission(ctx.app, actor, 'retention.settings.update');
  return readRetentionSettings(ctx.app.database.db, actor.organizationId);
}

/** Replaces the retention periods (the schema checks ceiling ≥ floor), audited per change. */
export async function updateRetentionSettings(
  ctx: IdentityContext,
  actor: Actor,
  value: RetentionSettings,
): Promise<RetentionSettings> {
  requirePermission(ctx.app, actor, 'retention.settings.update');
  const organizationId = actor.organizationId;
  return ctx.app.database.db.transaction(async (tx) => {
    const before = await retentionSettings.put(tx, organizationId, value);
    const changes = changesBetween(before, value);
    if (Object.keys(changes).length) {
      await audit(tx, auditKeyOf(ctx), ctx.meta, {
        organizationId,
        action: 'retention_settings.update',
        entityType: 'organization_settings',
        entityId: organizationId,
        changes,
      });
    }
    return value;
  });
}
