import type { Goal, GoalMeasure, Referral } from '@anxin/common';
import type { TestClient } from '../../../test/http-client.ts';

export const GOALS = '/api/v1/goals';
export const REFERRALS = '/api/v1/referrals';
export const RESOURCES = '/api/v1/referral-resources';

/** A `YYYY-MM-DD` `days` from today (UTC). */
export const dayFromToday = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

export const PHQ9_GOAL: GoalMeasure = {
  kind: 'instrument',
  instrument: 'phq9',
  comparator: 'lte',
  target: 9,
};
export const SLEEP_GOAL: GoalMeasure = {
  kind: 'custom',
  measure: 'Nights a week with at least six hours of sleep',
  target: 'Five nights a week',
};
export const GOAL_TEXT = 'Mood back to where work and friendships feel manageable again';

/** Sets a goal through the API; returns it. */
export async function goalFor(
  http: TestClient,
  episodeId: string,
  measure: GoalMeasure = PHQ9_GOAL,
  description = GOAL_TEXT,
): Promise<Goal> {
  const res = await http.post(GOALS, {
    episodeId,
    description,
    measure,
    targetDate: dayFromToday(60),
  });
  if (res.statusCode !== 201) throw new Error(`goal: ${res.body}`);
  return res.json<Goal>();
}

/** PHQ-9 answers with every item at the same option (0 each, or 2 each = 18). */
export const phq9Answers = (option: 'LA6568-5' | 'LA6570-1') =>
  Object.fromEntries([1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => [`phq9_${i}`, option]));

/** The counselor assigns a PHQ-9 and the client completes it. */
export async function completedPhq9(
  counselor: TestClient,
  client: TestClient,
  clientUserId: string,
  option: 'LA6568-5' | 'LA6570-1',
): Promise<string> {
  const task = (
    await counselor.post('/api/v1/assessments', { clientUserId, assessmentCode: 'phq9' })
  ).json<{ id: string }>();
  const res = await client.post(`/api/v1/me/assessments/${task.id}/answers`, {
    answers: phq9Answers(option),
  });
  if (res.statusCode !== 200) throw new Error(`phq9: ${res.body}`);
  return task.id;
}

/** The seeded national psychological assistance hotline, from the directory. */
export async function hotline(http: TestClient): Promise<{ id: string }> {
  const list = (await http.get(RESOURCES)).json<{ items: { id: string; code: string | null }[] }>();
  const entry = list.items.find((r) => r.code === 'crisis_line_12356');
  if (!entry) throw new Error('no 12356 in the directory');
  return entry;
}

export const CONSENT_BASIS = (sharesInformation = false) => ({
  kind: 'consent' as const,
  agreedAt: new Date(Date.now() - 10 * 60_000).toISOString(),
  method: 'verbal' as const,
  attested: true as const,
  sharesInformation,
});

/** Makes a referral through the API; returns it. */
export async function referralFor(
  http: TestClient,
  episodeId: string,
  resourceId: string,
  basis: object = CONSENT_BASIS(),
): Promise<Referral> {
  const res = await http.post(REFERRALS, {
    episodeId,
    resourceId,
    reason: 'Needs support between sessions at night',
    basis,
  });
  if (res.statusCode !== 201) throw new Error(`referral: ${res.body}`);
  return res.json<Referral>();
}
