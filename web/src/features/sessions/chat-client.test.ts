import type { ChatMessage, ClientFrame, Room, ServerFrame } from '@anxin/common';
import { describe, expect, it } from 'vitest';
import {
  BACKOFF,
  ChatClient,
  HEARTBEAT,
  backoffDelay,
  mergeMessages,
  type ChatSocket,
  type Clock,
  type SocketHandlers,
} from './chat-client.ts';

const ROOM: Room = {
  id: '00000000-0000-4000-8000-000000000001',
  appointmentId: '00000000-0000-4000-8000-000000000002',
  status: 'in_progress',
  opensAt: '2026-01-01T00:00:00.000Z',
  closesAt: '2026-01-01T02:00:00.000Z',
  startedAt: '2026-01-01T00:10:00.000Z',
  endedAt: null,
  endReason: null,
  role: 'client',
  peerName: 'Lin',
  afterEnd: 'feedback',
  iceServers: [],
};

const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString().padStart(12, '0')}`;

function message(seq: number, id: number, mine = false, body = `m${String(seq)}`): ChatMessage {
  return {
    seq,
    id: uuid(id),
    senderRole: mine ? 'client' : 'counselor',
    mine,
    body,
    sentAt: '2026-01-01T00:20:00.000Z',
  };
}

/** A clock whose timers run only when the test advances it. */
class FakeClock implements Clock {
  time = 1_000_000;
  private timers: { at: number; run: () => void; handle: number }[] = [];
  private next = 1;
  now() {
    return this.time;
  }
  setTimeout(run: () => void, ms: number) {
    const handle = this.next++;
    this.timers.push({ at: this.time + ms, run, handle });
    return handle;
  }
  clearTimeout(handle: unknown) {
    this.timers = this.timers.filter((timer) => timer.handle !== handle);
  }
  pending() {
    return this.timers.map((timer) => timer.at - this.time);
  }
  advance(ms: number) {
    const until = this.time + ms;
    for (;;) {
      const due = this.timers.filter((timer) => timer.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((timer) => timer !== due);
      this.time = due.at;
      due.run();
    }
    this.time = until;
  }
}

class FakeSocket implements ChatSocket {
  sent: ClientFrame[] = [];
  closed = false;
  constructor(readonly handlers: SocketHandlers) {}
  send(data: string) {
    this.sent.push(JSON.parse(data) as ClientFrame);
  }
  close() {
    this.closed = true;
  }
  deliver(frame: ServerFrame) {
    this.handlers.onMessage(JSON.stringify(frame));
  }
  drop() {
    this.handlers.onClose();
  }
}

function setUp() {
  const clock = new FakeClock();
  const sockets: FakeSocket[] = [];
  let ids = 100;
  const client = new ChatClient({
    clock,
    random: () => 0.5,
    newId: () => uuid(ids++),
    connect: (handlers) => {
      const socket = new FakeSocket(handlers);
      sockets.push(socket);
      queueMicrotask(() => {
        handlers.onOpen();
      });
      return socket;
    },
  });
  const socket = () => {
    const last = sockets.at(-1);
    if (!last) throw new Error('no socket yet');
    return last;
  };
  const welcome = (history: ChatMessage[] = [], present: Room['role'][] = ['counselor']) => {
    socket().deliver({ type: 'welcome', room: ROOM, present, history, peerReadUpToSeq: 0 });
  };
  return { clock, sockets, client, socket, welcome };
}

describe('mergeMessages', () => {
  it('orders by sequence number and keeps one copy of each', () => {
    const merged = mergeMessages(
      [message(1, 1), message(3, 3)],
      [message(2, 2), message(3, 3), message(1, 1)],
    );
    expect(merged.map((m) => m.seq)).toEqual([1, 2, 3]);
  });

  it('lets the server copy of a message replace the one built from its ack', () => {
    const local = { ...message(4, 40, true), sentAt: '2026-01-01T00:00:00.000Z' };
    const merged = mergeMessages([local], [message(4, 40, true)]);
    expect(merged).toEqual([message(4, 40, true)]);
  });
});

describe('backoffDelay', () => {
  it('grows exponentially with jitter and stops at the ceiling', () => {
    expect(backoffDelay(1, 0)).toBe(BACKOFF.baseMs / 2);
    expect(backoffDelay(1, 0.999_999)).toBeLessThanOrEqual(BACKOFF.baseMs);
    expect(backoffDelay(3, 1)).toBe(BACKOFF.baseMs * 4);
    expect(backoffDelay(30, 1)).toBe(BACKOFF.maxMs);
    expect(backoffDelay(30, 0)).toBe(BACKOFF.maxMs / 2);
  });
});

describe('ChatClient', () => {
  it('keeps a message in the outbox until its ack, then shows it under its sequence number', () => {
    const { client, socket, welcome } = setUp();
    client.start();
    welcome([message(1, 1)]);
    const id = client.send('你好');
    expect(client.snapshot.outbox).toMatchObject([{ id, state: 'sending' }]);
    expect(socket().sent).toContainEqual({ type: 'message', id, body: '你好' });
    socket().deliver({ type: 'ack', id, seq: 2 });
    expect(client.snapshot.outbox).toEqual([]);
    expect(client.snapshot.messages.map((m) => [m.seq, m.body, m.mine])).toEqual([
      [1, 'm1', false],
      [2, '你好', true],
    ]);
  });

  it('after a lost connection asks for what it missed and resends unacknowledged messages', () => {
    const { client, clock, sockets, socket, welcome } = setUp();
    client.start();
    welcome([message(1, 1), message(2, 2)]);
    const id = client.send('still there?');
    socket().drop();
    expect(client.snapshot.connection).toBe('reconnecting');
    // Sent while disconnected: queued, not lost.
    const queued = client.send('and this');
    expect(sockets).toHaveLength(1);

    clock.advance(backoffDelay(1, 0.5));
    expect(sockets).toHaveLength(2);
    welcome([message(2, 2), message(3, 3)]);
    expect(client.snapshot.connection).toBe('open');
    expect(socket().sent).toEqual([
      { type: 'history', afterSeq: 2 },
      { type: 'message', id, body: 'still there?' },
      { type: 'message', id: queued, body: 'and this' },
    ]);

    // The server had stored the first before the drop: the same ack again, and its copy.
    socket().deliver({ type: 'ack', id, seq: 4 });
    socket().deliver({
      type: 'history',
      messages: [message(3, 3), message(4, Number(id.slice(-3)), true, 'still there?')],
    });
    socket().deliver({ type: 'ack', id: queued, seq: 5 });
    socket().deliver({
      type: 'message',
      message: message(5, Number(queued.slice(-3)), true, 'and this'),
    });
    expect(client.snapshot.messages.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(client.snapshot.outbox).toEqual([]);
  });

  it('waits longer after each failed attempt and resets once connected', () => {
    const { client, clock, sockets, welcome } = setUp();
    client.start();
    sockets[0]?.drop();
    expect(clock.pending()).toEqual([backoffDelay(1, 0.5)]);
    clock.advance(backoffDelay(1, 0.5));
    sockets[1]?.drop();
    expect(client.snapshot.attempt).toBe(2);
    expect(clock.pending()).toEqual([backoffDelay(2, 0.5)]);
    clock.advance(backoffDelay(2, 0.5));
    welcome();
    expect(client.snapshot.attempt).toBe(0);
    expect(client.snapshot.connection).toBe('open');
  });

  it('marks a refused message failed and lets the person retry it under the same id', () => {
    const { client, clock, socket, welcome } = setUp();
    client.start();
    welcome();
    const id = client.send('too fast');
    socket().deliver({ type: 'error', code: 'rate_limited', message: 'slow down', id });
    expect(client.snapshot.outbox).toMatchObject([{ id, state: 'failed', error: 'rate_limited' }]);
    expect(client.snapshot.lastError?.code).toBe('rate_limited');
    client.retry(id);
    expect(socket().sent.at(-1)).toEqual({ type: 'message', id, body: 'too fast' });
    // A failed message is not resent by itself after a reconnect: the person decides.
    socket().deliver({ type: 'error', code: 'rate_limited', message: 'slow down', id });
    socket().drop();
    clock.advance(backoffDelay(1, 0.5));
    welcome();
    expect(socket().sent.filter((frame) => frame.type === 'message')).toEqual([]);
  });

  it('replaces a socket that stopped answering pings', async () => {
    const { client, clock, sockets, socket, welcome } = setUp();
    client.start();
    await Promise.resolve();
    welcome();
    clock.advance(HEARTBEAT.intervalMs);
    expect(socket().sent.at(-1)).toEqual({ type: 'ping' });
    clock.advance(HEARTBEAT.deadAfterMs);
    expect(sockets[0]?.closed).toBe(true);
    expect(client.snapshot.connection).toBe('reconnecting');
  });

  it('tracks presence, typing and read receipts of the other party only', () => {
    const { client, socket, welcome } = setUp();
    client.start();
    welcome([], []);
    socket().deliver({ type: 'presence', role: 'counselor', present: true });
    socket().deliver({ type: 'typing', role: 'counselor', typing: true });
    socket().deliver({ type: 'read', role: 'counselor', seq: 3 });
    socket().deliver({ type: 'read', role: 'counselor', seq: 2 });
    expect(client.snapshot).toMatchObject({
      present: ['counselor'],
      peerTyping: true,
      peerReadUpToSeq: 3,
    });
    client.markRead(2);
    client.markRead(1);
    expect(socket().sent.filter((f) => f.type === 'read')).toEqual([{ type: 'read', seq: 2 }]);
    socket().deliver({ type: 'presence', role: 'counselor', present: false });
    expect(client.snapshot).toMatchObject({ present: [], peerTyping: false });
  });

  it('stops reconnecting once the room has ended', () => {
    const { client, clock, sockets, socket, welcome } = setUp();
    client.start();
    welcome();
    socket().deliver({ type: 'status', status: 'ended', endReason: 'completed' });
    expect(client.snapshot.connection).toBe('stopped');
    expect(client.snapshot.room?.endReason).toBe('completed');
    clock.advance(BACKOFF.maxMs * 2);
    expect(sockets).toHaveLength(1);
  });
});
