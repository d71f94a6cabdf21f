import {
  counselorAdminListSchema,
  counselorProfileSchema,
  problemSchema,
  qualificationSchema,
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
  reviewAndApprove,
  signedInAdmin,
  submittedApplicant,
  type Applicant,
} from './counselor-vetting-fixtures.ts';

/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const SANCTION_REASON = 'Repeated late cancellations reported by three clients in May';

describe('counselor standing, work queues and profile upkeep (A3, A8, A9)', () => {
  let t: TestApp;
  let admin: TestClient;
  let approved: Applicant;
  let today: string;

  const profileOf = async (client: TestClient, id: string) =>
    counselorProfileSchema.parse((await client.get(`${API}/${id}`)).json());

  beforeAll(async () => {
    t = await createTestApp();
    admin = (await signedInAdmin(t)).client;
    today = await orgToday(t);
    approved = await submittedApplicant(t, { expiresInDays: 40, name: 'standing' });
    await reviewAndApprove(admin, approved.profileId, approved.qualificationId);
  });
  afterAll(() => t.close());

  it('lists who is due for renewal, with the nearest date and its kind', async () => {
    const res = await admin.get(`${API}?queue=expiring&withinDays=60`);
    const list = counselorAdminListSchema.parse(res.json());
    const item = list.items.find((i) => i.id === approved.profileId);
    expect(item).toMatchObject({ nextDueKind: 'qualification', listable: true });
    expect(list.counts.approved).toBe(1);
    const narrow = counselorAdminListSchema.parse(
      (await admin.get(`${API}?queue=expiring&withinDays=10`)).json(),
    );
    expect(narrow.items.map((i) => i.id)).not.toContain(approved.profileId);
  });

  it('refuses the list to a counselor', async () => {
    expect((await approved.client.get(`${API}?queue=review`)).statusCode).toBe(403);
  });

  it('flags an unconfirmed profile as overdue until it is confirmed current (A8)', async () => {
    await t.database.query(
      `UPDATE counselor_profiles SET last_reviewed_at = now() - interval '400 days' WHERE id = $1`,
      [approved.profileId],
    );
    const queue = counselorAdminListSchema.parse(
      (await admin.get(`${API}?queue=review_overdue`)).json(),
    );
    expect(queue.items.map((i) => i.id)).toContain(approved.profileId);
    expect((await profileOf(approved.client, approved.profileId)).reviewOverdue).toBe(true);
    const confirmed = await approved.client.post(`${API}/${approved.profileId}/confirm-current`);
    expect(counselorProfileSchema.parse(confirmed.json()).reviewOverdue).toBe(false);
  });

  it('keeps a portrait (JPEG or PNG only) and serves it to the owner', async () => {
    const url = `${API}/${approved.profileId}/photo`;
    const pdf = await putBytes(approved.client, url, MINIMAL_PDF, { 'content-type': 'image/png' });
    expect(pdf.statusCode).toBe(415);
    const res = await putBytes(approved.client, url, PNG, { 'content-type': 'image/png' });
    expect(res.statusCode).toBe(200);
    expect(counselorProfileSchema.parse(res.json()).photoUrl).toBe(url);
    const photo = await approved.client.get(url);
    expect(photo.headers['content-type']).toBe('image/png');
    expect(photo.rawPayload.equals(PNG)).toBe(true);
  });

  it('lets the counselor correct a rejected certificate and withdraw an unverified one', async () => {
    const c = approved.client;
    const base = `${API}/${approved.profileId}/qualifications`;
    const q = qualificationSchema.parse(
      (await c.post(base, qualificationInput(today, 500, 'TYPO-1'))).json(),
    );
    const rejected = await admin.post(`${base}/${q.id}/decision`, {
      decision: 'rejected',
      reason: 'The number does not match the registry',
    });
    expect(qualificationSchema.parse(rejected.json())).toMatchObject({
      status: 'rejected',
      rejectionReason: 'The number does not match the registry',
    });
    const fixed = await c.request('PUT', `${base}/${q.id}`, qualificationInput(today, 500, 'OK-1'));
    expect(qualificationSchema.parse(fixed.json())).toMatchObject({
      status: 'pending',
      number: 'OK-1',
      rejectionReason: null,
    });
    const unknownType = await c.post(base, {
      ...qualificationInput(today, 500, 'X'),
      typeCode: 'astrologer',
    });
    expect(problemSchema.parse(unknownType.json()).errors?.[0]?.path).toBe('body.typeCode');
    expect((await c.request('DELETE', `${base}/${q.id}`)).statusCode).toBe(204);
    const verified = await c.request('DELETE', `${base}/${approved.qualificationId}`);
    expect(verified.statusCode).toBe(409);
  });

  it('never lets an administrator decide on their own application', async () => {
    const self = await signedInClient(
      t,
      await createMember(t, ['administrator', 'counselor'], 'both'),
    );
    const own = counselorProfileSchema.parse(
      (await self.request('PUT', `${API}/me`, profileInput())).json(),
    );
    expect(own.actions).not.toContain('remove');
    const res = await self.post(`${API}/${own.id}/transitions`, {
      event: 'remove',
      reason: 'Trying to decide on my own application',
    });
    expect(res.statusCode).toBe(403);
  });

  it('suspends on a sanction, keeps the reason sealed, and only reinstatement lifts it (A9)', async () => {
    const id = approved.profileId;
    const res = await admin.post(`${API}/${id}/standing`, {
      kind: 'suspension',
      reason: SANCTION_REASON,
      startsOn: today,
    });
    expect(res.statusCode).toBe(200);
    const profile = counselorProfileSchema.parse(res.json());
    expect(profile).toMatchObject({
      status: 'suspended',
      suspendedFor: 'sanction',
      listable: false,
    });
    expect(profile.standing).toMatchObject([{ kind: 'suspension', reason: SANCTION_REASON }]);

    const stored = JSON.stringify(
      await t.database.query(
        `SELECT s.*, e.reason, e.changes FROM counselor_standing_actions s, audit_events e
         WHERE e.subject_id = $1`,
        [approved.userId],
      ),
    );
    expect(stored).not.toContain(SANCTION_REASON);
    const notices = await t.database.query(
      `SELECT id FROM notification_outbox WHERE user_id = $1 AND template = 'counselor_standing_notice'`,
      [approved.userId],
    );
    expect(notices).toHaveLength(1);

    const resubmit = await approved.client.post(`${API}/${id}/transitions`, { event: 'submit' });
    expect(resubmit.statusCode).toBe(409);
    const back = await admin.post(`${API}/${id}/transitions`, { event: 'reinstate' });
    expect(counselorProfileSchema.parse(back.json())).toMatchObject({
      status: 'approved',
      listable: true,
    });
    const after = await profileOf(admin, id);
    expect(after.standing[0]?.liftedAt).not.toBeNull();
  });

  it('shows a request for more information on the profile, never in the e-mail', async () => {
    const a = await submittedApplicant(t, { name: 'more-info' });
    const reason = 'Please upload a legible scan of both sides of the certificate';
    const res = await admin.post(`${API}/${a.profileId}/transitions`, {
      event: 'request_info',
      reason,
    });
    expect(counselorProfileSchema.parse(res.json())).toMatchObject({
      status: 'more_info_requested',
      statusReason: reason,
    });
    const mail = (await outboxFor(t, a.email)).filter(
      (m) => m.template === 'counselor_review_decision',
    );
    expect(mail).toHaveLength(1);
    expect(mail[0]?.text).not.toContain(reason);
    expect(t.logs.join('\n')).not.toContain(reason);
    expect(t.logs.join('\n')).not.toContain(SANCTION_REASON);
  });

  it('removes a counselor for good', async () => {
    const a = await submittedApplicant(t, { name: 'removed' });
    const res = await admin.post(`${API}/${a.profileId}/standing`, {
      kind: 'removal',
      reason: 'Practising without a valid registration',
    });
    expect(counselorProfileSchema.parse(res.json())).toMatchObject({
      status: 'removed',
      actions: [],
    });
    const again = await admin.post(`${API}/${a.profileId}/transitions`, {
      event: 'remove',
      reason: 'Practising without a valid registration',
    });
    expect(again.statusCode).toBe(409);
  });
});
