import {
  consentListSchema,
  consentWithdrawalSchema,
  guardianshipListSchema,
  guardianshipSchema,
  pendingConsentListSchema,
  policyDocumentListSchema,
  policyDocumentSchema,
  type ConsentScope,
  type PolicyDocumentKind,
} from '@anxin/common';
import { apiGet, apiPatch, apiPost, queryString } from '../../lib/api.ts';

const V1 = '/api/v1';
const MINE = `${V1}/consents/me`;
const DOCS = `${V1}/policy-documents`;

const subject = (subjectUserId?: string) => queryString({ subjectUserId });

export function getPendingConsents(subjectUserId?: string, signal?: AbortSignal) {
  return apiGet(`${MINE}/pending${subject(subjectUserId)}`, pendingConsentListSchema, signal);
}

export function getMyConsents(subjectUserId?: string, signal?: AbortSignal) {
  return apiGet(`${MINE}${subject(subjectUserId)}`, consentListSchema, signal);
}

export interface Decision {
  scope: ConsentScope;
  granted: boolean;
  documentId: string;
}

export function signConsents(decisions: Decision[], subjectUserId?: string) {
  return apiPost(MINE, consentListSchema, { decisions, subjectUserId });
}

export function withdrawConsent(scope: ConsentScope, subjectUserId?: string) {
  return apiPost(`${MINE}/${scope}/withdraw`, consentWithdrawalSchema, { subjectUserId });
}

export async function listPolicyDocuments(kind?: PolicyDocumentKind, signal?: AbortSignal) {
  return (await apiGet(`${DOCS}${queryString({ kind })}`, policyDocumentListSchema, signal)).items;
}

export interface DocumentTexts {
  titleZh: string;
  titleEn: string;
  bodyZh: string;
  bodyEn: string;
  material: boolean;
}

export function createPolicyDocument(kind: PolicyDocumentKind, texts: DocumentTexts) {
  return apiPost(DOCS, policyDocumentSchema, { kind, ...texts });
}

export function editPolicyDocument(id: string, texts: DocumentTexts) {
  return apiPatch(`${DOCS}/${encodeURIComponent(id)}`, policyDocumentSchema, texts);
}

export function publishPolicyDocument(id: string, effectiveAt?: string) {
  return apiPost(`${DOCS}/${encodeURIComponent(id)}/publish`, policyDocumentSchema, {
    effectiveAt,
  });
}

export async function listGuardianships(signal?: AbortSignal) {
  return (await apiGet(`${V1}/guardianships`, guardianshipListSchema, signal)).items;
}

export function requestGuardianship(
  minorContact: string,
  relationship: 'parent' | 'legal_guardian',
) {
  return apiPost(`${V1}/guardianships`, guardianshipSchema, { minorContact, relationship });
}

export function decideGuardianship(id: string, decision: 'verify' | 'revoke') {
  return apiPost(`${V1}/guardianships/${encodeURIComponent(id)}/${decision}`, guardianshipSchema);
}
