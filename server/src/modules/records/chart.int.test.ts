import type { Chart } from '@anxin/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMember } from '../../test/identity-fixtures.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { sessionFor } from '../scheduling/appointment-fixtures.ts';
import {
  clientInEpisode,
  counselorWithSession,
  signedNote,
  supervisorOf,
} from './test-support/records-fixtures.ts';

const answers = (score: 'LA6568-5' | 'LA6570-1') =>
  Object.fromEntries([1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => [`phq9_${i}`, score]));

describe('the chart of a client', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('gathers episodes, records and questionnaires with a score trend, for those with a reason', async () => {
    const counselor = await counselorWithSession(t, 'charting');
    const client = await clientInEpisode(t, counselor, 'charted');
    const supervisor = await supervisorOf(t, 'chart-sup', [counselor.profileId]);
    const other = await counselorWithSession(t, 'chart-other');
    const adminMember = await createMember(t, ['administrator'], 'chart-admin');
    const admin = await sessionFor(t, adminMember, ['administrator']);

    const note = await signedNote(counselor.http, client.userId);
    for (const score of ['LA6570-1', 'LA6568-5'] as const) {
      const task = (
        await counselor.http.post('/api/v1/assessments', {
          clientUserId: client.userId,
          assessmentCode: 'phq9',
        })
      ).json<{ id: string }>();
      const res = await client.http.post(`/api/v1/me/assessments/${task.id}/answers`, {
        answers: answers(score),
      });
      expect(res.statusCode).toBe(200);
    }

    const url = `/api/v1/clients/${client.userId}/chart`;
    const res = await counselor.http.get(url);
    expect(res.statusCode).toBe(200);
    const chart = res.json<Chart>();
    expect(chart.client).toEqual({ id: client.userId, displayName: 'charted' });
    expect(chart.episodes.map((e) => e.id)).toEqual([client.episodeId]);
    expect(chart.records.map((r) => r.id)).toEqual([note.id]);
    expect(chart.assessments).toHaveLength(2);
    // 2 × 9 = 18 (moderately severe, item 9 positive), then 0 (minimal): oldest first.
    expect(chart.trends).toEqual([
      {
        assessmentCode: 'phq9',
        points: [
          expect.objectContaining({ total: 18, band: 'moderately_severe' }),
          expect.objectContaining({ total: 0, band: 'minimal' }),
        ],
      },
    ]);

    expect((await supervisor.http.get(url)).statusCode).toBe(200);
    expect((await other.http.get(url)).statusCode).toBe(404);
    expect((await client.http.get(url)).statusCode).toBe(404);
    expect((await admin.get(url)).statusCode).toBe(404);
    await admin.post('/api/v1/break-glass', {
      resourceType: 'user',
      resourceId: client.userId,
      reason: 'Safeguarding review requested by the on-duty lead.',
      minutes: 10,
    });
    const glass = await admin.get(url);
    expect(glass.statusCode).toBe(200);
    expect(glass.json<Chart>().records.map((r) => r.id)).toEqual([note.id]);
  });
});
