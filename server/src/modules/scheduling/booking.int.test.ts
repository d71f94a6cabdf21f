import type { Appointment, Problem } from '@anxin/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { counselorRelationships } from '../../platform/db/schema/index.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import {
  APPOINTMENTS,
  book,
  clientMember,
  openCounselor,
  sessionFor,
  signedInMember,
  slotAt,
} from './appointment-fixtures.ts';

describe('booking (A4, C1, C2)', () => {
  let t: TestApp;
  let counselor: Awaited<ReturnType<typeof openCounselor>>;
  beforeAll(async () => {
    t = await createTestApp();
    counselor = await openCounselor(t, { name: 'lin' });
  });
  afterAll(() => t.close());

  it('books an intake first, then a follow-up in the same episode', async () => {
    const { client, userId } = await signedInMember(t, 'happy');
    const first = await book(client, counselor.profileId, slotAt(3, 10));
    expect(first.res.statusCode).toBe(201);
    expect(first.body).toMatchObject({
      status: 'booked',
      sessionType: 'intake',
      kind: 'intake',
      feeFen: 50_000,
      counselorName: 'lin',
      clientName: null,
    });
    expect(first.body.actions).toContain('cancel');
    expect(first.body.episodeId).not.toBeNull();
    const deadline = new Date(first.body.startsAt).getTime() - 24 * 3_600_000;
    expect(new Date(first.body.cancellationDeadline).getTime()).toBe(deadline);
    expect(new Date(first.body.endsAt).getTime() - new Date(first.body.startsAt).getTime()).toBe(
      60 * 60_000,
    );

    const second = await book(client, counselor.profileId, slotAt(5, 10));
    expect(second.res.statusCode).toBe(201);
    expect(second.body).toMatchObject({ sessionType: 'follow_up', feeFen: 40_000 });
    expect(second.body.episodeId).toBe(first.body.episodeId);
    const [episode] = await t.database.query<{ status: string }>(
      'SELECT status FROM care_episodes WHERE id = $1',
      [first.body.episodeId],
    );
    expect(episode?.status).toBe('active');

    const mine = await client.get(`${APPOINTMENTS}?scope=mine`);
    expect(mine.json<{ items: Appointment[] }>().items.map((a) => a.id)).toEqual([
      first.body.id,
      second.body.id,
    ]);
    // The client is told: in-app and by e-mail (with the invitation).
    const sent = await t.database.query<{ channel: string }>(
      "SELECT channel FROM notification_outbox WHERE user_id = $1 AND template = 'appointment_confirmed' ORDER BY channel",
      [userId],
    );
    expect(sent.map((m) => m.channel)).toEqual(['email', 'email', 'in_app', 'in_app']);
    const theirs = await counselor.client.get(`${APPOINTMENTS}?scope=counselor`);
    expect(theirs.json<{ items: Appointment[] }>().items.map((a) => a.id)).toEqual(
      expect.arrayContaining([first.body.id, second.body.id]),
    );
    // The counselor sees the client's display name; audited as a booking.
    const seen = await counselor.client.get(`${APPOINTMENTS}/${first.body.id}`);
    expect(seen.json<Appointment>().clientName).toBe('happy');
    const events = await t.database.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_events WHERE action = 'appointment.book' AND entity_id = $1",
      [first.body.id],
    );
    expect(events[0]?.n).toBe(1);
  });

  it('refuses a different type for the first appointment (C1)', async () => {
    const { client } = await signedInMember(t, 'typed');
    const res = await book(client, counselor.profileId, slotAt(4, 9), {
      sessionType: 'follow_up',
    });
    expect(res.res.statusCode).toBe(400);
    expect(res.res.json<Problem>().errors?.[0]?.path).toBe('body.sessionType');
  });

  it('refuses an unverified client with 403', async () => {
    // Accounts made by the fixtures start verified; this one is un-verified again.
    const { client, userId } = await signedInMember(t, 'unverified', false);
    await t.database.query('UPDATE users SET email_verified_at = NULL WHERE id = $1', [userId]);
    const { res } = await book(client, counselor.profileId, slotAt(4, 11));
    expect(res.statusCode).toBe(403);
    expect(res.json<Problem>().detail).toMatch(/verify/i);
  });

  it('answers 404 for a counselor who may not be listed', async () => {
    const unlisted = await openCounselor(t, { name: 'suspended', status: 'suspended' });
    const { client } = await signedInMember(t, 'unlisted');
    const { res } = await book(client, unlisted.profileId, slotAt(4, 10));
    expect(res.statusCode).toBe(404);
  });

  it('refuses a declared conflict with a neutral 409 (C2)', async () => {
    const member = await clientMember(t, 'related');
    const [idx] = await t.database.query<{ email_index: string }>(
      'SELECT email_index FROM users WHERE id = $1',
      [member.userId],
    );
    await t.database.db.insert(counselorRelationships).values({
      organizationId: counselor.organizationId,
      counselorId: counselor.profileId,
      clientContactIndex: idx?.email_index ?? '',
      // Never decrypted by the booking check: only the index is matched.
      descriptionEnc: 'sealed',
    });
    const client = await sessionFor(t, member, ['client']);
    const { res } = await book(client, counselor.profileId, slotAt(4, 13));
    expect(res.statusCode).toBe(409);
    expect(res.json<Problem>().detail).toBe('This counselor cannot be booked; choose another.');
  });

  it('refuses a start that is not one of the slots', async () => {
    const { client } = await signedInMember(t, 'offgrid');
    const offGrid = new Date(new Date(slotAt(4, 14)).getTime() + 7 * 60_000).toISOString();
    const outside = slotAt(4, 22);
    for (const startsAt of [offGrid, outside, slotAt(0, 1)]) {
      const { res } = await book(client, counselor.profileId, startsAt);
      expect(res.statusCode).toBe(409);
      expect(res.json<Problem>()).toMatchObject({ code: 'slot_taken' });
    }
    expect(
      await t.database.query(
        'SELECT 1 FROM appointments WHERE client_user_id = (SELECT id FROM users WHERE display_name = $1)',
        ['offgrid'],
      ),
    ).toHaveLength(0);
  });

  it('refuses one client two overlapping bookings', async () => {
    const other = await openCounselor(t, { name: 'wang' });
    const { client } = await signedInMember(t, 'twice');
    expect((await book(client, counselor.profileId, slotAt(6, 10))).res.statusCode).toBe(201);
    const { res } = await book(client, other.profileId, slotAt(6, 10));
    expect(res.statusCode).toBe(409);
    expect(res.json<Problem>()).toMatchObject({ code: 'slot_taken' });
  });

  it('lets exactly one of 50 concurrent bookings of one slot through', async () => {
    const racer = await openCounselor(t, { name: 'race' });
    const clients = await Promise.all(
      Array.from({ length: 50 }, async (_, i) => (await signedInMember(t, `race${i}`)).client),
    );
    const start = slotAt(7, 15);
    const results = await Promise.all(clients.map((c) => book(c, racer.profileId, start)));
    const codes = results.map((r) => r.res.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(49);
    expect(codes.filter((c) => c >= 500)).toHaveLength(0);
    for (const r of results.filter((x) => x.res.statusCode === 409)) {
      expect(r.res.headers['content-type']).toMatch(/problem\+json/);
      expect(r.res.json<Problem>()).toMatchObject({ code: 'slot_taken' });
    }
    const rows = await t.database.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM appointments WHERE counselor_id = $1',
      [racer.profileId],
    );
    expect(rows[0]?.n).toBe(1);
    const episodes = await t.database.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM care_episodes WHERE counselor_id = $1',
      [racer.profileId],
    );
    expect(episodes[0]?.n).toBe(1);
  }, 120_000);
});
