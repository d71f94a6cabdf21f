import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { ChatCommitter, type OutgoingMessage } from './chat.service.ts';
import { liveRoom, type LiveRoom } from './socket.test-support.ts';

/** The committer on its own: batches of several rooms' messages in one transaction. */
describe('chat messages stored in batches', () => {
  let t: TestApp;
  let rooms: LiveRoom[];
  beforeAll(async () => {
    t = await createTestApp();
    rooms = [await liveRoom(t, 'ba'), await liveRoom(t, 'bb'), await liveRoom(t, 'bc')];
  });
  afterAll(() => t.close());

  const message = (r: LiveRoom, body: string, id: string = randomUUID()): OutgoingMessage => ({
    room: {
      id: r.roomId,
      organizationId: r.organizationId,
      clientUserId: r.client.userId,
      counselorUserId: r.counselor.userId,
    },
    senderUserId: r.client.userId,
    clientMessageId: id,
    body,
    locale: 'zh-CN',
    meta: {
      actorId: r.client.userId,
      actorRole: 'client',
      requestId: 'b',
      ip: '127.0.0.1',
      userAgent: null,
    },
  });
  const seqsOf = async (roomId: string) =>
    (
      await t.database.query<{ seq: number | string }>(
        'SELECT seq FROM chat_messages WHERE room_id = $1 ORDER BY seq',
        [roomId],
      )
    ).map((r) => Number(r.seq));

  it('numbers each room’s messages contiguously, in order, when many share a transaction', async () => {
    const committer = new ChatCommitter(t.ctx);
    const [a, b] = rooms as [LiveRoom, LiveRoom];
    const sent = [0, 1, 2, 3, 4, 5].map((n) => message(n % 2 ? b : a, `m${n}`));
    const results = await Promise.all(sent.map((m) => committer.store(m)));
    expect(results.map((r) => (r.outcome === 'closed' ? 0 : r.seq))).toEqual([1, 1, 2, 2, 3, 3]);
    expect(await seqsOf(a.roomId)).toEqual([1, 2, 3]);
    expect(await seqsOf(b.roomId)).toEqual([1, 2, 3]);
  });

  it('keeps numbers contiguous when a batch holds a resend, answering the stored number', async () => {
    const committer = new ChatCommitter(t.ctx);
    const c = rooms[2] as LiveRoom;
    const first = message(c, 'first');
    const stored = await committer.store(first);
    const again = await Promise.all([
      committer.store(message(c, 'second')),
      committer.store({ ...first }),
      committer.store(message(c, 'third')),
    ]);
    expect(stored).toMatchObject({ outcome: 'stored', seq: 1 });
    expect(again[1]).toMatchObject({ outcome: 'duplicate', seq: 1 });
    expect(await seqsOf(c.roomId)).toEqual([1, 2, 3]);
  });
});
