import type { AssessmentResult, AssessmentTask } from '@anxin/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { book, openCounselor, signedInMember, slotAt } from '../scheduling/appointment-fixtures.ts';
import {
  clientInEpisode,
  counselorWithSession,
  supervisorOf,
} from '../records/test-support/records-fixtures.ts';

const ZERO = 'LA6568-5';
const SEVERAL = 'LA6569-3';
const NEARLY = 'LA6571-9';

/** PHQ-9 answers: items 1–8 as given, item 9 as given. */
const phq9 = (rest: string, item9: string) => ({
  ...Object.fromEntries([1, 2, 3, 4, 5, 6, 7, 8].map((i) => [`phq9_${i}`, rest])),
  phq9_9: item9,
});

describe('assessments: assigned, filled in by the client, scored, risk raised', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('scores a PHQ-9 with item 9 above 0 and raises a risk signal with it', async () => {
    const counselor = await counselorWithSession(t, 'assessing');
    const client = await clientInEpisode(t, counselor, 'answering');
    const supervisor = await supervisorOf(t, 'assess-sup', [counselor.profileId]);
    const outsider = await counselorWithSession(t, 'outsider');

    const assigned = await counselor.http.post('/api/v1/assessments', {
      clientUserId: client.userId,
      assessmentCode: 'phq9',
    });
    expect(assigned.statusCode).toBe(201);
    const task = assigned.json<AssessmentTask>();
    expect(task).toMatchObject({ assessmentCode: 'phq9', status: 'assigned' });
    const mine = await client.http.get('/api/v1/me/assessments');
    expect(mine.json<{ items: AssessmentTask[] }>().items.map((i) => i.id)).toContain(task.id);

    // Missing and invalid answers are named by item; nothing is stored.
    const partial = await client.http.post(`/api/v1/me/assessments/${task.id}/answers`, {
      answers: { ...phq9(ZERO, ZERO), phq9_1: 'LA0000-0', phq9_2: undefined },
    });
    expect(partial.statusCode).toBe(400);
    expect(partial.json<{ errors: { path: string; code: string }[] }>().errors).toEqual([
      expect.objectContaining({ path: 'body.answers.phq9_1', code: 'unknown_answer' }),
      expect.objectContaining({ path: 'body.answers.phq9_2', code: 'missing' }),
    ]);
    expect(
      await t.database.query(`SELECT 1 FROM risk_signals WHERE source_id = $1`, [task.id]),
    ).toEqual([]);

    // Someone else cannot fill in the client's questionnaire.
    expect(
      (
        await outsider.http.post(`/api/v1/me/assessments/${task.id}/answers`, {
          answers: phq9(ZERO, ZERO),
        })
      ).statusCode,
    ).toBe(404);

    // A minimal total (1) with item 9 at "several days" must not go unnoticed.
    const done = await client.http.post(`/api/v1/me/assessments/${task.id}/answers`, {
      answers: phq9(ZERO, SEVERAL),
    });
    expect(done.statusCode).toBe(200);
    expect(done.json<AssessmentTask>().status).toBe('completed');
    const signals = await t.database.query<{ severity: string; detector: string; source: string }>(
      `SELECT source, severity, detector FROM risk_signals WHERE source_id = $1`,
      [task.id],
    );
    expect(signals).toEqual([
      { source: 'assessment', severity: 'moderate', detector: 'phq9:phq9_9' },
    ]);
    const again = await client.http.post(`/api/v1/me/assessments/${task.id}/answers`, {
      answers: phq9(ZERO, ZERO),
    });
    expect(again.statusCode).toBe(409);

    // The counselor and their supervisor read the score; the outsider and the client do not.
    const results = (http: typeof counselor.http) =>
      http
        .get(`/api/v1/clients/${client.userId}/assessments`)
        .then((r) => r.json<{ items: AssessmentResult[] }>().items);
    const [result] = await results(counselor.http);
    expect(result?.score).toMatchObject({ total: 1, band: 'minimal' });
    expect(result?.answers?.phq9_9).toBe(SEVERAL);
    expect((await results(supervisor.http)).map((r) => r.id)).toEqual([task.id]);
    expect(await results(outsider.http)).toEqual([]);
    expect(await results(client.http)).toEqual([]);
    const reads = await t.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'assessment.read' AND entity_id = $1`,
      [task.id],
    );
    expect(reads[0]?.n).toBe(2);
  });

  it('scores a severe GAD-7 and triages a C-SSRS plan as high risk', async () => {
    const counselor = await counselorWithSession(t, 'triage');
    const client = await clientInEpisode(t, counselor, 'triaged');
    const assign = async (assessmentCode: string) =>
      (
        await counselor.http.post('/api/v1/assessments', {
          clientUserId: client.userId,
          assessmentCode,
        })
      ).json<AssessmentTask>();
    const gad = await assign('gad7');
    const gadAnswers = Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((i) => [`gad7_${i}`, NEARLY]));
    const submit = (id: string, answers: Record<string, string>) =>
      client.http.post(`/api/v1/me/assessments/${id}/answers`, { answers });
    expect((await submit(gad.id, gadAnswers)).statusCode).toBe(200);
    const cssrs = await assign('cssrs_screener');
    const plan = {
      cssrs_1: 'yes',
      cssrs_2: 'yes',
      cssrs_3: 'yes',
      cssrs_4: 'no',
      cssrs_5: 'yes',
      cssrs_6: 'no',
    };
    expect((await submit(cssrs.id, plan)).statusCode).toBe(200);
    const items = (await counselor.http.get(`/api/v1/clients/${client.userId}/assessments`)).json<{
      items: AssessmentResult[];
    }>().items;
    const byCode = Object.fromEntries(items.map((i) => [i.assessmentCode, i.score]));
    expect(byCode.gad7).toMatchObject({ total: 21, band: 'severe', risks: [] });
    expect(byCode.cssrs_screener).toMatchObject({ triage: 'high' });
    const signals = await t.database.query<{ severity: string }>(
      `SELECT severity FROM risk_signals WHERE source_id = $1 ORDER BY severity`,
      [cssrs.id],
    );
    expect(signals.map((s) => s.severity).sort()).toEqual(['high', 'low', 'low', 'moderate']);
  });

  it('assigns the intake questionnaires when an intake opens an episode', async () => {
    const counselor = await openCounselor(t, { name: 'intaker' });
    const client = await signedInMember(t, 'new-client');
    const { res } = await book(client.client, counselor.profileId, slotAt(3), {
      sessionType: 'intake',
    });
    expect(res.statusCode).toBe(201);
    const mine = await client.client.get('/api/v1/me/assessments');
    expect(
      mine
        .json<{ items: AssessmentTask[] }>()
        .items.map((i) => i.assessmentCode)
        .sort(),
    ).toEqual(['gad7', 'phq9']);
  });
});
