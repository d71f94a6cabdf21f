import {
  DEFAULT_SESSIONS_SETTINGS,
  sessionsSettingsSchema,
  type SessionsSettings,
} from '@anxin/common';
import type { Db } from '../../platform/db/database.ts';
import { defineOrganizationSettings } from '../../platform/settings/organization-settings.ts';

export { DEFAULT_SESSIONS_SETTINGS, sessionsSettingsSchema, type SessionsSettings };

/** When a room opens and closes around its appointment, and whether a supervisor may observe. */
export const sessionsSettings = defineOrganizationSettings<SessionsSettings>(
  'sessions',
  sessionsSettingsSchema,
  DEFAULT_SESSIONS_SETTINGS,
);

export function getSessionsSettings(db: Db, organizationId: string): Promise<SessionsSettings> {
  return sessionsSettings.get(db, organizationId);
}

/** For tests: stores the value, returns the previous one (the page goes through the service). */
export const putSessionsSettings = sessionsSettings.put;
