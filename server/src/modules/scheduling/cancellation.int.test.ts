import type { Appointment, Problem } from '@anxin/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { listOutboxForDevelopment } from '../notifications/notification.service.ts';
import {
  APPOINTMENTS,
  book,
  insertAppointmentRow,
  openCounselor,
  signedInMember,
  slotAt,
} from './appointment-fixtures.ts';

interface Preview {
  outcome: string;
  deadline: string;
  countsAsNoShow: boolean;
  refundFen: number;
  paidFen: number;
}

const HOUR = 3_600_000;

/** The 24-hour rule (A5) through the API: what the preview says is what the cancellation does. */
describe('cancellation and rescheduling (A5)', () => {
  let t: TestApp;
  let counselor: Awaited<ReturnType<typeof openCounselor>>;
  beforeAll(async () => {
    t = await createTestApp();
    counselor = await openCounselor(t, { name: 'zhao' });
  });
  afterAll(() => t.close());

  /** A booked appointment `hours` from now, written directly (too near for a slot). */
  async function near(clientUserId: string, hours: number) {
    return insertAppointmentRow(t, {
      organizationId: counselor.organizationId,
      counselorId: counselor.profileId,
      clientUserId,
      startsAt: new Date(Date.now() + hours * HOUR),
    });
  }

  async function pay(clientUserId: string, appointmentId: string, amountFen: number) {
    await t.database.query(
      `INSERT INTO ledger_entries (organization_id, client_user_id, appointment_id, kind, amount_fen)
       VALUES ($1, $2, $3, 'payment', $4)`,
      [counselor.organizationId, clientUserId, appointmentId, amountFen],
    );
  }

  it('cancels on time: not a no-show, refunded in full, as previewed', async () => {
    const { client, userId } = await signedInMember(t, 'ontime');
    const { body } = await book(client, counselor.profileId, slotAt(5, 10));
    await pay(userId, body.id, 50_000);
    const preview = (
      await client.get(`${APPOINTMENTS}/${body.id}/cancellation-preview`)
    ).json<Preview>();
    expect(preview).toMatchObject({
      outcome: 'cancelled',
      countsAsNoShow: false,
      paidFen: 50_000,
      refundFen: 50_000,
    });
    expect(preview.deadline).toBe(body.cancellationDeadline);
    const res = await client.post(`${APPOINTMENTS}/${body.id}/cancel`, { reason: 'travel' });
    expect(res.statusCode).toBe(200);
    expect(res.json<Appointment>()).toMatchObject({
      status: 'cancelled',
      noShowReason: null,
      cancelledBy: 'client',
    });
    const [row] = await t.database.query<{ cancellation_reason_enc: string }>(
      'SELECT cancellation_reason_enc FROM appointments WHERE id = $1',
      [body.id],
    );
    expect(row?.cancellation_reason_enc).toBeTruthy();
    expect(row?.cancellation_reason_enc).not.toContain('travel');
  });

  it('refuses a late cancellation without the acknowledgement, then records a no-show', async () => {
    const { client, userId } = await signedInMember(t, 'late');
    const id = await near(userId, 5);
    await pay(userId, id, 40_000);
    const preview = (
      await client.get(`${APPOINTMENTS}/${id}/cancellation-preview`)
    ).json<Preview>();
    expect(preview).toMatchObject({
      outcome: 'late_cancel_noshow',
      countsAsNoShow: true,
      paidFen: 40_000,
      refundFen: 0,
    });
    const refused = await client.post(`${APPOINTMENTS}/${id}/cancel`, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.json<Problem>().detail).toMatch(/confirm/i);
    const done = await client.post(`${APPOINTMENTS}/${id}/cancel`, {
      acknowledgedOutcome: preview.outcome,
    });
    expect(done.statusCode).toBe(200);
    expect(done.json<Appointment>()).toMatchObject({
      status: 'noshow',
      noShowReason: 'late_cancel',
      cancelledBy: 'client',
    });
  });

  it('never counts a counselor cancellation as a no-show, however late', async () => {
    const { client, userId } = await signedInMember(t, 'byco');
    const id = await near(userId, 2);
    const preview = (
      await counselor.client.get(`${APPOINTMENTS}/${id}/cancellation-preview`)
    ).json<Preview>();
    expect(preview).toMatchObject({ outcome: 'cancelled', countsAsNoShow: false });
    const res = await counselor.client.post(`${APPOINTMENTS}/${id}/cancel`, {});
    expect(res.json<Appointment>()).toMatchObject({
      status: 'cancelled',
      noShowReason: null,
      cancelledBy: 'counselor',
    });
    // Already cancelled: nothing more to cancel.
    expect((await client.post(`${APPOINTMENTS}/${id}/cancel`, {})).statusCode).toBe(409);
  });

  it('reschedules in one step: the old one cancelled, the new one booked', async () => {
    const { client } = await signedInMember(t, 'moving');
    const { body } = await book(client, counselor.profileId, slotAt(8, 10));
    const res = await client.post(`${APPOINTMENTS}/${body.id}/reschedule`, {
      startsAt: slotAt(8, 14),
    });
    expect(res.statusCode).toBe(201);
    const moved = res.json<Appointment>();
    expect(moved).toMatchObject({
      status: 'booked',
      startsAt: slotAt(8, 14),
      sessionType: 'intake',
    });
    expect(moved.episodeId).toBe(body.episodeId);
    const [old] = await t.database.query<{ status: string }>(
      'SELECT status FROM appointments WHERE id = $1',
      [body.id],
    );
    expect(old?.status).toBe('cancelled');
    const [link] = await t.database.query<{ rescheduled_from_id: string }>(
      'SELECT rescheduled_from_id FROM appointments WHERE id = $1',
      [moved.id],
    );
    expect(link?.rescheduled_from_id).toBe(body.id);
  });

  it('keeps the old appointment when the new start is not free', async () => {
    const { client } = await signedInMember(t, 'stuck');
    const { body } = await book(client, counselor.profileId, slotAt(9, 10));
    const res = await client.post(`${APPOINTMENTS}/${body.id}/reschedule`, {
      startsAt: slotAt(9, 23),
    });
    expect(res.statusCode).toBe(409);
    const [old] = await t.database.query<{ status: string }>(
      'SELECT status FROM appointments WHERE id = $1',
      [body.id],
    );
    expect(old?.status).toBe('booked');
  });

  it('counts a late reschedule like a late cancellation', async () => {
    const { client, userId } = await signedInMember(t, 'latemove');
    const id = await near(userId, 3);
    const target = slotAt(10, 10);
    expect(
      (await client.post(`${APPOINTMENTS}/${id}/reschedule`, { startsAt: target })).statusCode,
    ).toBe(409);
    const res = await client.post(`${APPOINTMENTS}/${id}/reschedule`, {
      startsAt: target,
      acknowledgedOutcome: 'late_cancel_noshow',
    });
    expect(res.statusCode).toBe(201);
    const [old] = await t.database.query<{ status: string; no_show_reason: string }>(
      'SELECT status, no_show_reason FROM appointments WHERE id = $1',
      [id],
    );
    expect(old).toEqual({ status: 'noshow', no_show_reason: 'late_cancel' });
  });

  /** Cancellation notices queued since the last call (the outbox lists newest first). */
  const seen = new Set<string>();
  async function newCancellationNotices() {
    const all = await listOutboxForDevelopment(
      t.database.db,
      t.ctx.vault.scope(t.database.db, counselor.organizationId),
      counselor.organizationId,
      { limit: 500, env: 'development' },
    );
    const fresh = all.filter((m) => m.template === 'appointment_cancelled' && !seen.has(m.id));
    for (const m of all) seen.add(m.id);
    return fresh;
  }
  const pairs = (list: { userId: string | null; channel: string }[]) =>
    list.map((m) => `${m.userId}:${m.channel}`).sort();

  it('tells the client of every cancellation, and the counselor when the client cancelled', async () => {
    await newCancellationNotices();
    const { client, userId } = await signedInMember(t, 'notices');
    const own = await book(client, counselor.profileId, slotAt(11, 10));
    expect(own.res.statusCode).toBe(201);
    expect((await client.post(`${APPOINTMENTS}/${own.body.id}/cancel`, {})).statusCode).toBe(200);
    const byClient = await newCancellationNotices();
    expect(pairs(byClient)).toEqual(
      [
        `${userId}:email`,
        `${userId}:in_app`,
        `${counselor.userId}:email`,
        `${counselor.userId}:in_app`,
      ].sort(),
    );
    const toClient = byClient.find((m) => m.userId === userId && m.channel === 'email');
    expect(toClient?.text).toContain('应来访者要求');

    const id = await near(userId, 30);
    await counselor.client.post(`${APPOINTMENTS}/${id}/cancel`, { reason: '临时出差' });
    const byCounselor = await newCancellationNotices();
    // The client only: the counselor knows what they did. The reason stays out of every message.
    expect(pairs(byCounselor)).toEqual([`${userId}:email`, `${userId}:in_app`].sort());
    expect(byCounselor.find((m) => m.channel === 'email')?.text).toContain('由机构');
    expect(JSON.stringify([...byClient, ...byCounselor])).not.toContain('临时出差');
  });
});
