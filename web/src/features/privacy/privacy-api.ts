import {
  accessLogPageSchema,
  privacyRequestListSchema,
  privacyRequestSchema,
  workingDayExceptionListSchema,
  workingDayExceptionSchema,
  type PrivacyRequestKind,
  type PrivacyRequestStatus,
} from '@anxin/common';
import { apiDelete, apiGet, apiPost, apiPut, queryString, type Schema } from '../../lib/api.ts';

const V1 = '/api/v1';
const requestPath = (id: string) => `${V1}/privacy-requests/${encodeURIComponent(id)}`;

/** The downloads are plain links: the browser saves them with the session cookie. */
export const EXPORT_JSON_HREF = `${V1}/privacy/me/export`;
export const EXPORT_HTML_HREF = `${V1}/privacy/me/export.html`;

export function listMyRequests(signal: AbortSignal) {
  return apiGet(`${V1}/privacy-requests/mine`, privacyRequestListSchema, signal);
}

export function createRequest(body: { kind: PrivacyRequestKind; detail?: string }) {
  return apiPost(`${V1}/privacy-requests`, privacyRequestSchema, body);
}

export function getAccessLog(before: number | null, signal?: AbortSignal) {
  return apiGet(
    `${V1}/privacy/me/access-log${queryString({ before, limit: 20 })}`,
    accessLogPageSchema,
    signal,
  );
}

export type QueueFilter = PrivacyRequestStatus | 'open' | 'all';

export function listQueue(filter: QueueFilter, signal: AbortSignal) {
  const query = filter === 'all' ? {} : filter === 'open' ? { open: 'true' } : { status: filter };
  return apiGet(`${V1}/privacy-requests${queryString(query)}`, privacyRequestListSchema, signal);
}

export function getRequest(id: string, signal: AbortSignal) {
  return apiGet(requestPath(id), privacyRequestSchema, signal);
}

export function assignRequest(id: string, handlerUserId: string) {
  return apiPost(`${requestPath(id)}/assign`, privacyRequestSchema, { handlerUserId });
}

export function answerRequest(id: string, answer: string) {
  return apiPut(`${requestPath(id)}/answer`, privacyRequestSchema, { answer });
}

export function transitionRequest(
  id: string,
  event: 'start' | 'complete' | 'reject',
  reason?: string,
) {
  return apiPost(`${requestPath(id)}/transition`, privacyRequestSchema, {
    event,
    ...(reason ? { reason } : {}),
  });
}

/** The erasure module's answer is read again through the request, so any JSON will do here. */
const anyJson: Schema<unknown> = { parse: (value: unknown) => value };

/** Carries out a deletion (the erasure module's route); the request then holds its certificate. */
export function eraseForRequest(id: string) {
  return apiPost(`${requestPath(id)}/erase`, anyJson);
}

export function listWorkingDays(signal: AbortSignal) {
  return apiGet(`${V1}/working-days`, workingDayExceptionListSchema, signal);
}

export function addWorkingDay(body: { date: string; working: boolean; label?: string }) {
  return apiPost(`${V1}/working-days`, workingDayExceptionSchema, body);
}

export function removeWorkingDay(id: string) {
  return apiDelete(`${V1}/working-days/${encodeURIComponent(id)}`);
}
