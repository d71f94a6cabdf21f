import type { Chart, Goal } from '@anxin/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMember } from '../../test/identity-fixtures.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { testBackend } from '../../test/test-database.ts';
import {
  clientInEpisode,
  counselorWithSession,
  supervisorOf,
} from '../records/test-support/records-fixtures.ts';
import { sessionFor } from '../scheduling/appointment-fixtures.ts';
import {
  completedPhq9,
  dayFromToday,
  GOAL_TEXT,
  goalFor,
  GOALS,
  SLEEP_GOAL,
} from './test-support/care-plans-fixtures.ts';

/** The SQLSTATE of a failed statement (through Drizzle's or PGlite's wrapping). */
function sqlState(err: unknown): string | undefined {
  const e = err as { code?: string; cause?: { code?: string } };
  return e.cause?.code ?? e.code;
}

const paths = (res: { json: () => unknown }) =>
  (res.json() as { errors: { path: string }[] }).errors.map((e) => e.path);

describe(`treatment goals and progress reviews (C4) on ${testBackend()}`, () => {
  let t: TestApp;
  let counselor: Awaited<ReturnType<typeof counselorWithSession>>;
  let client: Awaited<ReturnType<typeof clientInEpisode>>;
  beforeAll(async () => {
    t = await createTestApp();
    counselor = await counselorWithSession(t, 'planner');
    client = await clientInEpisode(t, counselor, 'planned');
  });
  afterAll(() => t.close());

  it('sets a custom goal, seals its words, and audits the write and every read', async () => {
    const goal = await goalFor(counselor.http, client.episodeId, SLEEP_GOAL);
    expect(goal).toMatchObject({
      status: 'active',
      description: GOAL_TEXT,
      measure: SLEEP_GOAL,
      clientUserId: client.userId,
      episodeId: client.episodeId,
      reviews: [],
      latestScore: null,
      can: { review: true, changeStatus: true, revise: true },
    });
    const [raw] = await t.database.query<Record<string, string | null>>(
      'SELECT * FROM treatment_goals WHERE id = $1',
      [goal.id],
    );
    const row = JSON.stringify(raw);
    expect(row).not.toContain('friendships');
    expect(row).not.toContain('six hours');
    expect(raw?.description_enc).toBeTruthy();

    expect((await counselor.http.get(`${GOALS}/${goal.id}`)).statusCode).toBe(200);
    const list = await counselor.http.get(
      `/api/v1/clients/${client.userId}/goals?episodeId=${client.episodeId}`,
    );
    expect(list.json<{ items: Goal[] }>().items.map((g) => g.id)).toContain(goal.id);
    const events = await t.database.query<{ action: string; subject_id: string }>(
      `SELECT action, subject_id FROM audit_events WHERE entity_id = $1 ORDER BY seq`,
      [goal.id],
    );
    expect(events.map((e) => e.action)).toEqual([
      'treatment_goal.create',
      'treatment_goal.read',
      'treatment_goal.read',
    ]);
    expect(new Set(events.map((e) => e.subject_id))).toEqual(new Set([client.userId]));
  });

  it('names each field that makes a goal or a review invalid', async () => {
    const bad = await counselor.http.post(GOALS, {
      episodeId: client.episodeId,
      description: ' ',
      measure: { kind: 'instrument', instrument: 'phq9', comparator: 'about', target: 9 },
      targetDate: 'soon',
    });
    expect(bad.statusCode).toBe(400);
    expect(paths(bad)).toEqual(
      expect.arrayContaining(['body.description', 'body.measure.comparator', 'body.targetDate']),
    );
    const notSum = await counselor.http.post(GOALS, {
      episodeId: client.episodeId,
      description: GOAL_TEXT,
      measure: { kind: 'instrument', instrument: 'cssrs_screener', comparator: 'lte', target: 0 },
      targetDate: dayFromToday(30),
    });
    expect(paths(notSum)).toEqual(['body.measure.instrument']);
    const tooHigh = await counselor.http.post(GOALS, {
      episodeId: client.episodeId,
      description: GOAL_TEXT,
      measure: { kind: 'instrument', instrument: 'gad7', comparator: 'lte', target: 30 },
      targetDate: dayFromToday(-30),
    });
    expect(paths(tooHigh)).toEqual(['body.measure.target', 'body.targetDate']);

    const goal = await goalFor(counselor.http, client.episodeId);
    const review = await counselor.http.post(`${GOALS}/${goal.id}/reviews`, {
      reviewedOn: dayFromToday(10),
      rating: 'brilliant',
    });
    expect(review.statusCode).toBe(400);
    expect(paths(review)).toEqual(['body.rating']);
    const future = await counselor.http.post(`${GOALS}/${goal.id}/reviews`, {
      reviewedOn: dayFromToday(10),
      rating: 'no_change',
    });
    expect(paths(future)).toEqual(['body.reviewedOn']);
  });

  it('shows the newest PHQ-9 with an instrument goal, and each review keeps its own', async () => {
    const c = await clientInEpisode(t, counselor, 'scored');
    await completedPhq9(counselor.http, c.http, c.userId, 'LA6570-1');
    const goal = await goalFor(counselor.http, c.episodeId);
    expect(goal.latestScore).toMatchObject({ total: 18, met: false });
    const first = await counselor.http.post(`${GOALS}/${goal.id}/reviews`, {
      reviewedOn: dayFromToday(0),
      rating: 'some_progress',
      note: 'Sleeping better; low mornings persist.',
    });
    expect(first.statusCode).toBe(200);
    await completedPhq9(counselor.http, c.http, c.userId, 'LA6568-5');
    const second = await counselor.http.post(`${GOALS}/${goal.id}/reviews`, {
      reviewedOn: dayFromToday(0),
      rating: 'achieved',
    });
    const body = second.json<Goal>();
    expect(body.latestScore).toMatchObject({ total: 0, met: true, band: 'minimal' });
    expect(body.reviews.map((r) => [r.rating, r.score?.total, r.note])).toEqual([
      ['some_progress', 18, 'Sleeping better; low mornings persist.'],
      ['achieved', 0, null],
    ]);
    const [raw] = await t.database.query<{ note_enc: string }>(
      'SELECT note_enc FROM goal_progress_reviews WHERE id = $1',
      [body.reviews[0]?.id],
    );
    expect(raw?.note_enc).not.toContain('Sleeping');
    // Reviews are append-only in the database too.
    await expect(
      t.database.query(`UPDATE goal_progress_reviews SET rating = 'worse' WHERE goal_id = $1`, [
        goal.id,
      ]),
    ).rejects.toSatisfy((e) => sqlState(e) === '42501');
    const events = await t.database.query<{ action: string }>(
      `SELECT action FROM audit_events WHERE entity_id = $1 AND action LIKE 'treatment_goal.%'
        ORDER BY seq`,
      [goal.id],
    );
    expect(events.map((e) => e.action)).toEqual([
      'treatment_goal.create',
      'treatment_goal.review',
      'treatment_goal.review',
    ]);
  });

  it('moves active → achieved | discontinued once, refuses the rest with 409', async () => {
    const met = await goalFor(counselor.http, client.episodeId);
    const done = await counselor.http.post(`${GOALS}/${met.id}/status`, {
      status: 'achieved',
      reason: 'Two consecutive PHQ-9 below 10.',
    });
    expect(done.statusCode).toBe(200);
    expect(done.json<Goal>()).toMatchObject({
      status: 'achieved',
      statusReason: 'Two consecutive PHQ-9 below 10.',
      can: { review: false, changeStatus: false, revise: false },
    });
    for (const [url, body] of [
      [`${GOALS}/${met.id}/status`, { status: 'discontinued' }],
      [`${GOALS}/${met.id}/reviews`, { reviewedOn: dayFromToday(0), rating: 'achieved' }],
      [
        `${GOALS}/${met.id}/revisions`,
        { description: 'x', measure: SLEEP_GOAL, targetDate: dayFromToday(9) },
      ],
    ] as const) {
      const res = await counselor.http.post(url, body);
      expect(res.statusCode, url).toBe(409);
      expect(res.json()).toMatchObject({ code: 'invalid_transition' });
    }
    const dropped = await goalFor(counselor.http, client.episodeId);
    const off = await counselor.http.post(`${GOALS}/${dropped.id}/status`, {
      status: 'discontinued',
    });
    expect(off.json<Goal>().status).toBe('discontinued');
    // Nor can the database be talked into reopening a closed goal.
    await expect(
      t.database.query(
        `UPDATE treatment_goals SET status = 'active', status_changed_at = NULL,
           status_changed_by = NULL WHERE id = $1`,
        [met.id],
      ),
    ).rejects.toSatisfy((e) => sqlState(e) === '42501');
    await expect(
      t.database.query(`UPDATE treatment_goals SET target_date = '2099-01-01' WHERE id = $1`, [
        dropped.id,
      ]),
    ).rejects.toSatisfy((e) => sqlState(e) === '42501');
  });

  it('revises by a new goal linked to the old one, which stays as written', async () => {
    const old = await goalFor(counselor.http, client.episodeId, SLEEP_GOAL);
    const res = await counselor.http.post(`${GOALS}/${old.id}/revisions`, {
      description: 'Sleep well enough to keep the morning shift',
      measure: { ...SLEEP_GOAL, target: 'Four nights a week' },
      targetDate: dayFromToday(90),
      reason: 'Five nights was not realistic with shift work.',
    });
    expect(res.statusCode).toBe(201);
    const next = res.json<Goal>();
    expect(next).toMatchObject({ status: 'active', previousGoalId: old.id });
    const before = (await counselor.http.get(`${GOALS}/${old.id}`)).json<Goal>();
    expect(before).toMatchObject({
      status: 'revised',
      nextGoalId: next.id,
      description: GOAL_TEXT,
      measure: SLEEP_GOAL,
      statusReason: 'Five nights was not realistic with shift work.',
    });
  });
});

describe(`who may read and change a goal (the access matrix) on ${testBackend()}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers each role as for clinical records, the same for the item and the list', async () => {
    const author = await counselorWithSession(t, 'goal-author');
    const other = await counselorWithSession(t, 'goal-other');
    const client = await clientInEpisode(t, author, 'goal-matrix');
    const supervisor = await supervisorOf(t, 'goal-sup', [author.profileId]);
    const unrelated = await supervisorOf(t, 'goal-sup-else', [other.profileId]);
    const adminMember = await createMember(t, ['administrator'], 'goal-adm');
    const admin = await sessionFor(t, adminMember, ['administrator']);
    const operator = await sessionFor(t, await createMember(t, ['operator'], 'goal-op'), [
      'operator',
    ]);
    const goal = await goalFor(author.http, client.episodeId);

    const can = async (http: typeof author.http) => {
      const item = (await http.get(`${GOALS}/${goal.id}`)).statusCode;
      const list = await http.get(`/api/v1/clients/${client.userId}/goals`);
      const ids = list.json<{ items: { id: string }[] }>().items.map((i) => i.id);
      expect(item === 200, 'the item check and the list agree').toBe(ids.includes(goal.id));
      return item;
    };
    expect(await can(author.http)).toBe(200);
    expect(await can(supervisor.http)).toBe(200);
    expect(await can(other.http)).toBe(404);
    expect(await can(unrelated.http)).toBe(404);
    expect(await can(admin)).toBe(404);
    expect(await can(operator)).toBe(404);
    expect(await can(client.http)).toBe(404);

    const review = { reviewedOn: dayFromToday(0), rating: 'no_change' };
    // Hidden goals are 404 for writes too; a supervisor reads but does not write (403).
    expect((await other.http.post(`${GOALS}/${goal.id}/reviews`, review)).statusCode).toBe(404);
    expect((await supervisor.http.post(`${GOALS}/${goal.id}/reviews`, review)).statusCode).toBe(
      403,
    );
    // A counselor sets goals only in their own current episode.
    const foreign = await other.http.post(GOALS, {
      episodeId: client.episodeId,
      description: GOAL_TEXT,
      measure: SLEEP_GOAL,
      targetDate: dayFromToday(30),
    });
    expect(foreign.statusCode).toBe(404);

    // The episode passes to another counselor: they now read and write it, the author still reads.
    await t.database.query('UPDATE care_episodes SET counselor_id = $1 WHERE id = $2', [
      other.profileId,
      client.episodeId,
    ]);
    expect(await can(other.http)).toBe(200);
    expect(await can(unrelated.http)).toBe(200);
    expect((await other.http.post(`${GOALS}/${goal.id}/reviews`, review)).statusCode).toBe(200);
    const mine = (await author.http.get(`${GOALS}/${goal.id}`)).json<Goal>();
    expect(mine.can).toEqual({ review: true, changeStatus: true, revise: false });

    // An administrator only through break-glass, and the read says so.
    const grant = await admin.post('/api/v1/break-glass', {
      resourceType: 'user',
      resourceId: client.userId,
      reason: 'Complaint about the care plan needs the goals tonight.',
      minutes: 15,
    });
    expect(grant.statusCode).toBe(201);
    expect(await can(admin)).toBe(200);
    const events = await t.database.query<{ action: string; reason: string | null }>(
      `SELECT action, reason FROM audit_events WHERE entity_id = $1 AND actor_id = $2`,
      [goal.id, adminMember.userId],
    );
    expect(events.map((e) => e.action)).toEqual([
      'treatment_goal.read.break_glass',
      'treatment_goal.read.break_glass',
    ]);
    expect(events[0]?.reason).toMatch(/^break_glass:/);
  });

  it('puts the goals with their reviews on the chart', async () => {
    const counselor = await counselorWithSession(t, 'goal-chart');
    const client = await clientInEpisode(t, counselor, 'goal-charted');
    const goal = await goalFor(counselor.http, client.episodeId, SLEEP_GOAL);
    await counselor.http.post(`${GOALS}/${goal.id}/reviews`, {
      reviewedOn: dayFromToday(0),
      rating: 'some_progress',
    });
    const chart = (
      await counselor.http.get(`/api/v1/clients/${client.userId}/chart`)
    ).json<Chart>();
    expect(chart.goals.map((g) => [g.id, g.reviews.length])).toEqual([[goal.id, 1]]);
  });
});
