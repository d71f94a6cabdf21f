import { and, eq } from 'drizzle-orm';
import {
  counselorSettingsSchema,
  DEFAULT_COUNSELOR_SETTINGS,
  type CounselorSettings,
} from '@anxin/common';
import type { Db } from '../../platform/db/database.ts';
import { organizationSettings } from '../../platform/db/schema/index.ts';

const KEY = 'counselors';

/** The organisation's settings of this module; defaults for anything never set. */
export async function getCounselorSettings(
  db: Db,
  organizationId: string,
): Promise<CounselorSettings> {
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
  // A stored value that no longer parses (an older shape) falls back field by field.
  const parsed = counselorSettingsSchema.partial().safeParse(row?.value ?? {});
  return { ...DEFAULT_COUNSELOR_SETTINGS, ...(parsed.success ? parsed.data : {}) };
}

/** Stores the settings; returns the previous value (for the audit event's changes). */
export async function putCounselorSettings(
  tx: Db,
  organizationId: string,
  value: CounselorSettings,
): Promise<CounselorSettings> {
  const before = await getCounselorSettings(tx, organizationId);
  await tx
    .insert(organizationSettings)
    .values({ organizationId, key: KEY, value })
    .onConflictDoUpdate({
      target: [organizationSettings.organizationId, organizationSettings.key],
      set: { value, updatedAt: new Date() },
    });
  return before;
}
