import {
  counselorSettingsSchema,
  DEFAULT_COUNSELOR_SETTINGS,
  type CounselorSettings,
} from '@anxin/common';
import type { Db } from '../../platform/db/database.ts';
import { defineOrganizationSettings } from '../../platform/settings/organization-settings.ts';

const settings = defineOrganizationSettings<CounselorSettings>(
  'counselors',
  counselorSettingsSchema,
  DEFAULT_COUNSELOR_SETTINGS,
);

/** The organisation's settings of this module (A3 re-check, C5 requirement); defaults if unset. */
export function getCounselorSettings(db: Db, organizationId: string): Promise<CounselorSettings> {
  return settings.get(db, organizationId);
}

/** Stores the settings; returns the previous value (for the audit event's changes). */
export function putCounselorSettings(
  tx: Db,
  organizationId: string,
  value: CounselorSettings,
): Promise<CounselorSettings> {
  return settings.put(tx, organizationId, value);
}
