import { randomUUID } from 'node:crypto';
import { availabilitySchema, problemSchema } from '@anxin/common';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, availabilityOverrides } from '../../platform/db/schema/index.ts';
import { TestClient } from '../../test/http-client.ts';
import { createMember, signedInClient } from '../../test/identity-fixtures.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { buildCounselor, daysFromToday } from '../counselors/test-support/counselor-factory.ts';

const WEEK = {
  timeZone: 'Europe/Berlin',
  rules: [
    { weekday: 1, start: '09:00', end: '12:00' },
    { weekday: 1, start: '13:00', end: '17:00' },
    { weekday: 3, start: '10:00', end: '18:00' },
  ],
  overrides: [
    { date: daysFromToday(3), kind: 'off', start: null, end: null },
    { date: daysFromToday(4), kind: 'extra', start: '18:00', end: '20:00' },
  ],
};

/** A problem without its request id: what must not differ between hidden and missing. */
const sameAnswer = (body: string) => {
  const { requestId: _ignored, ...rest } = problemSchema.parse(JSON.parse(body));
  return rest;
};
const paths = (body: string) =>
  (problemSchema.parse(JSON.parse(body)).errors ?? []).map((e) => e.path);

describe('counselor availability (A4)', () => {
  let t: TestApp;
  let profileId: string;
  let own: TestClient;
  let admin: TestClient;
  let other: TestClient;
  let client: TestClient;
  const url = (id = profileId) => `/api/v1/counselor-profiles/${id}/availability`;

  beforeAll(async () => {
    t = await createTestApp();
    const counselor = await buildCounselor(t, { name: 'Available' });
    profileId = counselor.profileId;
    own = await signedInClient(t, counselor.member);
    admin = await signedInClient(t, await createMember(t, ['administrator'], 'admin'));
    other = await signedInClient(t, (await buildCounselor(t, { name: 'Other' })).member);
    client = await signedInClient(t, await createMember(t, ['client'], 'client'));
  });
  afterAll(() => t.close());

  it('starts empty in the profile zone', async () => {
    const res = await own.get(url());
    expect(res.statusCode, res.body).toBe(200);
    expect(availabilitySchema.parse(res.json())).toEqual({
      counselorId: profileId,
      timeZone: 'Asia/Shanghai',
      rules: [],
      overrides: [],
    });
  });

  it('replaces rules, overrides and zone for the owner, audited with counts', async () => {
    const res = await own.request('PUT', url(), WEEK);
    expect(res.statusCode, res.body).toBe(200);
    expect(availabilitySchema.parse(res.json())).toEqual({ counselorId: profileId, ...WEEK });
    expect(availabilitySchema.parse((await own.get(url())).json()).rules).toHaveLength(3);
    const events = await t.database.db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.action, 'availability.update'), eq(auditEvents.entityId, profileId)),
      );
    expect(events[0]?.changes).toEqual({
      rules: { old: 0, new: 3 },
      overrides: { old: 0, new: 2 },
      timeZone: { old: 'Asia/Shanghai', new: 'Europe/Berlin' },
    });
    // A second save replaces everything, it does not add to it.
    const smaller = { ...WEEK, rules: WEEK.rules.slice(0, 1), overrides: [] };
    const again = await own.request('PUT', url(), smaller);
    expect(availabilitySchema.parse(again.json())).toEqual({ counselorId: profileId, ...smaller });
  });

  it('lets administrators read and write it', async () => {
    expect((await admin.request('PUT', url(), WEEK)).statusCode).toBe(200);
    expect(availabilitySchema.parse((await admin.get(url())).json()).overrides).toHaveLength(2);
  });

  it('hides it from other counselors and clients like a missing profile', async () => {
    const missing = await own.get(url(randomUUID()));
    expect(missing.statusCode).toBe(404);
    for (const who of [other, client]) {
      const read = await who.get(url());
      expect(read.statusCode).toBe(404);
      expect(sameAnswer(read.body)).toEqual(sameAnswer(missing.body));
      expect((await who.request('PUT', url(), WEEK)).statusCode).toBe(404);
    }
    expect((await new TestClient(t.app).get(url())).statusCode).toBe(401);
  });

  it('does not show past overrides', async () => {
    await t.database.db.insert(availabilityOverrides).values({
      organizationId: (await t.database.query<{ id: string }>(`SELECT id FROM organizations`))[0]
        ?.id as string,
      counselorId: profileId,
      date: daysFromToday(-5),
      kind: 'off',
    });
    const dates = availabilitySchema
      .parse((await own.get(url())).json())
      .overrides.map((o) => o.date);
    expect(dates).not.toContain(daysFromToday(-5));
    expect(dates).toHaveLength(2);
  });

  it('refuses an unknown time zone, overlapping rules and inverted times, by field', async () => {
    const zone = await own.request('PUT', url(), { ...WEEK, timeZone: 'Mars/Olympus_Mons' });
    expect(zone.statusCode).toBe(400);
    expect(paths(zone.body)).toEqual(['body.timeZone']);

    const overlapping = await own.request('PUT', url(), {
      ...WEEK,
      rules: [...WEEK.rules, { weekday: 1, start: '11:30', end: '13:30' }],
    });
    expect(overlapping.statusCode).toBe(400);
    expect(paths(overlapping.body)).toEqual(['body.rules.3']);

    const inverted = await own.request('PUT', url(), {
      ...WEEK,
      rules: [{ weekday: 2, start: '12:00', end: '09:00' }],
    });
    expect(inverted.statusCode).toBe(400);
    expect(paths(inverted.body)).toEqual(['body.rules.0.end']);

    const halfDay = await own.request('PUT', url(), {
      ...WEEK,
      overrides: [{ date: daysFromToday(2), kind: 'extra', start: null, end: null }],
    });
    expect(halfDay.statusCode).toBe(400);
    expect(paths(halfDay.body)).toEqual(['body.overrides.0.start']);
    // Nothing of the refused writes was stored.
    expect(availabilitySchema.parse((await own.get(url())).json()).rules).toEqual(WEEK.rules);
  });
});
