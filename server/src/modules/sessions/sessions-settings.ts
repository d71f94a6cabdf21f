import { z } from 'zod';
import type { Db } from '../../platform/db/database.ts';
import { defineOrganizationSettings } from '../../platform/settings/organization-settings.ts';

/** When a room opens and closes around its appointment, and whether a supervisor may observe. */
export const sessionsSettingsSchema = z.object({
  openMinutesBefore: z.number().int().min(0).max(120),
  graceMinutes: z.number().int().min(0).max(240),
  /** Off by default: observing also needs the client's consent (see room-access.ts). */
  observerAllowed: z.boolean(),
});
export type SessionsSettings = z.infer<typeof sessionsSettingsSchema>;

export const DEFAULT_SESSIONS_SETTINGS: SessionsSettings = {
  openMinutesBefore: 10,
  graceMinutes: 15,
  observerAllowed: false,
};

const settings = defineOrganizationSettings<SessionsSettings>(
  'sessions',
  sessionsSettingsSchema,
  DEFAULT_SESSIONS_SETTINGS,
);

export function getSessionsSettings(db: Db, organizationId: string): Promise<SessionsSettings> {
  return settings.get(db, organizationId);
}

/** For tests and a later settings page: stores the value, returns the previous one. */
export const putSessionsSettings = settings.put;
