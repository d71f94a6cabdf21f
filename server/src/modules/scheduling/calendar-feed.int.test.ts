import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMember, signedInClient } from '../../test/identity-fixtures.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { buildCounselor } from '../counselors/test-support/counselor-factory.ts';
import { hoursFromNow, insertAppointment } from './ledger-fixtures.ts';

type Client = Awaited<ReturnType<typeof signedInClient>>;

describe('calendar feed', () => {
  let t: TestApp;
  let counselor: Client;
  let admin: Client;
  let stranger: Client;
  let profileId: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    const built = await buildCounselor(t, { name: 'Li Wei' });
    profileId = built.profileId;
    counselor = await signedInClient(t, built.member);
    admin = await signedInClient(t, await createMember(t, ['administrator'], 'admin'));
    const other = await buildCounselor(t, { name: 'Zhao Min' });
    stranger = await signedInClient(t, other.member);
    const client = await createMember(t, ['client'], 'hanmeimei');
    const base = {
      organizationId: built.organizationId,
      counselorId: profileId,
      clientUserId: client.userId,
    };
    const at = async (name: string, hours: number, status?: 'cancelled' | 'pending') => {
      ids[name] = (
        await insertAppointment(t, { ...base, startsAt: hoursFromNow(hours), status })
      ).id;
    };
    await at('booked', 30);
    await at('pending', 60);
    await at('cancelled', 90, 'cancelled');
    await at('lastWeek', -24 * 7);
    await at('longAgo', -24 * 40);
    await at('beyondHorizon', 24 * 90);
  });
  afterAll(() => t.close());

  const issue = async (as: Client = counselor) =>
    as.post(`/api/v1/counselor-profiles/${profileId}/calendar-feed`);
  const fetchFeed = (url: string) => t.app.inject({ method: 'GET', url: new URL(url).pathname });

  it('gives the owner a secret address whose feed lists holding appointments, without clients', async () => {
    const res = await issue();
    expect(res.statusCode).toBe(201);
    const { url } = res.json<{ url: string }>();
    expect(url).toMatch(/\/api\/v1\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    const feed = await fetchFeed(url);
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toMatch(/^text\/calendar/);
    const calendar = new ICAL.Component(ICAL.parse(feed.body) as unknown[]);
    const events = calendar.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
    const uids = events.map((e) => e.uid).sort();
    expect(uids).toEqual(
      [ids.booked, ids.pending, ids.lastWeek].map((id) => `${id ?? ''}@anxin`).sort(),
    );
    for (const e of events) expect(e.summary).toBe('咨询会谈');
    for (const secret of ['hanmeimei', 'real', '@example.org']) {
      expect(feed.body).not.toContain(secret);
    }
    // Only the digest is stored.
    const token = /calendar\/([^.]+)\.ics$/.exec(url)?.[1] ?? '';
    const stored = await t.database.query<{ row: string }>(
      `SELECT row_to_json(f)::text AS row FROM calendar_feeds f`,
    );
    for (const r of stored) expect(r.row).not.toContain(token);
    // The access log names the route pattern, never the path that holds the token.
    expect(t.logs.join('\n')).not.toContain(token);
  });

  it('revokes the old address when a new one is issued, and on request', async () => {
    const first = (await issue()).json<{ url: string }>().url;
    const second = (await issue()).json<{ url: string }>().url;
    expect((await fetchFeed(first)).statusCode).toBe(404);
    expect((await fetchFeed(second)).statusCode).toBe(200);
    const del = await counselor.request(
      'DELETE',
      `/api/v1/counselor-profiles/${profileId}/calendar-feed`,
    );
    expect(del.statusCode).toBe(204);
    expect((await fetchFeed(second)).statusCode).toBe(404);
    const unknown = await t.app.inject({
      method: 'GET',
      url: `/api/v1/calendar/${'A'.repeat(43)}.ics`,
    });
    expect(unknown.statusCode).toBe(404);
  });

  it('lets only the counselor issue their address', async () => {
    expect((await issue(admin)).statusCode).toBe(403);
    expect((await issue(stranger)).statusCode).toBe(404);
  });
});
