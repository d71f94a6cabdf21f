import type { Room } from '@anxin/common';
import type { Role } from '@anxin/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/http/app-error.ts';
import { createMember } from '../../test/identity-fixtures.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { grantConsents } from '../consent/test-support/consent-fixtures.ts';
import {
  insertAppointmentRow,
  openCounselor,
  sessionFor,
  signedInAdministrator,
  signedInMember,
} from '../scheduling/appointment-fixtures.ts';
import { runNoShowSweep } from '../scheduling/no-show.job.ts';
import { closeRoomBus } from './bus.registry.ts';
import { closeDueRooms } from './room-close.job.ts';
import { authorizeRoomJoin, recordJoin, recordLeave } from './room.service.ts';
import { putSessionsSettings } from './sessions-settings.ts';

const MIN = 60_000;
const roomOf = (id: string) => `/api/v1/appointments/${id}/room`;

/** The actor a socket would have: enough of it for the room service. */
function actorFor(m: { userId: string; organizationId: string }, roles: Role[]): Actor {
  return {
    userId: m.userId,
    organizationId: m.organizationId,
    displayName: 'x',
    roles,
    sessionId: '00000000-0000-4000-8000-000000000000',
    sessionKind: roles.includes('client') ? 'client' : 'staff',
    verified: true,
    mfaEnrolled: true,
    mfaSatisfied: true,
    isDemo: false,
    breakGlass: [],
  };
}

async function rejection(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected a rejection');
}

describe('session rooms', () => {
  let t: TestApp;
  let counselor: Awaited<ReturnType<typeof openCounselor>>;
  let other: Awaited<ReturnType<typeof openCounselor>>;
  let alice: Awaited<ReturnType<typeof signedInMember>>;
  let bob: Awaited<ReturnType<typeof signedInMember>>;
  let admin: Awaited<ReturnType<typeof signedInAdministrator>>;
  // Each appointment an hour apart so no two overlap for the counselor.
  let hour = 0;
  const nextStart = (fromNowMinutes: number) =>
    new Date(Date.now() + fromNowMinutes * MIN + hour++ * 0);

  const appointment = async (startsAt: Date, clientUserId = alice.userId, with_ = counselor) =>
    insertAppointmentRow(t, {
      organizationId: with_.organizationId,
      counselorId: with_.profileId,
      clientUserId,
      startsAt,
    });

  const audits = async (entityId: string) =>
    (
      await t.database.query<{ action: string }>(
        `SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY seq`,
        [entityId],
      )
    ).map((r) => r.action);

  beforeAll(async () => {
    t = await createTestApp();
    counselor = await openCounselor(t, { name: 'liang' });
    other = await openCounselor(t, { name: 'zhou' });
    alice = await signedInMember(t, 'alice');
    bob = await signedInMember(t, 'bob');
    admin = await signedInAdministrator(t);
  });
  afterAll(async () => {
    await closeRoomBus(t.ctx);
    await t.close();
  });

  it('admits the client and the counselor only; everyone else gets 404', async () => {
    const id = await appointment(nextStart(5));
    const asClient = await alice.client.get(roomOf(id));
    expect(asClient.statusCode).toBe(200);
    const room = asClient.json<Room>();
    expect(room).toMatchObject({
      appointmentId: id,
      status: 'waiting',
      role: 'client',
      peerName: 'liang',
      afterEnd: 'feedback',
      iceServers: [],
    });
    const asCounselor = await counselor.client.post(roomOf(id), {});
    expect(asCounselor.json<Room>()).toMatchObject({
      id: room.id,
      role: 'counselor',
      peerName: 'alice',
      afterEnd: 'note',
    });
    for (const outsider of [bob.client, other.client, admin.client]) {
      expect((await outsider.get(roomOf(id))).statusCode).toBe(404);
      expect((await outsider.get(`/api/v1/rooms/${room.id}`)).statusCode).toBe(404);
    }
    expect((await alice.client.get(`/api/v1/rooms/${room.id}`)).statusCode).toBe(200);
    // Opens 10 minutes before the start, closes 15 after the end (defaults).
    const [a] = await t.database.query<{ starts_at: Date; ends_at: Date }>(
      'SELECT starts_at, ends_at FROM appointments WHERE id = $1',
      [id],
    );
    if (!a) throw new Error('no appointment');
    expect(Date.parse(room.opensAt)).toBe(new Date(a.starts_at).getTime() - 10 * MIN);
    expect(Date.parse(room.closesAt)).toBe(new Date(a.ends_at).getTime() + 15 * MIN);
    expect(await audits(room.id)).toEqual(['room.create', 'room.read', 'room.read', 'room.read']);
  });

  it('lets a supervisor observe only when the organisation allows it and the client consented', async () => {
    const sup = await createMember(t, ['supervisor'], 'sup');
    const supClient = await sessionFor(t, sup, ['supervisor']);
    const id = await appointment(nextStart(65));
    expect((await supClient.get(roomOf(id))).statusCode).toBe(404);
    await putSessionsSettings(t.database.db, sup.organizationId, {
      openMinutesBefore: 10,
      graceMinutes: 15,
      observerAllowed: true,
    });
    try {
      expect((await supClient.get(roomOf(id))).statusCode).toBe(404);
      await grantConsents(t.database.db, alice.organizationId, alice.userId, ['session_recording']);
      const res = await supClient.get(roomOf(id));
      expect(res.statusCode).toBe(200);
      expect(res.json<Room>()).toMatchObject({ role: 'observer', afterEnd: 'none' });
      // A counselor is not an observer, whatever the settings.
      expect((await other.client.get(roomOf(id))).statusCode).toBe(404);
    } finally {
      await putSessionsSettings(t.database.db, sup.organizationId, {
        openMinutesBefore: 10,
        graceMinutes: 15,
        observerAllowed: false,
      });
      await t.database.query(
        `UPDATE consents SET status = 'withdrawn' WHERE subject_id = $1 AND scope = 'session_recording'`,
        [alice.userId],
      );
    }
  });

  it('admits only inside the window, and only with consent', async () => {
    const later = await appointment(nextStart(125));
    const laterRoom = (await alice.client.get(roomOf(later))).json<Room>();
    const e1 = await rejection(authorizeRoomJoin(t.ctx, actorFor(alice, ['client']), laterRoom.id));
    expect(e1.code).toBe('conflict');
    expect(e1.detail).toMatch(/opens at/);

    const past = await appointment(new Date(Date.now() - 3 * 60 * MIN));
    const pastRoom = (await counselor.client.get(roomOf(past))).json<Room>();
    const e2 = await rejection(
      authorizeRoomJoin(t.ctx, actorFor(counselor.member, ['counselor']), pastRoom.id),
    );
    expect(e2.code).toBe('conflict');

    const stranger = await rejection(
      authorizeRoomJoin(t.ctx, actorFor(bob, ['client']), laterRoom.id),
    );
    expect(stranger.code).toBe('not_found');

    const carol = await signedInMember(t, 'carol', true, false);
    const hers = await appointment(nextStart(185), carol.userId);
    const refused = await carol.client.get(roomOf(hers));
    expect(refused.statusCode).toBe(403);
    expect(refused.json<{ code: string }>().code).toBe('consent_required');
    const hersRoom = (await counselor.client.get(roomOf(hers))).json<Room>();
    await t.database.query(
      `UPDATE session_rooms SET opens_at = now() - interval '1 minute' WHERE id = $1`,
      [hersRoom.id],
    );
    const e3 = await rejection(authorizeRoomJoin(t.ctx, actorFor(carol, ['client']), hersRoom.id));
    expect(e3.code).toBe('consent_required');
    // A cancelled appointment gets no room.
    const cancelled = await appointment(nextStart(245));
    await t.database.query(`UPDATE appointments SET status = 'cancelled' WHERE id = $1`, [
      cancelled,
    ]);
    expect((await alice.client.get(roomOf(cancelled))).statusCode).toBe(409);
  });

  it('goes waiting → in_progress → ended, with durations, arrival and fulfilment', async () => {
    const id = await appointment(nextStart(3), bob.userId, other);
    const room = (await bob.client.get(roomOf(id))).json<Room>();
    const clientAccess = await authorizeRoomJoin(t.ctx, actorFor(bob, ['client']), room.id);
    await recordJoin(t.ctx, clientAccess, actorFor(bob, ['client']));
    expect(clientAccess.room.status).toBe('waiting');
    const status = async () =>
      (
        await t.database.query<{ status: string }>(
          'SELECT status FROM appointments WHERE id = $1',
          [id],
        )
      )[0]?.status;
    expect(await status()).toBe('arrived');

    const counselorActor = actorFor(other.member, ['counselor']);
    const counselorAccess = await authorizeRoomJoin(t.ctx, counselorActor, room.id);
    await recordJoin(t.ctx, counselorAccess, counselorActor);
    expect(counselorAccess.room.status).toBe('in_progress');
    expect(counselorAccess.room.startedAt).toBeInstanceOf(Date);

    await recordLeave(t.ctx, clientAccess, actorFor(bob, ['client']), 30.4);
    await recordJoin(t.ctx, clientAccess, actorFor(bob, ['client']));
    await recordLeave(t.ctx, clientAccess, actorFor(bob, ['client']), 12);
    const [p] = await t.database.query<{ connected_seconds: number; last_left_at: Date | null }>(
      `SELECT connected_seconds, last_left_at FROM room_participants WHERE room_id = $1 AND user_id = $2`,
      [room.id, bob.userId],
    );
    expect(p?.connected_seconds).toBe(42);
    expect(p?.last_left_at).not.toBeNull();

    const end = `/api/v1/rooms/${room.id}/end`;
    expect((await bob.client.post(end, { reason: 'completed' })).statusCode).toBe(403);
    expect((await alice.client.post(end, { reason: 'completed' })).statusCode).toBe(404);
    expect((await other.client.post(end, { reason: 'closed' })).statusCode).toBe(400);
    const ended = await other.client.post(end, { reason: 'completed' });
    expect(ended.statusCode).toBe(200);
    expect(ended.json<Room>()).toMatchObject({ status: 'ended', endReason: 'completed' });
    expect(ended.json<Room>().endedAt).not.toBeNull();
    expect(await status()).toBe('fulfilled');
    expect((await other.client.post(end, { reason: 'abusive' })).statusCode).toBe(409);
    const e = await rejection(authorizeRoomJoin(t.ctx, actorFor(bob, ['client']), room.id));
    expect(e.code).toBe('conflict');
    expect(await audits(room.id)).toEqual(
      expect.arrayContaining(['room.join', 'room.start', 'room.leave', 'room.end']),
    );
    expect(await audits(id)).toEqual(
      expect.arrayContaining(['appointment.arrive', 'appointment.fulfil']),
    );
  });

  it('closes rooms at their closing time, and at once when the appointment is cancelled', async () => {
    const past = await appointment(new Date(Date.now() - 2 * 60 * MIN - 7 * 60 * MIN));
    const pastRoom = (await alice.client.get(roomOf(past))).json<Room>();
    const gone = await appointment(nextStart(365));
    const goneRoom = (await alice.client.get(roomOf(gone))).json<Room>();
    const open = await appointment(nextStart(425));
    const openRoom = (await alice.client.get(roomOf(open))).json<Room>();
    await t.database.query(`UPDATE appointments SET status = 'cancelled' WHERE id = $1`, [gone]);

    const report = await closeDueRooms(t.database, t.ctx.vault.keyring.auditKey);
    expect(report.failed).toBe(0);
    const rows = await t.database.query<{ id: string; status: string; end_reason: string | null }>(
      `SELECT id, status, end_reason FROM session_rooms WHERE id = ANY($1::uuid[])`,
      [[pastRoom.id, goneRoom.id, openRoom.id]],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(pastRoom.id)).toMatchObject({ status: 'ended', end_reason: 'closed' });
    expect(byId.get(goneRoom.id)).toMatchObject({ status: 'ended', end_reason: 'cancelled' });
    expect(byId.get(openRoom.id)).toMatchObject({ status: 'waiting', end_reason: null });
    expect(await audits(pastRoom.id)).toContain('system.room.close');
    // Idempotent.
    const again = await closeDueRooms(t.database, t.ctx.vault.keyring.auditKey);
    expect(again.closed).toBe(0);
  });

  it('the no-show job spares a client who joined the room in time', async () => {
    const startsAt = new Date(Date.now() - 20 * MIN - 20 * 60 * MIN);
    const joined = await appointment(startsAt);
    const late = await appointment(new Date(startsAt.getTime() - 60 * MIN));
    const absent = await appointment(new Date(startsAt.getTime() - 120 * MIN));
    for (const [id, joinAfter] of [
      [joined, 5],
      [late, 20],
    ] as const) {
      const room = (await counselor.client.get(roomOf(id))).json<Room>();
      const [startRow] = await t.database.query<{ starts_at: Date }>(
        'SELECT starts_at FROM appointments WHERE id = $1',
        [id],
      );
      if (!startRow) throw new Error('no appointment');
      const start = startRow.starts_at;
      // Attendance as the room records it, without the arrival (as if that step had failed).
      await t.database.query(
        `INSERT INTO room_participants (organization_id, room_id, user_id, role, first_joined_at, last_joined_at)
         VALUES ($1, $2, $3, 'client', $4, $4)`,
        [
          alice.organizationId,
          room.id,
          alice.userId,
          new Date(new Date(start).getTime() + joinAfter * MIN).toISOString(),
        ],
      );
    }
    await runNoShowSweep(t.database, t.ctx.vault, t.ctx.vault.keyring.auditKey);
    const rows = await t.database.query<{ id: string; status: string }>(
      `SELECT id, status FROM appointments WHERE id = ANY($1::uuid[])`,
      [[joined, late, absent]],
    );
    const by = new Map(rows.map((r) => [r.id, r.status]));
    expect(by.get(joined)).toBe('booked');
    expect(by.get(late)).toBe('noshow');
    expect(by.get(absent)).toBe('noshow');
  });
});
