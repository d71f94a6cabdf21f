import { randomUUID } from 'node:crypto';
import { CHAT_LIMITS } from '@anxin/common';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { announceRoomStatus, roomBusFor } from './bus.registry.ts';
import { ChatRateLimiter, setChatRateLimiter } from './chat.limits.ts';
import { bodyRef, chatCommitterFor } from './chat.service.ts';
import { liveRoom, SocketClient, UpgradeRefused, type LiveRoom } from './socket.test-support.ts';

let t: TestApp;
let base: string;

beforeAll(async () => {
  t = await createTestApp();
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterEach(() => {
  setChatRateLimiter(t.ctx, new ChatRateLimiter());
  SocketClient.terminateAll();
});
afterAll(async () => t.close());

async function join(room: LiveRoom, who: 'client' | 'counselor') {
  const socket = await SocketClient.open(base, room.roomId, room[who].cookie);
  await socket.next('welcome');
  return socket;
}

async function storedRows(roomId: string) {
  return t.database.query<{ id: string; seq: number; client_message_id: string; body_enc: string }>(
    'SELECT id, seq::int AS seq, client_message_id, body_enc FROM chat_messages WHERE room_id = $1 ORDER BY seq',
    [roomId],
  );
}

describe('room socket', () => {
  it('delivers 100 messages in order, each acknowledged with its sequence number', async () => {
    const room = await liveRoom(t, 'order');
    // Faster than people type: lift the limit for this test only.
    setChatRateLimiter(t.ctx, new ChatRateLimiter(1000));
    const client = await join(room, 'client');
    const counselor = await join(room, 'counselor');
    const ids = Array.from({ length: 100 }, () => randomUUID());
    // Twenty at a time: the rate limit allows twenty per window per person, so the two send
    // alternately in bursts, as both sides of a conversation.
    for (let burst = 0; burst < 5; burst++) {
      const sender = burst % 2 === 0 ? client : counselor;
      for (let i = burst * 20; i < burst * 20 + 20; i++)
        sender.send({ type: 'message', id: ids[i], body: `message ${i}` });
      await sender.next('ack', (a) => a.id === ids[burst * 20 + 19]);
    }
    await counselor.next('message', (m) => m.message.id === ids[99]);
    await client.next('message', (m) => m.message.id === ids[79]);
    const clientSide = client.of('message').map((f) => f.message);
    const counselorSide = counselor.of('message').map((f) => f.message);
    const received = [...client.of('message'), ...counselor.of('message')]
      .map((f) => f.message)
      .sort((a, b) => a.seq - b.seq);
    expect(received.map((m) => m.body)).toEqual(ids.map((_, i) => `message ${i}`));
    expect(received.map((m) => m.seq)).toEqual(ids.map((_, i) => i + 1));
    // Each side gets the other's messages in sequence order, never its own.
    for (const side of [client.of('message'), counselor.of('message')]) {
      const seqs = side.map((f) => f.message.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    }
    expect(clientSide.every((m) => !m.mine)).toBe(true);
    expect(counselorSide.every((m) => m.senderRole === 'client')).toBe(true);
    const acks = [...client.of('ack'), ...counselor.of('ack')]
      .map((a) => a.seq)
      .sort((a, b) => a - b);
    expect(acks).toEqual(ids.map((_, i) => i + 1));
    expect(await storedRows(room.roomId)).toHaveLength(100);
    await Promise.all([client.close(), counselor.close()]);
  });

  it('loses and duplicates nothing across a forced disconnect and a resend', async () => {
    const room = await liveRoom(t, 'drop');
    const counselor = await join(room, 'counselor');
    let client = await join(room, 'client');
    const ids: string[] = Array.from({ length: 15 }, () => randomUUID());
    for (const [i, id] of ids.slice(0, 10).entries())
      client.send({ type: 'message', id, body: `before ${i}` });
    await client.next('ack', (a) => a.id === ids[2]);
    // Cut mid-stream: some of the ten may be stored without their ack having arrived.
    client.ws.terminate();
    const acked = new Set(client.of('ack').map((a) => a.id));
    await client.closed;

    client = await join(room, 'client');
    const welcome = await client.next('welcome');
    const stored = new Set(welcome.history.map((m) => m.id));
    // The client resends everything unacknowledged (whether or not the server had it), then more.
    const unacked = ids.slice(0, 10).filter((id) => !acked.has(id));
    for (const id of unacked) {
      const i = ids.indexOf(id);
      client.send({ type: 'message', id, body: `before ${i}` });
    }
    for (const [j, id] of ids.slice(10).entries())
      client.send({ type: 'message', id, body: `after ${j}` });
    await client.next('ack', (a) => a.id === ids[14]);
    for (const id of unacked) await client.next('ack', (a) => a.id === id);
    // A resend of something already stored gets the stored number back.
    for (const message of welcome.history.filter((m) => unacked.includes(m.id))) {
      const ack = await client.next('ack', (a) => a.id === message.id);
      expect(ack.seq).toBe(message.seq);
    }
    expect(stored.size).toBeLessThanOrEqual(10);

    await counselor.next('message', (m) => m.message.id === ids[14]);
    const rows = await storedRows(room.roomId);
    expect(rows.map((r) => r.client_message_id).sort()).toEqual([...ids].sort());
    expect(rows.map((r) => r.seq)).toEqual(ids.map((_, i) => i + 1));
    const delivered = counselor.of('message').map((f) => f.message.id);
    expect(delivered).toHaveLength(15);
    expect(new Set(delivered).size).toBe(15);
    await Promise.all([client.close(), counselor.close()]);
  });

  it('refuses and audits an outsider before the upgrade, like a missing room', async () => {
    const room = await liveRoom(t, 'outs');
    const refusal = SocketClient.open(base, room.roomId, room.outsider.cookie);
    await expect(refusal).rejects.toEqual(new UpgradeRefused(404));
    const missing = SocketClient.open(base, randomUUID(), room.outsider.cookie);
    await expect(missing).rejects.toEqual(new UpgradeRefused(404));
    const events = await t.database.query<{ actor_id: string }>(
      `SELECT actor_id FROM audit_events WHERE action = 'room.join_refused' AND entity_id = $1`,
      [room.roomId],
    );
    expect(events).toEqual([{ actor_id: room.outsider.userId }]);
    // No cookie: the access guard answers before anything else.
    await expect(SocketClient.open(base, room.roomId, '')).rejects.toEqual(new UpgradeRefused(401));
    // A page on another site cannot open the socket with the person's cookie.
    await expect(
      SocketClient.open(base, room.roomId, room.client.cookie, { origin: 'https://evil.example' }),
    ).rejects.toEqual(new UpgradeRefused(403));
    const own = await SocketClient.open(base, room.roomId, room.client.cookie, { origin: base });
    await own.next('welcome');
    await own.close();
  });

  it('answers too long, too many and malformed frames with error frames', async () => {
    const room = await liveRoom(t, 'limits');
    const client = await join(room, 'client');
    const long = randomUUID();
    client.send({ type: 'message', id: long, body: 'x'.repeat(CHAT_LIMITS.maxMessageLength + 1) });
    expect(await client.next('error', (e) => e.id === long)).toMatchObject({
      code: 'message_too_long',
    });
    client.send('not json');
    client.send({ type: 'nonsense' });
    await client.next('error', (e) => e.code === 'invalid_frame');
    const ids = Array.from({ length: CHAT_LIMITS.maxMessagesPerWindow + 1 }, () => randomUUID());
    for (const id of ids) client.send({ type: 'message', id, body: 'hello' });
    const limited = await client.next('error', (e) => e.code === 'rate_limited');
    expect(limited.id).toBe(ids.at(-1));
    expect(client.of('ack')).toHaveLength(CHAT_LIMITS.maxMessagesPerWindow);
    // Still alive: a ping is answered.
    client.send({ type: 'ping' });
    await client.next('pong');
    expect(client.of('error').filter((e) => e.code === 'invalid_frame')).toHaveLength(2);
    expect(await storedRows(room.roomId)).toHaveLength(CHAT_LIMITS.maxMessagesPerWindow);
    await client.close();
  });

  it('stores the body sealed under the client key, also when the counselor writes', async () => {
    const room = await liveRoom(t, 'seal');
    const counselor = await join(room, 'counselor');
    const id = randomUUID();
    const secret = 'a sentence only the two of them may read 秘密';
    counselor.send({ type: 'message', id, body: secret });
    await counselor.next('ack', (a) => a.id === id);
    const [row] = await storedRows(room.roomId);
    expect(row?.body_enc).not.toContain('sentence');
    expect(row?.body_enc).not.toContain('秘密');
    const scope = t.ctx.vault.scope(t.database.db, room.organizationId);
    const ref = bodyRef(row?.id ?? '');
    expect(
      await scope.decrypt({ type: 'person', id: room.client.userId }, ref, row?.body_enc ?? ''),
    ).toBe(secret);
    await expect(
      scope.decrypt({ type: 'person', id: room.counselor.userId }, ref, row?.body_enc ?? ''),
    ).rejects.toThrow();
    const audits = await t.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'chat_message.create' AND entity_id = $1`,
      [row?.id],
    );
    expect(audits[0]?.n).toBe(1);
    // And the history on joining opens it again for the client.
    const client = await join(room, 'client');
    const welcome = await client.next('welcome');
    expect(welcome.history).toEqual([expect.objectContaining({ id, body: secret, mine: false })]);
    await Promise.all([client.close(), counselor.close()]);
  });

  it('relays typing, read receipts, presence and signals to the peer only', async () => {
    const room = await liveRoom(t, 'relay');
    const client = await join(room, 'client');
    const counselor = await join(room, 'counselor');
    await client.next('presence', (p) => p.role === 'counselor' && p.present);
    counselor.send({ type: 'typing', typing: true });
    expect(await client.next('typing')).toMatchObject({ role: 'counselor', typing: true });
    const sdp = `v=0\r\n${'a=candidate:x '.repeat(900)}`;
    client.send({ type: 'signal', signal: { kind: 'offer', sdp } });
    expect(await counselor.next('signal')).toEqual({
      type: 'signal',
      from: 'client',
      signal: { kind: 'offer', sdp },
    });
    const id = randomUUID();
    client.send({ type: 'message', id, body: 'hello' });
    const { message } = await counselor.next('message');
    counselor.send({ type: 'read', seq: message.seq });
    expect(await client.next('read')).toMatchObject({ role: 'counselor', seq: message.seq });
    const [p] = await t.database.query<{ read: number }>(
      'SELECT read_up_to_seq::int AS read FROM room_participants WHERE room_id = $1 AND user_id = $2',
      [room.roomId, room.counselor.userId],
    );
    expect(p?.read).toBe(message.seq);
    expect(client.of('signal')).toHaveLength(0);
    expect(counselor.of('typing')).toHaveLength(0);
    await counselor.close();
    await client.next('presence', (f) => f.role === 'counselor' && !f.present);
    await client.close();
    expect(
      await t.database.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM chat_messages WHERE room_id = $1',
        [room.roomId],
      ),
    ).toEqual([{ n: 1 }]);
  });

  it('refuses messages once the room ended and closes the sockets when the end is announced', async () => {
    const room = await liveRoom(t, 'ended');
    const client = await join(room, 'client');
    const counselor = await join(room, 'counselor');
    await t.database.query(
      `UPDATE session_rooms SET status = 'ended', ended_at = now(), end_reason = 'abusive' WHERE id = $1`,
      [room.roomId],
    );
    const id = randomUUID();
    client.send({ type: 'message', id, body: 'too late' });
    expect(await client.next('error', (e) => e.id === id)).toMatchObject({ code: 'room_closed' });
    await announceRoomStatus(t.ctx, room.roomId, 'ended', 'abusive');
    for (const socket of [client, counselor]) {
      expect(await socket.next('status', (f) => f.status === 'ended')).toEqual({
        type: 'status',
        status: 'ended',
        endReason: 'abusive',
      });
      expect(await socket.closed).toBe(1000);
    }
    expect(await storedRows(room.roomId)).toEqual([]);
  });

  it('answers a resend with the stored number, storing and delivering it once', async () => {
    const room = await liveRoom(t, 'dedupe');
    const counselor = await join(room, 'counselor');
    const client = await join(room, 'client');
    const [first, second] = [randomUUID(), randomUUID()];
    client.send({ type: 'message', id: first, body: 'once' });
    expect(await client.next('ack', (a) => a.id === first)).toMatchObject({ seq: 1 });
    // The same id again, on a new socket as after a reconnect, then a new message.
    await client.close();
    const again = await join(room, 'client');
    again.send({ type: 'message', id: first, body: 'once' });
    again.send({ type: 'message', id: second, body: 'twice' });
    expect(await again.next('ack', (a) => a.id === first)).toMatchObject({ seq: 1 });
    // No number is lost to the resend.
    expect(await again.next('ack', (a) => a.id === second)).toMatchObject({ seq: 2 });
    await counselor.next('message', (m) => m.message.id === second);
    expect(counselor.of('message').map((m) => [m.message.seq, m.message.body])).toEqual([
      [1, 'once'],
      [2, 'twice'],
    ]);
    expect((await storedRows(room.roomId)).map((r) => r.seq)).toEqual([1, 2]);
    await Promise.all([again.close(), counselor.close()]);
  });

  it('after a gap on the bus, reads from the table what it missed, in order', async () => {
    const room = await liveRoom(t, 'resync');
    const counselor = await join(room, 'counselor');
    // Stored as another process would, but with its notification lost: nothing is published.
    const committer = chatCommitterFor(t.ctx);
    const chatRoom = {
      id: room.roomId,
      organizationId: room.organizationId,
      clientUserId: room.client.userId,
      counselorUserId: room.counselor.userId,
    };
    const meta = {
      actorId: room.client.userId,
      actorRole: 'client',
      requestId: randomUUID(),
      ip: '127.0.0.1',
      userAgent: null,
    };
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    for (const [i, id] of ids.entries())
      await committer.store({
        room: chatRoom,
        senderUserId: room.client.userId,
        clientMessageId: id,
        body: `missed ${i}`,
        locale: 'zh-CN',
        meta,
      });
    expect(counselor.of('message')).toEqual([]);
    const statuses = counselor.of('status').length;
    await roomBusFor(t.ctx).publish(room.roomId, { kind: 'resync' });
    await counselor.next('message', (m) => m.message.id === ids[2]);
    expect(counselor.of('message').map((m) => [m.message.seq, m.message.body])).toEqual([
      [1, 'missed 0'],
      [2, 'missed 1'],
      [3, 'missed 2'],
    ]);
    // And the room's status, which may have changed meanwhile.
    await vi.waitFor(() => expect(counselor.of('status')).toHaveLength(statuses + 1));
    expect(counselor.of('status').at(-1)?.status).toBe('waiting');
    // A second resync finds nothing new and repeats nothing.
    await roomBusFor(t.ctx).publish(room.roomId, { kind: 'resync' });
    await vi.waitFor(() => expect(counselor.of('status')).toHaveLength(statuses + 2));
    expect(counselor.of('message')).toHaveLength(3);
    await counselor.close();
  });
});
