import { and, eq } from 'drizzle-orm';
import {
  DEFAULT_SCHEDULING_SETTINGS,
  schedulingSettingsSchema,
  type SchedulingSettings,
} from '@anxin/common';
import type { AppContext } from '../../app-context.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { organizationSettings } from '../../platform/db/schema/index.ts';
import { AppError } from '../../platform/http/app-error.ts';
import { changesBetween } from '../counselors/vocabulary.service.ts';
import { audit } from '../identity/audit-helpers.ts';
import { auditKeyOf, type IdentityContext } from '../identity/identity-context.ts';

const KEY = 'scheduling';

/** Administrators configure scheduling; there is no finer permission for it yet. */
export function requireAdministrator(actor: Actor): void {
  if (!actor.roles.includes('administrator')) throw new AppError('forbidden');
}

/** The organisation's scheduling settings (A4, A5); defaults for anything never set. */
export async function getSchedulingSettings(
  db: Db,
  organizationId: string,
): Promise<SchedulingSettings> {
  const row = (
    await db
      .select({ value: organizationSettings.value })
      .from(organizationSettings)
      .where(
        and(
          eq(organizationSettings.organizationId, organizationId),
          eq(organizationSettings.key, KEY),
        ),
      )
  )[0];
  // A stored value of an older shape falls back field by field rather than failing every booking.
  const parsed = schedulingSettingsSchema.partial().safeParse(row?.value ?? {});
  return { ...DEFAULT_SCHEDULING_SETTINGS, ...(parsed.success ? parsed.data : {}) };
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
  requireAdministrator(actor);
  const organizationId = actor.organizationId;
  return ctx.app.database.db.transaction(async (tx) => {
    const before = await getSchedulingSettings(tx, organizationId);
    await tx
      .insert(organizationSettings)
      .values({ organizationId, key: KEY, value })
      .onConflictDoUpdate({
        target: [organizationSettings.organizationId, organizationSettings.key],
        set: { value, updatedAt: new Date() },
      });
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
