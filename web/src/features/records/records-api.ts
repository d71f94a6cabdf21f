import {
  chartSchema,
  clinicalRecordSchema,
  recordTemplateListSchema,
  recordVerificationSchema,
  type Chart,
  type ClinicalRecord,
  type RecordContent,
  type RecordTemplate,
  type RecordType,
} from '@anxin/common';
import { apiGet, apiPost, apiPut, type Schema } from '../../lib/api.ts';

const V1 = '/api/v1';
const recordPath = (id: string) => `${V1}/records/${encodeURIComponent(id)}`;

export type RecordVerification = ReturnType<(typeof recordVerificationSchema)['parse']>;

/** The web app depends on zod only through @anxin/common: these wrap the contract's schemas. */
const chart: Schema<Chart> = { parse: (data) => chartSchema.parse(data) };
const record: Schema<ClinicalRecord> = { parse: (data) => clinicalRecordSchema.parse(data) };
const templates: Schema<{ items: RecordTemplate[] }> = {
  parse: (data) => recordTemplateListSchema.parse(data),
};
const verification: Schema<RecordVerification> = {
  parse: (data) => recordVerificationSchema.parse(data),
};

/** The client's chart as the caller may see it; 404 when they have no reason to. */
export function getChart(clientUserId: string, signal?: AbortSignal) {
  return apiGet(`${V1}/clients/${encodeURIComponent(clientUserId)}/chart`, chart, signal);
}

export async function listRecordTemplates(signal?: AbortSignal) {
  return (await apiGet(`${V1}/record-templates`, templates, signal)).items;
}

/** A new draft for a client of the caller's current episode, optionally of one appointment. */
export function createRecord(input: {
  clientUserId: string;
  recordType: RecordType;
  appointmentId?: string;
}) {
  return apiPost(`${V1}/records`, record, input);
}

export function getRecord(id: string, signal?: AbortSignal) {
  return apiGet(recordPath(id), record, signal);
}

/** Autosave: refused with 409 when the draft was saved from elsewhere since `revision`. */
export function saveDraft(id: string, content: RecordContent, revision: number) {
  return apiPut(`${recordPath(id)}/draft`, record, { content, revision });
}

export function signRecord(id: string, revision: number) {
  return apiPost(`${recordPath(id)}/sign`, record, { revision });
}

export function addAddendum(id: string, content: RecordContent, reason: string) {
  return apiPost(`${recordPath(id)}/addenda`, record, { content, reason });
}

export function cosignRecord(id: string) {
  return apiPost(`${recordPath(id)}/cosign`, record);
}

export function verifyRecord(id: string) {
  return apiGet(`${recordPath(id)}/verification`, verification);
}
