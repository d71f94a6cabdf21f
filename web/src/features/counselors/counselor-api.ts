import {
  ceShortfallListSchema,
  counselorAdminListSchema,
  counselorProfileSchema,
  counselorSettingsSchema,
  developmentSummarySchema,
  directoryCounselorDetailSchema,
  directoryPageSchema,
  qualificationSchema,
  relationshipListSchema,
  relationshipSchema,
  vocabularyListSchema,
  vocabularyTermSchema,
  type CounselorEvent,
  type CounselorProfile,
  type CounselorProfileInput,
  type CounselorSettings,
  type VocabularyKind,
} from '@anxin/common';
import {
  apiDelete,
  apiGet,
  apiPatch,
  apiPost,
  apiPut,
  apiUpload,
  isNotFound,
  queryString,
  type Schema,
} from '../../lib/api.ts';

/** For answers whose body the page does not need: it loads the changed record again instead. */
const ignored: Schema<undefined> = { parse: () => undefined };

const V1 = '/api/v1';
const profilePath = (id: string) => `${V1}/counselor-profiles/${encodeURIComponent(id)}`;
const qualificationPath = (id: string, qid: string) =>
  `${profilePath(id)}/qualifications/${encodeURIComponent(qid)}`;

// ---------------------------------------------------------------- vocabularies and settings

export async function listVocabularies(signal?: AbortSignal, kind?: VocabularyKind) {
  const query = queryString({ kind, includeRetired: 'true' });
  return (await apiGet(`${V1}/vocabularies${query}`, vocabularyListSchema, signal)).items;
}

export interface VocabularyCreate {
  kind: VocabularyKind;
  code: string;
  labelZh: string;
  labelEn: string;
  sortOrder: number;
  qualifies: boolean;
}

export function createVocabularyTerm(body: VocabularyCreate) {
  return apiPost(`${V1}/vocabularies`, vocabularyTermSchema, body);
}

export interface VocabularyPatch {
  labelZh?: string;
  labelEn?: string;
  active?: boolean;
  sortOrder?: number;
  qualifies?: boolean;
}

export async function updateVocabularyTerm(id: string, body: VocabularyPatch): Promise<void> {
  await apiPatch(`${V1}/vocabularies/${encodeURIComponent(id)}`, ignored, body);
}

export function getCounselorSettings(signal?: AbortSignal) {
  return apiGet(`${V1}/settings/counselors`, counselorSettingsSchema, signal);
}

export function putCounselorSettings(body: CounselorSettings) {
  return apiPut(`${V1}/settings/counselors`, counselorSettingsSchema, body);
}

// ---------------------------------------------------------------- profiles

/** The signed-in counselor's own profile, or null before they have started one (404). */
export async function getMyProfile(signal?: AbortSignal): Promise<CounselorProfile | null> {
  try {
    return await apiGet(`${V1}/counselor-profiles/me`, counselorProfileSchema, signal);
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

export function putMyProfile(body: CounselorProfileInput) {
  return apiPut(`${V1}/counselor-profiles/me`, counselorProfileSchema, body);
}

export function getProfile(id: string, signal?: AbortSignal) {
  return apiGet(profilePath(id), counselorProfileSchema, signal);
}

/** An administrator keeps a counselor's public fields current (A8). */
export function putProfile(id: string, body: CounselorProfileInput) {
  return apiPut(profilePath(id), counselorProfileSchema, body);
}

export interface AdminListQuery {
  status?: string;
  queue?: 'review' | 'expiring' | 'review_overdue';
  withinDays?: number;
  limit: number;
  offset: number;
}

export function listProfiles(query: AdminListQuery, signal: AbortSignal) {
  return apiGet(
    `${V1}/counselor-profiles${queryString({ ...query })}`,
    counselorAdminListSchema,
    signal,
  );
}

export async function transition(id: string, event: CounselorEvent, reason?: string) {
  await apiPost(`${profilePath(id)}/transitions`, ignored, reason ? { event, reason } : { event });
}

export async function recheck(id: string) {
  await apiPost(`${profilePath(id)}/recheck`, ignored);
}

export async function confirmCurrent(id: string) {
  await apiPost(`${profilePath(id)}/confirm-current`, ignored);
}

export async function addStanding(
  id: string,
  body: { kind: string; reason: string; startsOn?: string; endsOn?: string },
) {
  await apiPost(`${profilePath(id)}/standing`, ignored, body);
}

export function uploadPhoto(id: string, file: File) {
  return apiUpload(`${profilePath(id)}/photo`, file);
}

// ---------------------------------------------------------------- qualifications

export interface QualificationBody {
  typeCode: string;
  number: string;
  issuer: string;
  issuedOn: string;
  expiresOn: string | null;
  verificationUrl: string | null;
}

export function addQualification(id: string, body: QualificationBody) {
  return apiPost(`${profilePath(id)}/qualifications`, qualificationSchema, body);
}

export async function updateQualification(id: string, qid: string, body: QualificationBody) {
  await apiPut(qualificationPath(id, qid), ignored, body);
}

export function deleteQualification(id: string, qid: string) {
  return apiDelete(qualificationPath(id, qid));
}

export function uploadQualificationFile(id: string, qid: string, file: File) {
  return apiUpload(`${qualificationPath(id, qid)}/file`, file);
}

/** Where the scan downloads from (a plain link: the session cookie goes with it). */
export function qualificationFileUrl(id: string, qid: string): string {
  return `${qualificationPath(id, qid)}/file`;
}

export async function decideQualification(
  id: string,
  qid: string,
  body: { decision: 'verified' | 'rejected'; reason?: string },
) {
  await apiPost(`${qualificationPath(id, qid)}/decision`, ignored, body);
}

// ---------------------------------------------------------------- relationships (C2)

export async function listRelationships(id: string, signal?: AbortSignal) {
  return (await apiGet(`${profilePath(id)}/relationships`, relationshipListSchema, signal)).items;
}

export function declareRelationship(
  id: string,
  body: { clientIdentifier?: string; description: string },
) {
  return apiPost(`${profilePath(id)}/relationships`, relationshipSchema, body);
}

export async function endRelationship(id: string, rid: string) {
  await apiPost(`${profilePath(id)}/relationships/${encodeURIComponent(rid)}/end`, ignored);
}

// ---------------------------------------------------------------- development (C5)

export function getDevelopment(id: string, year: number, signal?: AbortSignal) {
  return apiGet(
    `${profilePath(id)}/development${queryString({ year })}`,
    developmentSummarySchema,
    signal,
  );
}

export interface TrainingBody {
  title: string;
  provider: string;
  category: string;
  hours: number;
  completedOn: string;
}

export async function addTraining(id: string, body: TrainingBody) {
  await apiPost(`${profilePath(id)}/training`, ignored, body);
}

export function deleteTraining(id: string, tid: string) {
  return apiDelete(`${profilePath(id)}/training/${encodeURIComponent(tid)}`);
}

export function uploadTrainingEvidence(id: string, tid: string, file: File) {
  return apiUpload(`${profilePath(id)}/training/${encodeURIComponent(tid)}/evidence`, file);
}

export function trainingEvidenceUrl(id: string, tid: string): string {
  return `${profilePath(id)}/training/${encodeURIComponent(tid)}/evidence`;
}

export interface SupervisionBody {
  supervisorName: string;
  heldOn: string;
  hours: number;
  notes?: string;
}

export async function addSupervision(id: string, body: SupervisionBody) {
  await apiPost(`${profilePath(id)}/supervision`, ignored, body);
}

export function deleteSupervision(id: string, sid: string) {
  return apiDelete(`${profilePath(id)}/supervision/${encodeURIComponent(sid)}`);
}

export function getShortfall(year: number, signal: AbortSignal) {
  return apiGet(
    `${V1}/counselor-development/shortfall${queryString({ year })}`,
    ceShortfallListSchema,
    signal,
  );
}

// ---------------------------------------------------------------- directory (A7)

export interface DirectoryApiQuery {
  q?: string;
  specialty?: string;
  approach?: string;
  language?: string;
  modality?: string;
  gender?: string;
  priceMin?: number;
  priceMax?: number;
  sort?: string;
  limit: number;
  offset: number;
}

export function searchDirectory(query: DirectoryApiQuery, signal: AbortSignal) {
  return apiGet(
    `${V1}/directory/counselors${queryString({ ...query })}`,
    directoryPageSchema,
    signal,
  );
}

export function getDirectoryCounselor(id: string, signal: AbortSignal) {
  return apiGet(
    `${V1}/directory/counselors/${encodeURIComponent(id)}`,
    directoryCounselorDetailSchema,
    signal,
  );
}
