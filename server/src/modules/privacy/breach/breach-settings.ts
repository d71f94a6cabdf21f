import { breachSettingsSchema, DEFAULT_BREACH_SETTINGS, type BreachSettings } from '@anxin/common';
import type { Actor } from '../../../platform/auth/actor.ts';
import type { Db } from '../../../platform/db/database.ts';
import { defineOrganizationSettings } from '../../../platform/settings/organization-settings.ts';
import { changesBetween, requirePermission } from '../../counselors/vocabulary.service.ts';
import { audit } from '../../identity/audit-helpers.ts';
import { auditKeyOf, type IdentityContext } from '../../identity/identity-context.ts';

/**
 * Breach deadlines per severity (hours after discovery) and the contact named in notices.
 * Defaults: the authority within 4 h for a serious incident (given), 24 h for high and 72 h
 * otherwise; affected people within 24 h for serious and 72 h otherwise.
 */
const settings = defineOrganizationSettings<BreachSettings>(
  'breach',
  breachSettingsSchema,
  DEFAULT_BREACH_SETTINGS,
);

export function getBreachSettings(db: Db, organizationId: string): Promise<BreachSettings> {
  return settings.get(db, organizationId);
}

export function readBreachSettings(ctx: IdentityContext, actor: Actor): Promise<BreachSettings> {
  requirePermission(ctx.app, actor, 'breach.manage');
  return getBreachSettings(ctx.app.database.db, actor.organizationId);
}

/** Replaces the settings (audited). Deadlines already computed stay as they were. */
export async function updateBreachSettings(
  ctx: IdentityContext,
  actor: Actor,
  value: BreachSettings,
): Promise<BreachSettings> {
  requirePermission(ctx.app, actor, 'breach.manage');
  const organizationId = actor.organizationId;
  return ctx.app.database.db.transaction(async (tx) => {
    const before = await settings.put(tx, organizationId, value);
    const changes = changesBetween(before, value);
    if (Object.keys(changes).length) {
      await audit(tx, auditKeyOf(ctx), ctx.meta, {
        organizationId,
        action: 'breach_settings.update',
        entityType: 'organization_settings',
        entityId: organizationId,
        changes,
      });
    }
    return value;
  });
}
