import type { Appointment, Problem } from '@anxin/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import {
  APPOINTMENTS,
  book,
  insertAppointmentRow,
  openCounselor,
  signedInAdministrator,
  signedInMember,
  slotAt,
} from './appointment-fixtures.ts';

const DAY = 86_400_000;

describe('appointment transitions and visibility (A4, A5)', () => {
  let t: TestApp;
  let counselor: Awaited<ReturnType<typeof openCounselor>>;
  let admin: Awaited<ReturnType<typeof signedInAdministrator>>;
  beforeAll(async () => {
    t = await createTestApp();
    counselor = await openCounselor(t, { name: 'sun' });
    admin = await signedInAdministrator(t);
  });
  afterAll(() => t.close());

  it('puts a booking behind approval after repeated no-shows; an administrator approves it', async () => {
    const { client, userId } = await signedInMember(t, 'absent');
    for (const days of [10, 20, 30]) {
      await insertAppointmentRow(t, {
        organizationId: counselor.organizationId,
        counselorId: counselor.profileId,
        clientUserId: userId,
        startsAt: new Date(Date.now() - days * DAY),
        status: 'noshow',
        noShowReason: 'absent',
      });
    }
    const other = await openCounselor(t, { name: 'qian' });
    const { res, body } = await book(client, other.profileId, slotAt(4, 10));
    expect(res.statusCode).toBe(201);
    expect(body.status).toBe('pending');
    expect(body.actions).not.toContain('approve');

    const seen = await admin.client.get(`${APPOINTMENTS}/${body.id}`);
    expect(seen.json<Appointment>().actions).toEqual(
      expect.arrayContaining(['approve', 'decline']),
    );
    // Only administrators decide.
    const byClient = await client.post(`${APPOINTMENTS}/${body.id}/transitions`, {
      event: 'approve',
    });
    expect(byClient.statusCode).toBe(403);
    const approved = await admin.client.post(`${APPOINTMENTS}/${body.id}/transitions`, {
      event: 'approve',
    });
    expect(approved.statusCode).toBe(200);
    expect(approved.json<Appointment>().status).toBe('booked');
  });

  it('answers 404 for another client’s appointment exactly as for a missing one', async () => {
    const owner = await signedInMember(t, 'owner');
    const stranger = await signedInMember(t, 'stranger');
    const { body } = await book(owner.client, counselor.profileId, slotAt(5, 11));
    const hidden = await stranger.client.get(`${APPOINTMENTS}/${body.id}`);
    const missing = await stranger.client.get(`${APPOINTMENTS}/${crypto.randomUUID()}`);
    expect(hidden.statusCode).toBe(404);
    const strip = (p: Problem) => ({ ...p, requestId: undefined, instance: undefined });
    expect(strip(hidden.json<Problem>())).toEqual(strip(missing.json<Problem>()));
    for (const path of ['cancellation-preview']) {
      expect((await stranger.client.get(`${APPOINTMENTS}/${body.id}/${path}`)).statusCode).toBe(
        404,
      );
    }
    expect((await stranger.client.post(`${APPOINTMENTS}/${body.id}/cancel`, {})).statusCode).toBe(
      404,
    );
    const list = await stranger.client.get(`${APPOINTMENTS}?scope=mine`);
    expect(list.json<{ items: Appointment[] }>().items).toEqual([]);
    expect((await stranger.client.get(`${APPOINTMENTS}?scope=all`)).statusCode).toBe(403);
    const all = await admin.client.get(`${APPOINTMENTS}?scope=all`);
    expect(all.json<{ items: Appointment[] }>().items.map((a) => a.id)).toContain(body.id);
  });

  it('lets the counselor record arrival and completion', async () => {
    const { client, userId } = await signedInMember(t, 'present');
    const id = await insertAppointmentRow(t, {
      organizationId: counselor.organizationId,
      counselorId: counselor.profileId,
      clientUserId: userId,
      startsAt: new Date(Date.now() + 5 * 60_000),
    });
    expect(
      (await client.post(`${APPOINTMENTS}/${id}/transitions`, { event: 'arrive' })).statusCode,
    ).toBe(403);
    const arrived = await counselor.client.post(`${APPOINTMENTS}/${id}/transitions`, {
      event: 'arrive',
    });
    expect(arrived.json<Appointment>().status).toBe('arrived');
    const done = await counselor.client.post(`${APPOINTMENTS}/${id}/transitions`, {
      event: 'fulfil',
    });
    expect(done.json<Appointment>().status).toBe('fulfilled');
    const again = await counselor.client.post(`${APPOINTMENTS}/${id}/transitions`, {
      event: 'fulfil',
    });
    expect(again.statusCode).toBe(409);
    const events = await t.database.query<{ action: string }>(
      'SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY seq',
      [id],
    );
    expect(events.map((e) => e.action)).toEqual(['appointment.arrive', 'appointment.fulfil']);
  });

  it('enters an appointment in error only with a reason', async () => {
    const { userId } = await signedInMember(t, 'mistake');
    const id = await insertAppointmentRow(t, {
      organizationId: counselor.organizationId,
      counselorId: counselor.profileId,
      clientUserId: userId,
      startsAt: new Date(Date.now() + 3 * DAY),
    });
    const url = `${APPOINTMENTS}/${id}/transitions`;
    const bare = await admin.client.post(url, { event: 'enter_in_error' });
    expect(bare.statusCode).toBe(400);
    expect(bare.json<Problem>().errors?.[0]?.path).toBe('body.reason');
    const ok = await admin.client.post(url, { event: 'enter_in_error', reason: 'duplicate' });
    expect(ok.json<Appointment>().status).toBe('entered-in-error');
  });
});
