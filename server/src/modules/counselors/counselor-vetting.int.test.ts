import { randomUUID } from 'node:crypto';
import {
  counselorAdminListSchema,
  counselorProfileSchema,
  problemSchema,
  qualificationSchema,
  UPLOAD_MAX_BYTES,
} from '@anxin/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestClient } from '../../test/http-client.ts';
import { createMember, outboxFor, signedInClient } from '../../test/identity-fixtures.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import {
  API,
  MINIMAL_PDF,
  orgToday,
  profileInput,
  putBytes,
  qualificationInput,
  signedInAdmin,
} from './counselor-vetting-fixtures.ts';

/** A problem without its request id: what must not differ between "hidden" and "missing". */
const withoutRequestId = (body: string) => {
  const { requestId: _ignored, ...rest } = problemSchema.parse(JSON.parse(body));
  return rest;
};

const CERT_NUMBER = 'CPS-2024-778899';

describe('counselor vetting (A3)', () => {
  let t: TestApp;
  let admin: TestClient;
  let counselor: TestClient;
  let counselorUserId: string;
  let counselorEmail: string;
  let profileId: string;
  let qualificationId: string;

  const count = async (sql: string, params: unknown[] = []) =>
    Number((await t.database.query<{ n: string }>(sql, params))[0]?.n ?? 0);

  beforeAll(async () => {
    t = await createTestApp();
    admin = (await signedInAdmin(t)).client;
    const member = await createMember(t, ['counselor'], 'lin');
    counselorUserId = member.userId;
    counselorEmail = member.email;
    counselor = await signedInClient(t, member);
  });
  afterAll(() => t.close());

  it('lets a counselor create a profile, add a certificate, upload its PDF scan and submit', async () => {
    const created = await counselor.request('PUT', `${API}/me`, profileInput());
    expect(created.statusCode).toBe(200);
    const profile = counselorProfileSchema.parse(created.json());
    profileId = profile.id;
    expect(profile).toMatchObject({
      status: 'applicant',
      userId: counselorUserId,
      listable: false,
    });
    expect(profile.actions).toEqual(expect.arrayContaining(['edit', 'submit', 'confirm_current']));
    expect(profile.lastReviewedAt).not.toBeNull();

    const today = await orgToday(t);
    const added = await counselor.post(
      `${API}/${profileId}/qualifications`,
      qualificationInput(today, 365, CERT_NUMBER),
    );
    expect(added.statusCode).toBe(201);
    const q = qualificationSchema.parse(added.json());
    qualificationId = q.id;
    expect(q).toMatchObject({
      status: 'pending',
      number: CERT_NUMBER,
      file: null,
      daysToExpiry: 365,
    });

    const early = await counselor.post(`${API}/${profileId}/transitions`, { event: 'submit' });
    expect(early.statusCode).toBe(409);
    expect(problemSchema.parse(early.json())).toMatchObject({
      code: 'invalid_transition',
      errors: [{ path: 'qualifications' }],
    });

    const upload = await putBytes(
      counselor,
      `${API}/${profileId}/qualifications/${qualificationId}/file`,
      MINIMAL_PDF,
    );
    expect(upload.statusCode).toBe(200);
    expect(qualificationSchema.parse(upload.json()).file).toMatchObject({
      mediaType: 'application/pdf',
      sizeBytes: MINIMAL_PDF.length,
    });

    const submitted = await counselor.post(`${API}/${profileId}/transitions`, { event: 'submit' });
    expect(submitted.statusCode).toBe(200);
    expect(counselorProfileSchema.parse(submitted.json())).toMatchObject({ status: 'submitted' });
  });

  it('answers an unknown vocabulary code with 400 at the exact field', async () => {
    const other = await signedInClient(t, await createMember(t, ['counselor'], 'vocab'));
    expect((await other.get(`${API}/me`)).statusCode).toBe(404);
    const res = await other.request(
      'PUT',
      `${API}/me`,
      profileInput({ specialties: ['anxiety', 'astrology'] }),
    );
    expect(res.statusCode).toBe(400);
    expect(problemSchema.parse(res.json())).toMatchObject({
      code: 'validation_failed',
      errors: [{ path: 'body.specialties.1' }],
    });
  });

  it('refuses a profile to someone who is not a counselor', async () => {
    const client = await signedInClient(t, await createMember(t, ['client'], 'client'));
    expect((await client.request('PUT', `${API}/me`, profileInput())).statusCode).toBe(403);
  });

  it('lets an administrator review, verify the certificate and approve; the profile becomes listable', async () => {
    const queue = await admin.get(`${API}?queue=review`);
    expect(queue.statusCode).toBe(200);
    const list = counselorAdminListSchema.parse(queue.json());
    expect(list.items.map((i) => i.id)).toContain(profileId);
    expect(list.counts.submitted).toBeGreaterThanOrEqual(1);

    const tooEarly = await admin.post(`${API}/${profileId}/transitions`, { event: 'approve' });
    expect(tooEarly.statusCode).toBe(409);
    expect(problemSchema.parse(tooEarly.json()).code).toBe('invalid_transition');

    const review = await admin.post(`${API}/${profileId}/transitions`, { event: 'start_review' });
    expect(counselorProfileSchema.parse(review.json()).status).toBe('under_review');

    const unverified = await admin.post(`${API}/${profileId}/transitions`, { event: 'approve' });
    expect(unverified.statusCode).toBe(409);
    expect(problemSchema.parse(unverified.json()).detail).toMatch(/verified/);

    const verified = await admin.post(
      `${API}/${profileId}/qualifications/${qualificationId}/decision`,
      { decision: 'verified' },
    );
    expect(verified.statusCode).toBe(200);
    expect(qualificationSchema.parse(verified.json())).toMatchObject({ status: 'verified' });

    const approved = await admin.post(`${API}/${profileId}/transitions`, { event: 'approve' });
    expect(approved.statusCode).toBe(200);
    const profile = counselorProfileSchema.parse(approved.json());
    expect(profile).toMatchObject({ status: 'approved', listable: true, suspendedFor: null });
    expect(profile.recheckDueOn).not.toBeNull();
    expect(profile.reviewHistory.map((e) => e.event)).toEqual([
      'submit',
      'start_review',
      'approve',
    ]);
    expect(profile.actions).toEqual(expect.arrayContaining(['suspend', 'remove', 'recheck']));
  });

  it('records an audit event for each transition and tells the counselor without reasons by mail', async () => {
    const events = await t.database.query<{ changes: { status: { new: string } } }>(
      `SELECT changes FROM audit_events WHERE action = 'counselor.transition' AND entity_id = $1
       ORDER BY seq`,
      [profileId],
    );
    expect(events.map((e) => e.changes.status.new)).toEqual([
      'submitted',
      'under_review',
      'approved',
    ]);
    const mail = (await outboxFor(t, counselorEmail)).filter(
      (m) => m.template === 'counselor_review_decision',
    );
    expect(mail.map((m) => m.channel)).toEqual(['email', 'email']);
  });

  it('hides a profile from another counselor and from a client exactly like a missing one', async () => {
    const missing = await admin.get(`${API}/${randomUUID()}`);
    for (const role of ['counselor', 'client'] as const) {
      const other = await signedInClient(t, await createMember(t, [role], `other-${role}`));
      const hidden = await other.get(`${API}/${profileId}`);
      const absent = await other.get(`${API}/${randomUUID()}`);
      expect([hidden.statusCode, absent.statusCode, missing.statusCode]).toEqual([404, 404, 404]);
      expect(withoutRequestId(hidden.body)).toEqual(withoutRequestId(absent.body));
      expect(hidden.body.length).toBe(absent.body.length);
      expect(hidden.headers['content-type']).toBe(absent.headers['content-type']);
      const file = await other.get(`${API}/${profileId}/qualifications/${qualificationId}/file`);
      expect(withoutRequestId(file.body)).toEqual(withoutRequestId(absent.body));
    }
  });

  it('answers transitions the state or the actor does not allow with 409 or 403', async () => {
    const again = await counselor.post(`${API}/${profileId}/transitions`, { event: 'submit' });
    expect(again.statusCode).toBe(409);
    expect(problemSchema.parse(again.json()).code).toBe('invalid_transition');
    const own = await counselor.post(`${API}/${profileId}/transitions`, { event: 'suspend' });
    expect(own.statusCode).toBe(403);
    const noReason = await admin.post(`${API}/${profileId}/transitions`, { event: 'suspend' });
    expect(noReason.statusCode).toBe(400);
    expect(problemSchema.parse(noReason.json()).errors?.[0]?.path).toBe('body.reason');
    const edit = await counselor.request('PUT', `${API}/me`, profileInput({ yearsOfPractice: 7 }));
    expect(edit.statusCode).toBe(200); // approved profiles stay editable (A8)
  });

  it('refuses an executable named cert.pdf with 415 and stores nothing', async () => {
    const files = () => count('SELECT count(*) AS n FROM stored_files');
    const before = await files();
    const elf = Buffer.concat([
      Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]),
      Buffer.alloc(120, 0),
    ]);
    const other = await signedInClient(t, await createMember(t, ['counselor'], 'elf'));
    const profile = counselorProfileSchema.parse(
      (await other.request('PUT', `${API}/me`, profileInput())).json(),
    );
    const q = qualificationSchema.parse(
      (
        await other.post(
          `${API}/${profile.id}/qualifications`,
          qualificationInput(await orgToday(t), 100, 'ELF-1'),
        )
      ).json(),
    );
    const res = await putBytes(other, `${API}/${profile.id}/qualifications/${q.id}/file`, elf);
    expect(res.statusCode).toBe(415);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = problemSchema.parse(res.json());
    expect(problem.code).toBe('file_type_not_allowed');
    expect(problem.detail).toMatch(/PDF, JPEG, PNG/);
    expect(await files()).toBe(before);
  });

  it('answers a body over 10 MB with 413', async () => {
    const big = Buffer.alloc(UPLOAD_MAX_BYTES + 1024 * 1024, 0x20);
    const res = await putBytes(
      counselor,
      `${API}/${profileId}/qualifications/${qualificationId}/file`,
      big,
    );
    expect(res.statusCode).toBe(413);
    expect(problemSchema.parse(res.json()).code).toBe('payload_too_large');
  });

  it('returns the identical bytes of a scan and audits the download in the same request', async () => {
    const res = await admin.get(`${API}/${profileId}/qualifications/${qualificationId}/file`);
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(MINIMAL_PDF)).toBe(true);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe('attachment');
    const requestId = String(res.headers['x-request-id']);
    expect(
      await count(
        `SELECT count(*) AS n FROM audit_events WHERE action = 'counselor_qualification.file.read'
         AND request_id = $1 AND entity_id = $2 AND subject_id = $3`,
        [requestId, qualificationId, counselorUserId],
      ),
    ).toBe(1);
  });

  it('audits every read of a profile, which carries certificate numbers', async () => {
    const res = await admin.get(`${API}/${profileId}`);
    expect(counselorProfileSchema.parse(res.json()).qualifications[0]?.number).toBe(CERT_NUMBER);
    expect(
      await count(
        `SELECT count(*) AS n FROM audit_events WHERE action = 'counselor_profile.read'
         AND request_id = $1 AND subject_id = $2`,
        [String(res.headers['x-request-id']), counselorUserId],
      ),
    ).toBe(1);
  });

  it('keeps the certificate number encrypted in the database', async () => {
    const rows = await t.database.query<{ number_enc: string }>(
      'SELECT number_enc FROM counselor_qualifications WHERE id = $1',
      [qualificationId],
    );
    expect(rows[0]?.number_enc).toMatch(/^v1\./);
    expect(rows[0]?.number_enc).not.toContain(CERT_NUMBER);
    const dump = JSON.stringify(await t.database.query('SELECT * FROM counselor_qualifications'));
    expect(dump).not.toContain(CERT_NUMBER);
    expect(t.logs.join('\n')).not.toContain(CERT_NUMBER);
  });
});
