import type { CounselorProfile, CounselorProfileInput, Qualification } from '@anxin/common';
import type { TestClient } from '../../test/http-client.ts';
import { createMember, signedInClient } from '../../test/identity-fixtures.ts';
import type { TestApp } from '../../test/test-app.ts';
import { addDays } from './counselor-dates.ts';
import { todayIn } from './counselor-eligibility.ts';

/** Test helpers for vetting: a complete application, uploads, and the review by an administrator. */

export const API = '/api/v1/counselor-profiles';

/** A real, minimal PDF document (one empty page): what a scanner's output starts like. */
export const MINIMAL_PDF = Buffer.from(
  '%PDF-1.4\n' +
    '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n' +
    '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n' +
    '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >> endobj\n' +
    'trailer << /Root 1 0 R >>\n%%EOF\n',
  'latin1',
);

export function profileInput(
  overrides: Partial<CounselorProfileInput> = {},
): CounselorProfileInput {
  return {
    displayName: '林老师',
    gender: 'female',
    languages: ['zh', 'en'],
    specialties: ['anxiety', 'depression'],
    approaches: ['cbt'],
    modalities: ['video', 'text'],
    yearsOfPractice: 6,
    bioZh: '擅长焦虑与抑郁的认知行为治疗。',
    bioEn: '',
    fees: { intake: 50_000, follow_up: 40_000 },
    ...overrides,
  };
}

/** The organisation's date today (the sweep and the service work in its zone). */
export async function orgToday(t: TestApp, now = new Date()): Promise<string> {
  const [org] = await t.database.query<{ time_zone: string }>(
    'SELECT time_zone FROM organizations LIMIT 1',
  );
  return todayIn(org?.time_zone ?? 'Asia/Shanghai', now);
}

export function qualificationInput(today: string, expiresInDays: number | null, number: string) {
  return {
    typeCode: 'cps_registered',
    number,
    issuer: '中国心理学会临床与咨询心理学专业机构和专业人员注册系统',
    issuedOn: addDays(today, -400),
    expiresOn: expiresInDays === null ? null : addDays(today, expiresInDays),
    verificationUrl: 'https://example.org/registry/check',
  };
}

/** Sends raw bytes as an upload, the way the web app does (cookies and CSRF header included). */
export function putBytes(
  client: TestClient,
  url: string,
  bytes: Buffer,
  headers: Record<string, string> = {
    'content-type': 'application/pdf',
    'x-file-name': 'cert.pdf',
  },
) {
  return client.request('PUT', url, bytes, headers);
}

export interface Applicant {
  userId: string;
  email: string;
  client: TestClient;
  profileId: string;
  qualificationId: string;
}

/** A counselor with a complete application: profile, one certificate with its scan, submitted. */
export async function submittedApplicant(
  t: TestApp,
  opts: { expiresInDays?: number | null; number?: string; name?: string } = {},
): Promise<Applicant> {
  const member = await createMember(t, ['counselor'], opts.name ?? 'counselor');
  const client = await signedInClient(t, member);
  const today = await orgToday(t);
  const profile = await client.request('PUT', `${API}/me`, profileInput());
  if (profile.statusCode !== 200) throw new Error(`profile: ${profile.body}`);
  const profileId = profile.json<CounselorProfile>().id;
  const q = await client.post(
    `${API}/${profileId}/qualifications`,
    qualificationInput(today, opts.expiresInDays ?? 365, opts.number ?? 'CPS-X-0001'),
  );
  if (q.statusCode !== 201) throw new Error(`qualification: ${q.body}`);
  const qualificationId = q.json<Qualification>().id;
  const file = await putBytes(
    client,
    `${API}/${profileId}/qualifications/${qualificationId}/file`,
    MINIMAL_PDF,
  );
  if (file.statusCode !== 200) throw new Error(`file: ${file.body}`);
  const submit = await client.post(`${API}/${profileId}/transitions`, { event: 'submit' });
  if (submit.statusCode !== 200) throw new Error(`submit: ${submit.body}`);
  return { userId: member.userId, email: member.email, client, profileId, qualificationId };
}

/** The administrator takes the application into review, verifies the certificate and approves. */
export async function reviewAndApprove(
  admin: TestClient,
  profileId: string,
  qualificationId: string,
): Promise<CounselorProfile> {
  for (const step of [
    () => admin.post(`${API}/${profileId}/transitions`, { event: 'start_review' }),
    () =>
      admin.post(`${API}/${profileId}/qualifications/${qualificationId}/decision`, {
        decision: 'verified',
      }),
    () => admin.post(`${API}/${profileId}/transitions`, { event: 'approve' }),
  ]) {
    const res = await step();
    if (res.statusCode !== 200) throw new Error(`review: ${res.body}`);
  }
  const res = await admin.get(`${API}/${profileId}`);
  return res.json<CounselorProfile>();
}

export async function signedInAdmin(t: TestApp) {
  const admin = await createMember(t, ['administrator'], 'admin');
  return { ...admin, client: await signedInClient(t, admin) };
}
