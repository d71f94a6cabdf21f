import type { ErasureCertificate, Goal, Seal, SealDetail } from '@anxin/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { privacyRequests } from '../../platform/db/schema/index.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { testBackend } from '../../test/test-database.ts';
import {
  clientInEpisode,
  counselorWithSession,
  signedNote,
} from '../records/test-support/records-fixtures.ts';
import { signedInAdministrator } from '../scheduling/appointment-fixtures.ts';
import {
  dayFromToday,
  GOAL_TEXT,
  goalFor,
  GOALS,
  hotline,
  REFERRALS,
  SLEEP_GOAL,
} from './test-support/care-plans-fixtures.ts';

describe(`erasure of a person with a care plan on ${testBackend()}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('seals goals, reviews and referrals for the counseling floor, readable only by break-glass', async () => {
    const admin = await signedInAdministrator(t);
    const counselor = await counselorWithSession(t, 'erasure-planner');
    const client = await clientInEpisode(t, counselor, 'erased-planned');
    const goal = await goalFor(counselor.http, client.episodeId, SLEEP_GOAL);
    await counselor.http.post(`${GOALS}/${goal.id}/reviews`, {
      reviewedOn: dayFromToday(0),
      rating: 'some_progress',
      note: 'Four good nights this week.',
    });
    const line = await hotline(counselor.http);
    const referral = await counselor.http.post(REFERRALS, {
      episodeId: client.episodeId,
      resourceId: line.id,
      reason: 'Night-time support',
      basis: { kind: 'exception', code: 'danger_to_self', justification: 'Plan and means.' },
    });
    expect(referral.statusCode).toBe(201);
    // A signed note as well: erasure re-seals its versions, which nothing else may change.
    await signedNote(counselor.http, client.userId);

    const requestId = crypto.randomUUID();
    await t.database.db.insert(privacyRequests).values({
      id: requestId,
      organizationId: client.organizationId,
      subjectUserId: client.userId,
      kind: 'deletion',
      status: 'in_progress',
      dueAt: new Date(Date.now() + 15 * 86_400_000),
    });
    const res = await admin.client.post(`/api/v1/privacy-requests/${requestId}/erase`);
    expect(res.statusCode, res.body).toBe(200);
    const certificate = res.json<ErasureCertificate>();
    const sealed = Object.fromEntries(certificate.sealed.map((s) => [s.category, s.count]));
    expect(sealed).toMatchObject({
      treatment_goals: 1,
      goal_progress_reviews: 1,
      referrals: 1,
      disclosures: 1,
      clinical_record_versions: 1,
    });
    expect(JSON.stringify(certificate)).not.toContain('nights');

    // The person's key is gone: the goal's words no longer open for its counselor…
    const after = await counselor.http.get(`${GOALS}/${goal.id}`);
    expect(after.json<Goal>()).toMatchObject({ description: '', reviews: [{ note: null }] });
    // …but the privacy officer reads the sealed words through break-glass.
    const seal = (await admin.client.get('/api/v1/seals'))
      .json<{ items: Seal[] }>()
      .items.find((s) => s.subjectUserId === client.userId && s.recordType === 'counseling_record');
    if (!seal) throw new Error('no counseling seal');
    await admin.client.post(`/api/v1/seals/${seal.id}/break-glass`, {
      reason: 'Court order about the care plan',
      minutes: 10,
    });
    const detail = (await admin.client.get(`/api/v1/seals/${seal.id}`)).json<SealDetail>();
    const goalRow = detail.records.find((r) => r.table === 'treatment_goals');
    expect(goalRow?.fields).toMatchObject({ description: GOAL_TEXT });
    const reviewRow = detail.records.find((r) => r.table === 'goal_progress_reviews');
    expect(reviewRow?.fields).toMatchObject({ note: 'Four good nights this week.' });
    const referralRow = detail.records.find((r) => r.table === 'referrals');
    expect(referralRow?.fields).toMatchObject({
      reason: 'Night-time support',
      justification: 'Plan and means.',
    });
  });
});
