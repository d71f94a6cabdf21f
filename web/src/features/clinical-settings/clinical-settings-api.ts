import {
  recordsSettingsSchema,
  sessionsSettingsSchema,
  type RecordsSettings,
  type SessionsSettings,
} from '@anxin/common';
import { apiGet, apiPut, type Schema } from '../../lib/api.ts';

const sessions: Schema<SessionsSettings> = { parse: (d) => sessionsSettingsSchema.parse(d) };
const records: Schema<RecordsSettings> = { parse: (d) => recordsSettingsSchema.parse(d) };

export const getSessionsSettings = (signal?: AbortSignal) =>
  apiGet('/api/v1/settings/sessions', sessions, signal);
export const putSessionsSettings = (body: SessionsSettings) =>
  apiPut('/api/v1/settings/sessions', sessions, body);
export const getRecordsSettings = (signal?: AbortSignal) =>
  apiGet('/api/v1/settings/records', records, signal);
export const putRecordsSettings = (body: RecordsSettings) =>
  apiPut('/api/v1/settings/records', records, body);
