import { randomUUID } from 'node:crypto';
import {
  DEFAULT_SCHEDULING_SETTINGS,
  directoryPageSchema,
  problemSchema,
  sessionTypeListSchema,
  slotListSchema,
  type SchedulingSettings,
} from '@anxin/common';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { appointments } from '../../platform/db/schema/index.ts';
import { TestClient } from '../../test/http-client.ts';
import { createMember, signedInClient } from '../../test/identity-fixtures.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import {
  buildCounselor,
  daysFromToday,
  type CounselorSpec,
} from '../counselors/test-support/counselor-factory.ts';
import type { AppointmentStatus } from './appointment-status.ts';

const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
  weekday,
  start: '09:00',
  end: '17:00',
}));
const HOUR = 3_600_000;
/** A day well past any notice, in UTC (the zone these counselors work in). */
const D = daysFromToday(2);
const at = (time: string, date = D) => `${date}T${time}:00.000Z`;
const halfHours = (from: string, to: string) => {
  const out: string[] = [];
  for (let m = Date.parse(at(from)); m <= Date.parse(at(to)); m += HOUR / 2)
    out.push(new Date(m).toISOString());
  return out;
};
const sameAnswer = (body: string) => {
  const { requestId: _ignored, ...rest } = problemSchema.parse(JSON.parse(body));
  return rest;
};

describe('slot search (A4, C1, C2)', () => {
  let t: TestApp;
  let admin: TestClient;
  let visitor: TestClient;
  let org: string;

  const slots = async (who: TestClient, id: string, query = `from=${D}&days=1`) => {
    const res = await who.get(`/api/v1/counselors/${id}/slots?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return slotListSchema.parse(res.json());
  };
  const starts = async (who: TestClient, id: string, query?: string) =>
    (await slots(who, id, query)).items.map((s) => s.startsAt);
  const settings = async (patch: Partial<SchedulingSettings>) => {
    const res = await admin.request('PUT', '/api/v1/settings/scheduling', {
      ...DEFAULT_SCHEDULING_SETTINGS,
      minNoticeHours: 0,
      ...patch,
    });
    expect(res.statusCode, res.body).toBe(200);
  };
  /** A listable counselor working 09:00–17:00 UTC every day, unless told otherwise. */
  const counselorWith = async (spec: CounselorSpec, availability: object = {}) => {
    const c = await buildCounselor(t, spec);
    const res = await admin.request(
      'PUT',
      `/api/v1/counselor-profiles/${c.profileId}/availability`,
      {
        timeZone: 'UTC',
        rules: EVERY_DAY,
        overrides: [],
        ...availability,
      },
    );
    expect(res.statusCode, res.body).toBe(200);
    return c;
  };
  const book = (
    counselorId: string,
    clientUserId: string,
    start: string,
    opts: { minutes?: number; status?: AppointmentStatus; code?: string } = {},
  ) => {
    const startsAt = new Date(start);
    const endsAt = new Date(startsAt.getTime() + (opts.minutes ?? 50) * 60_000);
    return t.database.db.insert(appointments).values({
      organizationId: org,
      counselorId,
      clientUserId,
      sessionTypeCode: opts.code ?? 'follow_up',
      kind: opts.code === 'intake' ? 'intake' : 'follow_up',
      modality: 'video',
      startsAt,
      endsAt,
      blockedFrom: startsAt,
      blockedUntil: new Date(endsAt.getTime() + 10 * 60_000),
      status: opts.status ?? 'booked',
    });
  };

  beforeAll(async () => {
    t = await createTestApp();
    const adminMember = await createMember(t, ['administrator'], 'admin');
    org = adminMember.organizationId;
    admin = await signedInClient(t, adminMember);
    visitor = new TestClient(t.app);
  });
  beforeEach(() => settings({}));
  afterAll(() => t.close());

  it('offers intake starts on the step within the opening, in the counselor zone', async () => {
    const c = await counselorWith({ name: 'Open Hours' });
    const list = await slots(visitor, c.profileId);
    expect(list).toMatchObject({
      counselorId: c.profileId,
      sessionType: 'intake',
      timeZone: 'UTC',
    });
    // 60 minutes must fit before 17:00: the last start is 16:00.
    expect(list.items.map((s) => s.startsAt)).toEqual(halfHours('09:00', '16:00'));
    expect(list.items[0]?.endsAt).toBe(at('10:00'));
  });

  it('leaves out time held by appointments with the buffers of both, not cancelled ones', async () => {
    const c = await counselorWith({ name: 'Busy Hours' });
    const regular = await createMember(t, ['client'], 'regular');
    const other = await createMember(t, ['client'], 'other');
    await book(c.profileId, regular.userId, at('11:00'));
    await book(c.profileId, other.userId, at('14:00'), { status: 'cancelled' });
    // Held 11:00–12:00 (50 min + 10 after). A 10:00 intake would run to 11:00 plus its own 10.
    expect(await starts(visitor, c.profileId)).toEqual([
      ...halfHours('09:00', '09:30'),
      ...halfHours('12:00', '16:00'),
    ]);
    // The returning client is offered follow-ups (C1): 50 + 10 minutes end exactly at 11:00.
    const returning = await signedInClient(t, regular);
    const list = await slots(returning, c.profileId);
    expect(list.sessionType).toBe('follow_up');
    expect(list.items.map((s) => s.startsAt)).toEqual([
      ...halfHours('09:00', '10:00'),
      ...halfHours('12:00', '16:00'),
    ]);
    // A first-time client still gets intake; an explicit type wins; an unknown one is refused.
    expect((await slots(await signedInClient(t, other), c.profileId)).sessionType).toBe('intake');
    expect(
      (await slots(visitor, c.profileId, `from=${D}&days=1&sessionType=follow_up`)).sessionType,
    ).toBe('follow_up');
    const unknown = await visitor.get(`/api/v1/counselors/${c.profileId}/slots?sessionType=nope`);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('query.sessionType');

    // A buffer before the session keeps the start clear of the previous appointment's end.
    const types = sessionTypeListSchema.parse((await admin.get('/api/v1/session-types')).json());
    const followUp = types.items.find((i) => i.code === 'follow_up');
    const patch = (bufferBeforeMinutes: number) =>
      admin.request('PATCH', `/api/v1/session-types/${followUp?.id ?? ''}`, {
        bufferBeforeMinutes,
      });
    expect((await patch(30)).statusCode).toBe(200);
    const buffered = await starts(returning, c.profileId);
    expect(buffered).not.toContain(at('12:00'));
    expect(buffered).toContain(at('12:30'));
    // A buffer before does not touch time after the session: 09:30–11:00 held, free at 11:00.
    expect(buffered).toContain(at('10:00'));
    expect((await patch(0)).statusCode).toBe(200);
  });

  it('respects the minimum notice and the horizon', async () => {
    const c = await counselorWith({ name: 'Notice Hours' });
    await settings({ minNoticeHours: 72 });
    const noticed = await starts(visitor, c.profileId, `days=7`);
    expect(noticed.length).toBeGreaterThan(0);
    expect(noticed.every((s) => Date.parse(s) >= Date.now() + 72 * HOUR - 60_000)).toBe(true);
    expect(await starts(visitor, c.profileId)).toEqual([]); // D is 2 days away

    await settings({ horizonDays: 3 });
    expect(await starts(visitor, c.profileId, `from=${daysFromToday(5)}&days=3`)).toEqual([]);
    const near = await starts(visitor, c.profileId, `days=7`);
    expect(near.length).toBeGreaterThan(0);
    expect(near.every((s) => Date.parse(s) <= Date.now() + 3 * 24 * HOUR)).toBe(true);
  });

  it('follows days off, partial time off and extra hours', async () => {
    const c = await counselorWith({ name: 'Override Hours' });
    const put = (overrides: object[]) =>
      admin.request('PUT', `/api/v1/counselor-profiles/${c.profileId}/availability`, {
        timeZone: 'UTC',
        rules: EVERY_DAY,
        overrides,
      });
    expect((await put([{ date: D, kind: 'off', start: null, end: null }])).statusCode).toBe(200);
    expect(await starts(visitor, c.profileId)).toEqual([]);
    expect((await starts(visitor, c.profileId, `from=${daysFromToday(3)}&days=1`)).length).toBe(15);
    await put([
      { date: D, kind: 'off', start: '09:00', end: '12:00' },
      { date: D, kind: 'extra', start: '18:00', end: '20:00' },
    ]);
    expect(await starts(visitor, c.profileId)).toEqual([
      ...halfHours('12:00', '16:00'),
      ...halfHours('18:00', '19:00'),
    ]);
  });

  it('answers a counselor who is not listable with the 404 of a random id (A3)', async () => {
    const missing = await visitor.get(`/api/v1/counselors/${randomUUID()}/slots`);
    expect(missing.statusCode).toBe(404);
    for (const spec of [
      { name: 'Suspended One', status: 'suspended' },
      { name: 'Uncertified One', qualification: null },
      { name: 'Expired One', qualification: { expiresOn: daysFromToday(-1) } },
    ] satisfies CounselorSpec[]) {
      const c = await counselorWith(spec);
      const res = await visitor.get(`/api/v1/counselors/${c.profileId}/slots`);
      expect(res.statusCode, spec.name).toBe(404);
      expect(sameAnswer(res.body)).toEqual(sameAnswer(missing.body));
    }
  });

  it('shows a client with a declared relationship an empty list of the same shape (C2)', async () => {
    const c = await counselorWith({ name: 'Declaring' });
    const neighbour = await createMember(t, ['client'], 'neighbour');
    const own = await signedInClient(t, c.member);
    const declared = await own.post(`/api/v1/counselor-profiles/${c.profileId}/relationships`, {
      clientIdentifier: neighbour.email,
      description: 'Lives next door',
    });
    expect(declared.statusCode, declared.body).toBe(201);
    const hidden = await slots(await signedInClient(t, neighbour), c.profileId);
    expect(hidden).toEqual({
      counselorId: c.profileId,
      sessionType: 'intake',
      timeZone: 'UTC',
      items: [],
    });
    expect((await starts(visitor, c.profileId)).length).toBe(15);
    const stranger = await signedInClient(t, await createMember(t, ['client'], 'stranger'));
    expect((await starts(stranger, c.profileId)).length).toBe(15);
  });

  it('shows the first open intake slot in the directory', async () => {
    const c = await counselorWith({ name: 'Directory Next' });
    await buildCounselor(t, { name: 'Directory Never' });
    const res = await visitor.get('/api/v1/directory/counselors?q=Directory&limit=50');
    expect(res.statusCode, res.body).toBe(200);
    const items = directoryPageSchema.parse(res.json()).items;
    const first = (await starts(visitor, c.profileId, 'days=3'))[0];
    expect(first).toBeDefined();
    expect(items.find((i) => i.displayName === 'Directory Next')?.nextAvailableAt).toBe(first);
    expect(items.find((i) => i.displayName === 'Directory Never')?.nextAvailableAt).toBeNull();
    const detail = await visitor.get(`/api/v1/directory/counselors/${c.profileId}`);
    expect(detail.json<{ nextAvailableAt: string }>().nextAvailableAt).toBe(first);
  });
});
