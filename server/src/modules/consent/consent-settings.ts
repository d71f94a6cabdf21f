import {
  consentSettingsSchema,
  DEFAULT_CONSENT_SETTINGS,
  type ConsentSettings,
} from '@anxin/common';
import { defineOrganizationSettings } from '../../platform/settings/organization-settings.ts';

/** Who signs for a client aged 14–17 (C11): 'self', 'guardian' or 'both' (the default). */
export const consentSettings = defineOrganizationSettings<ConsentSettings>(
  'consent',
  consentSettingsSchema,
  DEFAULT_CONSENT_SETTINGS,
);
