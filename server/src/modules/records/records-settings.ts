import {
  DEFAULT_RECORDS_SETTINGS,
  recordsSettingsSchema,
  type RecordsSettings,
} from '@anxin/common';
import type { Db } from '../../platform/db/database.ts';
import { defineOrganizationSettings } from '../../platform/settings/organization-settings.ts';

export { recordsSettingsSchema, type RecordsSettings };

/** Which format new session notes use (C3: SOAP or DAP, per organisation). */
export const recordsSettings = defineOrganizationSettings<RecordsSettings>(
  'records',
  recordsSettingsSchema,
  DEFAULT_RECORDS_SETTINGS,
);

export const getRecordsSettings = (db: Db, organizationId: string) =>
  recordsSettings.get(db, organizationId);
export const putRecordsSettings = recordsSettings.put;
