import {
  serverFrameSchema,
  type ChatMessage,
  type ClientFrame,
  type Room,
  type RoomRole,
  type ServerFrame,
} from '@anxin/common';

/**
 * The room's socket, kept alive across network trouble without losing or doubling a message.
 *
 * Every message gets a client id (a UUID) before it is sent and stays in the outbox until the
 * server acknowledges that id with a sequence number. After a reconnect the client asks for what
 * it missed (`history` after the last sequence it holds) and sends the outbox again; the server
 * answers a repeated id with the same ack, so nothing is stored twice. Messages are kept by
 * sequence number, which makes every merge idempotent.
 *
 * The logic here is pure apart from the injected socket factory and clock, so tests drive it
 * frame by frame and tick by tick.
 */

/** What the client needs of a WebSocket. */
export interface ChatSocket {
  send(data: string): void;
  close(): void;
}

export interface SocketHandlers {
  onOpen: () => void;
  onMessage: (data: string) => void;
  /** Also called when the socket failed to open. */
  onClose: () => void;
}

export type SocketFactory = (handlers: SocketHandlers) => ChatSocket;

export interface Clock {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => {
    clearTimeout(handle as ReturnType<typeof setTimeout>);
  },
};

export type Connection = 'connecting' | 'open' | 'reconnecting' | 'stopped';

export type OutgoingState = 'sending' | 'failed';

/** A message of this person's not yet acknowledged. */
export interface Outgoing {
  id: string;
  body: string;
  state: OutgoingState;
  /** Why it failed (an error frame's code), when it did. */
  error: string | null;
  createdAt: number;
}

export type ErrorCode = Extract<ServerFrame, { type: 'error' }>['code'];

export interface ChatSnapshot {
  connection: Connection;
  /** Reconnect attempts since the socket was last open. */
  attempt: number;
  room: Room | null;
  /** The roles present besides this socket's person. */
  present: readonly RoomRole[];
  /** Acknowledged messages, by sequence number. */
  messages: readonly ChatMessage[];
  outbox: readonly Outgoing[];
  peerTyping: boolean;
  peerReadUpToSeq: number;
  /** The last refusal that was not about one message (rate limit without id, closed room…). */
  lastError: { code: ErrorCode; at: number } | null;
}

/** Signalling frames, handed on as they came. */
export type SignalListener = (from: RoomRole, signal: unknown) => void;

export interface ChatClientOptions {
  connect: SocketFactory;
  clock?: Clock;
  /** Client ids; crypto.randomUUID by default. */
  newId?: () => string;
  /** 0 ≤ x < 1, for the jitter of the backoff. */
  random?: () => number;
  onChange?: (snapshot: ChatSnapshot) => void;
  onSignal?: SignalListener;
  /** Every socket (re)join, after the welcome frame was taken in. */
  onWelcome?: (present: readonly RoomRole[]) => void;
  /** The other party came or went. */
  onPresence?: (role: RoomRole, present: boolean) => void;
}

export const BACKOFF = { baseMs: 500, maxMs: 15_000 } as const;
/** A ping this often; a socket silent for `deadAfterMs` is taken as dead and replaced. */
export const HEARTBEAT = { intervalMs: 20_000, deadAfterMs: 45_000 } as const;

/** Full jitter on an exponential curve: spreads reconnects after a server restart. */
export function backoffDelay(attempt: number, random: number): number {
  const ceiling = Math.min(BACKOFF.maxMs, BACKOFF.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random);
}

/** Messages by sequence number: incoming ones replace a held one with the same seq or id. */
export function mergeMessages(
  held: readonly ChatMessage[],
  incoming: readonly ChatMessage[],
): ChatMessage[] {
  if (incoming.length === 0) return [...held];
  const bySeq = new Map<number, ChatMessage>();
  for (const message of held) bySeq.set(message.seq, message);
  const incomingIds = new Set(incoming.map((message) => message.id));
  for (const [seq, message] of bySeq) if (incomingIds.has(message.id)) bySeq.delete(seq);
  for (const message of incoming) bySeq.set(message.seq, message);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/** The highest sequence number held, 0 for none. */
export function lastSeqOf(messages: readonly ChatMessage[]): number {
  return messages.at(-1)?.seq ?? 0;
}

const PERMANENT_ERRORS = new Set<ErrorCode>(['room_closed']);

export class ChatClient {
  private readonly connectSocket: SocketFactory;
  private readonly clock: Clock;
  private readonly newId: () => string;
  private readonly random: () => number;
  private readonly listeners: Pick<
    ChatClientOptions,
    'onChange' | 'onSignal' | 'onWelcome' | 'onPresence'
  >;

  private socket: ChatSocket | null = null;
  private welcomed = false;
  private retryTimer: unknown = null;
  private heartbeatTimer: unknown = null;
  private lastFrameAt = 0;
  private readSent = 0;
  private state: ChatSnapshot = {
    connection: 'connecting',
    attempt: 0,
    room: null,
    present: [],
    messages: [],
    outbox: [],
    peerTyping: false,
    peerReadUpToSeq: 0,
    lastError: null,
  };

  constructor(options: ChatClientOptions) {
    this.connectSocket = options.connect;
    this.clock = options.clock ?? realClock;
    this.newId = options.newId ?? (() => crypto.randomUUID());
    this.random = options.random ?? Math.random;
    this.listeners = options;
  }

  get snapshot(): ChatSnapshot {
    return this.state;
  }

  start(): void {
    if (this.socket || this.state.connection === 'stopped') return;
    this.open();
  }

  /** Closes for good (leaving the page, the room ended). */
  stop(): void {
    this.clearTimers();
    const socket = this.socket;
    this.socket = null;
    socket?.close();
    this.update({ connection: 'stopped', peerTyping: false });
  }

  /** Tries now instead of waiting out the backoff (the browser came back online). */
  reconnectNow(): void {
    if (this.state.connection !== 'reconnecting' || this.socket) return;
    this.clock.clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.open();
  }

  /** Queues a message and sends it if the socket is open; returns its client id. */
  send(body: string): string {
    const id = this.newId();
    const item: Outgoing = { id, body, state: 'sending', error: null, createdAt: this.clock.now() };
    this.update({ outbox: [...this.state.outbox, item] });
    if (this.welcomed) this.write({ type: 'message', id, body });
    return id;
  }

  /** Sends a failed message again under the same id (the server may have stored it after all). */
  retry(id: string): void {
    const item = this.state.outbox.find((entry) => entry.id === id);
    if (!item) return;
    this.replaceOutgoing(id, { state: 'sending', error: null });
    if (this.welcomed) this.write({ type: 'message', id, body: item.body });
  }

  /** Drops a failed message the person gave up on. */
  discard(id: string): void {
    this.update({ outbox: this.state.outbox.filter((entry) => entry.id !== id) });
  }

  typing(typing: boolean): void {
    if (this.welcomed) this.write({ type: 'typing', typing });
  }

  /** Tells the other party everything up to `seq` was shown; never goes backwards. */
  markRead(seq: number): void {
    if (seq <= this.readSent || !this.welcomed) return;
    this.readSent = seq;
    this.write({ type: 'read', seq });
  }

  signal(signal: Extract<ClientFrame, { type: 'signal' }>['signal']): boolean {
    if (!this.welcomed) return false;
    this.write({ type: 'signal', signal });
    return true;
  }

  /** Takes one frame as the socket delivered it; exposed for tests. */
  receive(data: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(data);
    } catch {
      return;
    }
    const result = serverFrameSchema.safeParse(parsed);
    if (!result.success) return;
    this.lastFrameAt = this.clock.now();
    this.handle(result.data);
  }

  private open(): void {
    this.welcomed = false;
    this.update({ connection: this.state.attempt === 0 ? 'connecting' : 'reconnecting' });
    let socket: ChatSocket | null = null;
    const current = () => socket !== null && this.socket === socket;
    socket = this.connectSocket({
      onOpen: () => {
        if (!current()) return;
        this.lastFrameAt = this.clock.now();
        this.scheduleHeartbeat();
      },
      onMessage: (data) => {
        if (current()) this.receive(data);
      },
      onClose: () => {
        if (current()) this.lost();
      },
    });
    this.socket = socket;
  }

  private lost(): void {
    this.socket = null;
    this.welcomed = false;
    this.clock.clearTimeout(this.heartbeatTimer);
    this.heartbeatTimer = null;
    if (this.state.connection === 'stopped') return;
    const attempt = this.state.attempt + 1;
    this.update({ connection: 'reconnecting', attempt, peerTyping: false });
    this.retryTimer = this.clock.setTimeout(
      () => {
        this.retryTimer = null;
        this.open();
      },
      backoffDelay(attempt, this.random()),
    );
  }

  private scheduleHeartbeat(): void {
    this.clock.clearTimeout(this.heartbeatTimer);
    this.heartbeatTimer = this.clock.setTimeout(() => {
      this.heartbeatTimer = null;
      if (!this.socket) return;
      if (this.clock.now() - this.lastFrameAt >= HEARTBEAT.deadAfterMs) {
        // A half-open connection (a phone changing networks) never closes by itself.
        const dead = this.socket;
        this.lost();
        dead.close();
        return;
      }
      this.write({ type: 'ping' });
      this.scheduleHeartbeat();
    }, HEARTBEAT.intervalMs);
  }

  private handle(frame: ServerFrame): void {
    switch (frame.type) {
      case 'welcome': {
        const had = lastSeqOf(this.state.messages);
        this.welcomed = true;
        this.readSent = 0;
        this.update({
          connection: frame.room.status === 'ended' ? 'stopped' : 'open',
          attempt: 0,
          room: frame.room,
          present: frame.present.filter((role) => role !== frame.room.role),
          messages: mergeMessages(this.state.messages, frame.history),
          peerReadUpToSeq: Math.max(this.state.peerReadUpToSeq, frame.peerReadUpToSeq),
          peerTyping: false,
        });
        // The welcome's history is only the recent part: ask for everything after what we held.
        if (had > 0) this.write({ type: 'history', afterSeq: had });
        for (const item of this.state.outbox) {
          if (item.state === 'sending')
            this.write({ type: 'message', id: item.id, body: item.body });
        }
        this.listeners.onWelcome?.(this.state.present);
        if (frame.room.status === 'ended') this.stop();
        return;
      }
      case 'ack': {
        const item = this.state.outbox.find((entry) => entry.id === frame.id);
        const known = this.state.messages.some((message) => message.seq === frame.seq);
        const incoming: ChatMessage[] =
          item && !known && this.state.room
            ? [
                {
                  seq: frame.seq,
                  id: item.id,
                  senderRole: this.state.room.role,
                  mine: true,
                  body: item.body,
                  sentAt: new Date(this.clock.now()).toISOString(),
                },
              ]
            : [];
        this.update({
          outbox: this.state.outbox.filter((entry) => entry.id !== frame.id),
          messages: mergeMessages(this.state.messages, incoming),
        });
        return;
      }
      case 'message':
        this.take([frame.message]);
        return;
      case 'history':
        this.take(frame.messages);
        return;
      case 'typing':
        if (frame.role !== this.state.room?.role) this.update({ peerTyping: frame.typing });
        return;
      case 'read':
        if (frame.role !== this.state.room?.role)
          this.update({ peerReadUpToSeq: Math.max(this.state.peerReadUpToSeq, frame.seq) });
        return;
      case 'presence': {
        if (frame.role === this.state.room?.role) return;
        const others = this.state.present.filter((role) => role !== frame.role);
        this.update({
          present: frame.present ? [...others, frame.role] : others,
          peerTyping: frame.present ? this.state.peerTyping : false,
        });
        this.listeners.onPresence?.(frame.role, frame.present);
        return;
      }
      case 'signal':
        this.listeners.onSignal?.(frame.from, frame.signal);
        return;
      case 'status': {
        const room = this.state.room;
        if (room) {
          const endReason = (frame.endReason ?? null) as Room['endReason'];
          this.update({ room: { ...room, status: frame.status, endReason } });
        }
        if (frame.status === 'ended') this.stop();
        return;
      }
      case 'error':
        if (frame.id) {
          this.replaceOutgoing(frame.id, { state: 'failed', error: frame.code });
        }
        if (!frame.id || frame.code !== 'message_too_long') {
          this.update({ lastError: { code: frame.code, at: this.clock.now() } });
        }
        if (PERMANENT_ERRORS.has(frame.code)) this.stop();
        return;
      case 'pong':
        return;
    }
  }

  /** Messages from the server; a message of ours settles its outbox entry too. */
  private take(messages: readonly ChatMessage[]): void {
    const ids = new Set(messages.map((message) => message.id));
    this.update({
      messages: mergeMessages(this.state.messages, messages),
      outbox: this.state.outbox.filter((entry) => !ids.has(entry.id)),
      peerTyping: messages.some((message) => !message.mine) ? false : this.state.peerTyping,
    });
  }

  private replaceOutgoing(id: string, patch: Partial<Outgoing>): void {
    this.update({
      outbox: this.state.outbox.map((entry) => (entry.id === id ? { ...entry, ...patch } : entry)),
    });
  }

  private write(frame: ClientFrame): void {
    this.socket?.send(JSON.stringify(frame));
  }

  private clearTimers(): void {
    this.clock.clearTimeout(this.retryTimer);
    this.clock.clearTimeout(this.heartbeatTimer);
    this.retryTimer = null;
    this.heartbeatTimer = null;
  }

  private update(patch: Partial<ChatSnapshot>): void {
    this.state = { ...this.state, ...patch };
    this.listeners.onChange?.(this.state);
  }
}

/** The socket's address on this origin (ws: or wss: as the page itself). */
export function socketUrl(roomId: string, location: Pick<Location, 'protocol' | 'host'>): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/api/v1/rooms/${encodeURIComponent(roomId)}/socket`;
}

/** The browser's WebSocket behind the factory interface. */
export function browserSocketFactory(url: string): SocketFactory {
  return ({ onOpen, onMessage, onClose }) => {
    const socket = new WebSocket(url);
    let closed = false;
    const closeOnce = () => {
      if (closed) return;
      closed = true;
      onClose();
    };
    socket.addEventListener('open', onOpen);
    socket.addEventListener('message', (event) => {
      if (typeof event.data === 'string') onMessage(event.data);
    });
    socket.addEventListener('close', closeOnce);
    socket.addEventListener('error', closeOnce);
    return {
      send: (data) => {
        if (socket.readyState === WebSocket.OPEN) socket.send(data);
      },
      close: () => {
        closed = true;
        socket.close();
      },
    };
  };
}
