import type { Appointment } from '@anxin/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import {
  book,
  openCounselor,
  signedInAdministrator,
  signedInMember,
  slotAt,
} from './appointment-fixtures.ts';

const EPISODES = '/api/v1/episodes';

interface Episode {
  id: string;
  clientUserId: string;
  status: string;
  closeReason: string | null;
  closedAt: string | null;
}

describe('episodes of care (C1)', () => {
  let t: TestApp;
  let counselor: Awaited<ReturnType<typeof openCounselor>>;
  beforeAll(async () => {
    t = await createTestApp();
    counselor = await openCounselor(t, { name: 'wu' });
  });
  afterAll(() => t.close());

  it('lists a counselor’s own episodes and closes one, leaving booked appointments as they are', async () => {
    const { client, userId } = await signedInMember(t, 'episodic');
    const intake = (await book(client, counselor.profileId, slotAt(3, 10))).body;
    const follow = (await book(client, counselor.profileId, slotAt(6, 10))).body;
    const list = await counselor.client.get(`${EPISODES}?clientId=${userId}`);
    const [episode] = list.json<{ items: Episode[] }>().items;
    expect(episode).toMatchObject({ id: intake.episodeId, status: 'active', clientUserId: userId });

    const other = await openCounselor(t, { name: 'zheng' });
    expect(
      (await other.client.get(`${EPISODES}?clientId=${userId}`)).json<{ items: Episode[] }>().items,
    ).toEqual([]);
    const hidden = await other.client.post(`${EPISODES}/${intake.episodeId}/close`, {
      reason: 'goals_met',
    });
    expect(hidden.statusCode).toBe(404);
    expect(
      (await client.post(`${EPISODES}/${intake.episodeId}/close`, { reason: 'goals_met' }))
        .statusCode,
    ).toBe(404);

    const closed = await counselor.client.post(`${EPISODES}/${intake.episodeId}/close`, {
      reason: 'goals_met',
    });
    expect(closed.statusCode).toBe(200);
    expect(closed.json<Episode>()).toMatchObject({ status: 'closed', closeReason: 'goals_met' });
    expect(closed.json<Episode>().closedAt).not.toBeNull();
    const again = await counselor.client.post(`${EPISODES}/${intake.episodeId}/close`, {
      reason: 'other',
    });
    expect(again.statusCode).toBe(409);
    const stillBooked = await client.get(`/api/v1/appointments/${follow.id}`);
    expect(stillBooked.json<Appointment>().status).toBe('booked');

    const admin = await signedInAdministrator(t);
    const all = await admin.client.get(EPISODES);
    expect(all.json<{ items: Episode[] }>().items.map((e) => e.id)).toContain(intake.episodeId);
  });
});
