import {
  DEFAULT_SCHEDULING_SETTINGS,
  schedulingSettingsSchema,
  type SchedulingSettings,
} from '@anxin/common';
import type { AppContext } from '../../app-context.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { defineOrganizationSettings } from '../../platform/settings/organization-settings.ts';
import { changesBetween, requirePermission } from '../counselors/vocabulary.service.ts';
import { audit } from '../identity/audit-helpers.ts';
import { auditKeyOf, type IdentityContext } from '../identity/identity-context.ts';

const KEY = 'scheduling';

/** Scheduling configuration (settings, session types) needs `scheduling.settings.update`. */
export function requireSchedulingAdmin(app: AppContext, actor: Actor): void {
  requirePermission(app, actor, 'scheduling.settings.update');
}

const settings = defineOrganizationSettings<SchedulingSettings>(
  KEY,
  schedulingSettingsSchema,
  DEFAULT_SCHEDULING_SETTINGS,
);

/** The organisation's scheduling settings (A4, A5); defaults for anything never set. */
export function getSchedulingSettings(db: Db, organizationId: string): Promise<SchedulingSettings> {
  return settings.get(db, organizationId);
}

/** Every signed-in person may read them: clients need the cancellation window before booking (A5). */
export async function readSchedulingSettings(
  app: AppContext,
  actor: Actor,
): Promise<SchedulingSettings> {
  return getSchedulingSettings(app.database.db, actor.organizationId);
}

/** Replaces the settings, audited with each changed field as `{ old, new }`. */
export async function updateSchedulingSettings(
  ctx: IdentityContext,
  actor: Actor,
  value: SchedulingSettings,
): Promise<SchedulingSettings> {
  requireSchedulingAdmin(ctx.app, actor);
  const organizationId = actor.organizationId;
  return ctx.app.database.db.transaction(async (tx) => {
    const before = await settings.put(tx, organizationId, value);
    const changes = changesBetween(before, value);
    if (Object.keys(changes).length) {
      await audit(tx, auditKeyOf(ctx), ctx.meta, {
        organizationId,
        action: 'scheduling_settings.update',
        entityType: 'organization_settings',
        entityId: organizationId,
        changes,
      });
    }
    return value;
  });
}
