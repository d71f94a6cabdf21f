import {
  DEFAULT_PRIVACY_SETTINGS,
  privacySettingsSchema,
  type PrivacySettings,
} from '@anxin/common';
import type { Db } from '../../../platform/db/database.ts';
import { defineOrganizationSettings } from '../../../platform/settings/organization-settings.ts';

/** The organisation's privacy settings (key `privacy`); defaults for anything never set. */
export const privacySettings = defineOrganizationSettings<PrivacySettings>(
  'privacy',
  privacySettingsSchema,
  DEFAULT_PRIVACY_SETTINGS,
);

export function readPrivacySettings(db: Db, organizationId: string): Promise<PrivacySettings> {
  return privacySettings.get(db, organizationId);
}
