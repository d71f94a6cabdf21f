import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { testBackend } from '../../../test/test-database.ts';
import {
  clientInEpisode,
  counselorWithSession,
  signedNote,
} from '../../records/test-support/records-fixtures.ts';
import { signedInAdministrator } from '../../scheduling/appointment-fixtures.ts';
import {
  dayFromToday,
  goalFor,
  GOALS,
  hotline,
  referralFor,
  SLEEP_GOAL,
} from '../../care-plans/test-support/care-plans-fixtures.ts';
import { runRetention } from './retention.job.ts';

const YEAR = 365 * 86_400_000;

/**
 * B9 for living clients: the counseling record of an episode closed longer ago than the ceiling
 * (ten years by default) is destroyed by the retention run; a recent episode's and a held
 * client's are kept, and a second run changes nothing.
 */
describe(`counseling records past their ceiling on ${testBackend()}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const run = () => runRetention(t.database, t.ctx.vault, t.ctx.vault.keyring.auditKey, new Date());

  /** A client with a signed note, a reviewed goal and a referral that disclosed information. */
  async function clientWithRecords(
    counselor: Awaited<ReturnType<typeof counselorWithSession>>,
    name: string,
    closedYearsAgo: number,
  ) {
    const client = await clientInEpisode(t, counselor, name);
    await signedNote(counselor.http, client.userId);
    const goal = await goalFor(counselor.http, client.episodeId, SLEEP_GOAL);
    const review = await counselor.http.post(`${GOALS}/${goal.id}/reviews`, {
      reviewedOn: dayFromToday(0),
      rating: 'some_progress',
    });
    expect(review.statusCode, review.body).toBe(200);
    const line = await hotline(counselor.http);
    await referralFor(counselor.http, client.episodeId, line.id, {
      kind: 'exception',
      code: 'danger_to_self',
      justification: 'Plan and means.',
    });
    await t.database.query(
      `UPDATE care_episodes SET status = 'closed', close_reason = 'goals_met', closed_at = $2
        WHERE id = $1`,
      [client.episodeId, new Date(Date.now() - closedYearsAgo * YEAR)],
    );
    return client;
  }

  const contentOf = async (clientUserId: string) => {
    const [row] = await t.database.query<Record<string, number>>(
      `SELECT
         (SELECT count(*)::int FROM clinical_record_versions v JOIN clinical_records r
            ON r.id = v.record_id WHERE r.client_user_id = $1) AS versions,
         (SELECT count(*)::int FROM clinical_records WHERE client_user_id = $1) AS records,
         (SELECT count(*)::int FROM treatment_goals WHERE client_user_id = $1) AS goals,
         (SELECT count(*)::int FROM goal_progress_reviews g JOIN treatment_goals tg
            ON tg.id = g.goal_id WHERE tg.client_user_id = $1) AS reviews,
         (SELECT count(*)::int FROM referrals WHERE client_user_id = $1) AS referrals,
         (SELECT count(*)::int FROM disclosures WHERE subject_user_id = $1) AS disclosures`,
      [clientUserId],
    );
    return row;
  };

  it('destroys an old episode’s record, keeps a recent and a held one, and is idempotent', async () => {
    const admin = await signedInAdministrator(t);
    const counselor = await counselorWithSession(t, 'ceiling-counselor');
    const old = await clientWithRecords(counselor, 'ceiling-old', 11);
    const recent = await clientWithRecords(counselor, 'ceiling-recent', 1);
    const held = await clientWithRecords(counselor, 'ceiling-held', 11);
    const hold = await admin.client.post('/api/v1/legal-holds', {
      subjectUserId: held.userId,
      reason: 'litigation pending',
    });
    expect(hold.statusCode, hold.body).toBe(201);
    const full = { versions: 1, records: 1, goals: 1, reviews: 1, referrals: 1, disclosures: 1 };
    expect(await contentOf(old.userId)).toEqual(full);

    const first = await run();
    expect(first.failed).toBe(0);
    // The content goes; the record's row (type, dates, status) stays for statistics. The
    // disclosure register counts from the disclosure itself (made today), so its entry stays.
    expect(await contentOf(old.userId)).toEqual({
      versions: 0,
      records: 1,
      goals: 0,
      reviews: 0,
      referrals: 0,
      disclosures: 1,
    });
    expect(first.counselingRecordsDestroyed).toBe(4);
    expect(await contentOf(recent.userId)).toEqual(full);
    expect(await contentOf(held.userId)).toEqual(full);

    const events = await t.database.query<{ entity_type: string; reason: string }>(
      `SELECT entity_type, reason FROM audit_events
        WHERE action = 'system.retention.destroy' AND subject_id = $1 ORDER BY entity_type`,
      [old.userId],
    );
    expect(events.map((e) => e.entity_type)).toEqual([
      'clinical_record_versions',
      'goal_progress_reviews',
      'referrals',
      'treatment_goals',
    ]);
    expect(new Set(events.map((e) => e.reason))).toEqual(new Set(['retention_ceiling_passed']));

    const second = await run();
    expect(second.counselingRecordsDestroyed).toBe(0);
    expect(second.failed).toBe(0);
  });
});
