import {
  legalHoldListSchema,
  legalHoldSchema,
  retentionSettingsSchema,
  sealListSchema,
  type LegalHoldCreate,
  type RetentionSettings,
} from '@anxin/common';
import { apiGet, apiPost, apiPut } from '../../lib/api.ts';

const V1 = '/api/v1';

export const getRetentionSettings = (signal?: AbortSignal) =>
  apiGet(`${V1}/settings/retention`, retentionSettingsSchema, signal);
export const putRetentionSettings = (value: RetentionSettings) =>
  apiPut(`${V1}/settings/retention`, retentionSettingsSchema, value);
export const listLegalHolds = (signal?: AbortSignal) =>
  apiGet(`${V1}/legal-holds`, legalHoldListSchema, signal);
export const placeLegalHold = (body: LegalHoldCreate) =>
  apiPost(`${V1}/legal-holds`, legalHoldSchema, body);
export const releaseLegalHold = (id: string) =>
  apiPost(`${V1}/legal-holds/${encodeURIComponent(id)}/release`, legalHoldSchema);
export const listSeals = (signal?: AbortSignal) => apiGet(`${V1}/seals`, sealListSchema, signal);
