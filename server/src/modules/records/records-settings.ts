import { z } from 'zod';
import type { Db } from '../../platform/db/database.ts';
import { defineOrganizationSettings } from '../../platform/settings/organization-settings.ts';

/** Which format new session notes use (C3: SOAP or DAP, per organisation). */
export const recordsSettingsSchema = z.object({
  sessionNoteTemplate: z.enum(['soap', 'dap']),
});
export type RecordsSettings = z.infer<typeof recordsSettingsSchema>;

const settings = defineOrganizationSettings<RecordsSettings>('records', recordsSettingsSchema, {
  sessionNoteTemplate: 'soap',
});

export const getRecordsSettings = (db: Db, organizationId: string) =>
  settings.get(db, organizationId);
export const putRecordsSettings = settings.put;
