import {
  DEFAULT_RETENTION_SETTINGS,
  retentionSettingsSchema,
  type RetentionPeriod,
  type RetentionRecordType,
  type RetentionSettings,
} from '@anxin/common';
import type { Db } from '../../../platform/db/database.ts';
import { defineOrganizationSettings } from '../../../platform/settings/organization-settings.ts';

/** Per record type, a floor (keep at least) and a ceiling (destroy after), in days (B9). */
export const retentionSettings = defineOrganizationSettings<RetentionSettings>(
  'retention',
  retentionSettingsSchema,
  DEFAULT_RETENTION_SETTINGS,
);

export function readRetentionSettings(db: Db, organizationId: string): Promise<RetentionSettings> {
  return retentionSettings.get(db, organizationId);
}

const DAY = 86_400_000;

/** When the floor of a record counted from `from` passes. */
export function floorEnd(settings: RetentionSettings, type: RetentionRecordType, from: Date): Date {
  return new Date(from.getTime() + period(settings, type).floorDays * DAY);
}

/** Records of `type` counted from before this instant are past their ceiling. */
export function ceilingCutoff(settings: RetentionSettings, type: RetentionRecordType, now: Date) {
  return new Date(now.getTime() - period(settings, type).ceilingDays * DAY);
}

function period(settings: RetentionSettings, type: RetentionRecordType): RetentionPeriod {
  return settings[type];
}
