import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { RoomRole } from '@anxin/common';

/**
 * What one server process tells the others about a room (ADR 0009). A chat message travels as
 * its sequence number only: receivers read the sealed row and decrypt it themselves, so message
 * text never passes through the bus. Typing, read receipts, presence and WebRTC signals are small
 * and carry their payload.
 */
export type RoomEvent =
  | { kind: 'message'; seq: number }
  | { kind: 'typing'; role: RoomRole; typing: boolean }
  | { kind: 'read'; role: RoomRole; seq: number }
  | { kind: 'presence'; role: RoomRole; present: boolean }
  | { kind: 'signal'; from: RoomRole; signal: unknown }
  | { kind: 'status'; status: 'waiting' | 'in_progress' | 'ended'; endReason: string | null }
  /**
   * Something published for the room may not have arrived (this process's listener was cut off,
   * or a publisher could not reach the database): its sockets read from the table what they
   * have not had, and the room's status again.
   */
  | { kind: 'resync' };

export type RoomEventHandler = (event: RoomEvent) => void;

export interface RoomBus {
  /** Delivers to this process's subscribers at once and to other processes' via the broker. */
  publish(roomId: string, event: RoomEvent): Promise<void>;
  /** Returns the unsubscribe function. */
  subscribe(roomId: string, handler: RoomEventHandler): () => void;
  close(): Promise<void>;
}

/** Handlers per room of this process; both implementations deliver locally through it. */
class LocalRooms {
  private readonly rooms = new Map<string, Set<RoomEventHandler>>();

  subscribe(roomId: string, handler: RoomEventHandler): () => void {
    let set = this.rooms.get(roomId);
    if (!set) this.rooms.set(roomId, (set = new Set()));
    set.add(handler);
    return () => {
      set.delete(handler);
      if (set.size === 0 && this.rooms.get(roomId) === set) this.rooms.delete(roomId);
    };
  }

  deliver(roomId: string, event: RoomEvent): void {
    for (const handler of this.rooms.get(roomId) ?? []) handler(event);
  }

  deliverEverywhere(event: RoomEvent): void {
    for (const roomId of [...this.rooms.keys()]) this.deliver(roomId, event);
  }
}

/** One process (the embedded database): the bus is a map of handlers. */
export class InProcessRoomBus implements RoomBus {
  private readonly local = new LocalRooms();

  async publish(roomId: string, event: RoomEvent): Promise<void> {
    this.local.deliver(roomId, event);
  }

  subscribe(roomId: string, handler: RoomEventHandler): () => void {
    return this.local.subscribe(roomId, handler);
  }

  async close(): Promise<void> {}
}

export const ROOM_CHANNEL = 'anxin_rooms';
/**
 * PostgreSQL refuses NOTIFY payloads of 8000 bytes or more. A WebRTC offer can be a few KB of
 * SDP (the contract allows up to 100 000 characters), so larger payloads go as numbered parts,
 * reassembled by the receivers. Parts are cut by characters and measured in UTF-8 bytes; a part
 * is then JSON-escaped inside the envelope, which at worst doubles it (quotes and backslashes),
 * so 3500 bytes stay under the limit with room for the envelope.
 */
export const NOTIFY_PART_BYTES = 3500;

interface Wire {
  /** The publishing process: it skips its own echo (it delivered locally already). */
  o: string;
  r: string;
  /** Parts: id, index, count; the event is the JSON of the joined parts. */
  p: string;
  i: number;
  n: number;
  d: string;
}

/**
 * Several processes on one PostgreSQL database: LISTEN/NOTIFY on one channel. One dedicated
 * connection per process listens; a second publishes, so this process's notifications go out
 * in the order it published them (a pool would interleave them across connections).
 *
 * A connection can be cut (a restart of the database, a network fault, an administrator's
 * `pg_terminate_backend`). NOTIFY keeps nothing for a listener that is gone, so the bus drops
 * both clients, connects again with backoff, and then has every local socket read what it
 * missed from the table; rooms whose publication failed meanwhile are told to do the same on
 * the other processes. Chat stays correct through the gap because the rows, not the
 * notifications, are the record.
 */
export class PostgresRoomBus implements RoomBus {
  private readonly local = new LocalRooms();
  /** This bus's id; its connections name themselves after it in `pg_stat_activity`. */
  readonly origin = randomUUID();
  private readonly partial = new Map<string, { parts: string[]; got: number; at: number }>();
  private listener: pg.Client | undefined;
  private publisher: pg.Client | undefined;
  private starting: Promise<void> | undefined;
  private closed = false;
  /** Increases with every connection attempt, so events of a dropped pair are ignored. */
  private generation = 0;
  private failures = 0;
  private connectedBefore = false;
  private retry: NodeJS.Timeout | undefined;
  /** Rooms whose notification could not go out while disconnected. */
  private readonly missed = new Set<string>();

  constructor(
    private readonly url: string,
    private readonly onError: (err: unknown) => void = () => undefined,
  ) {}

  /** Connects both clients; publish and subscribe call it, so a process that never chats never connects. */
  start(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.starting ??= this.connect().catch((err: unknown) => {
      this.starting = undefined;
      this.failures += 1;
      this.scheduleReconnect();
      throw err;
    });
    return this.starting;
  }

  /** True while both clients are connected and listening. */
  get connected(): boolean {
    return this.listener !== undefined && this.publisher !== undefined;
  }

  private async connect(): Promise<void> {
    const generation = ++this.generation;
    const listener = new pg.Client({
      connectionString: this.url,
      application_name: `anxin-room-listener ${this.origin.slice(0, 8)}`,
    });
    const publisher = new pg.Client({
      connectionString: this.url,
      application_name: `anxin-room-publisher ${this.origin.slice(0, 8)}`,
    });
    const lost = (err?: unknown): void => {
      if (err !== undefined) this.onError(err);
      this.drop(generation, listener, publisher);
    };
    listener.on('error', lost);
    publisher.on('error', lost);
    listener.on('end', () => lost());
    publisher.on('end', () => lost());
    listener.on('notification', (msg) => {
      if (msg.channel === ROOM_CHANNEL && msg.payload) this.receive(msg.payload);
    });
    try {
      await Promise.all([listener.connect(), publisher.connect()]);
      await listener.query(`LISTEN ${ROOM_CHANNEL}`);
    } catch (err) {
      this.generation += 1; // the pair's own 'end' events must not schedule a second attempt
      await Promise.allSettled([listener.end(), publisher.end()]);
      throw err;
    }
    if (this.closed || generation !== this.generation) {
      await Promise.allSettled([listener.end(), publisher.end()]);
      return;
    }
    this.listener = listener;
    this.publisher = publisher;
    this.failures = 0;
    if (this.connectedBefore) await this.afterReconnect();
    this.connectedBefore = true;
  }

  /** A live pair lost a connection: close the other one too and connect again. */
  private drop(generation: number, listener: pg.Client, publisher: pg.Client): void {
    if (generation !== this.generation || this.listener !== listener) return;
    this.generation += 1;
    this.listener = undefined;
    this.publisher = undefined;
    this.starting = undefined;
    void Promise.allSettled([listener.end(), publisher.end()]);
    if (!this.closed) this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed || this.retry) return;
    // 0, 100, 200, 400 ... ms, at most 5 s; unref'd so a reconnecting bus never keeps a process alive.
    const delay = this.failures === 0 ? 0 : Math.min(5_000, 100 * 2 ** (this.failures - 1));
    this.retry = setTimeout(() => {
      this.retry = undefined;
      this.start().catch(() => undefined); // a failure schedules the next attempt
    }, delay);
    this.retry.unref();
  }

  private async afterReconnect(): Promise<void> {
    // Ours: what the other processes published while we were not listening.
    this.local.deliverEverywhere({ kind: 'resync' });
    // Theirs: what we could not publish to them.
    const rooms = [...this.missed];
    this.missed.clear();
    for (const roomId of rooms) await this.send(roomId, { kind: 'resync' });
  }

  async publish(roomId: string, event: RoomEvent): Promise<void> {
    this.local.deliver(roomId, event);
    if (this.closed) return;
    try {
      await this.start();
      await this.send(roomId, event);
    } catch (err) {
      // Not the caller's failure: the message is stored, and the peers read it on resync.
      if (event.kind === 'message' || event.kind === 'status') this.missed.add(roomId);
      this.onError(err);
    }
  }

  private async send(roomId: string, event: RoomEvent): Promise<void> {
    const publisher = this.publisher;
    if (!publisher) throw new Error('room bus is not connected');
    const parts = splitByBytes(JSON.stringify(event), NOTIFY_PART_BYTES);
    const id = randomUUID();
    for (const [i, d] of parts.entries()) {
      const wire: Wire = { o: this.origin, r: roomId, p: id, i, n: parts.length, d };
      await publisher.query('SELECT pg_notify($1, $2)', [ROOM_CHANNEL, JSON.stringify(wire)]);
    }
  }

  subscribe(roomId: string, handler: RoomEventHandler): () => void {
    void this.start().catch(this.onError);
    return this.local.subscribe(roomId, handler);
  }

  private receive(payload: string): void {
    let wire: Wire;
    try {
      wire = JSON.parse(payload) as Wire;
    } catch {
      return;
    }
    if (wire.o === this.origin) return; // delivered locally when published
    let text = wire.d;
    if (wire.n > 1) {
      const now = Date.now();
      // Parts of a publisher that died mid-way are dropped after a minute.
      for (const [key, p] of this.partial) if (now - p.at > 60_000) this.partial.delete(key);
      const entry = this.partial.get(wire.p) ?? { parts: [], got: 0, at: now };
      if (entry.parts[wire.i] === undefined) entry.got += 1;
      entry.parts[wire.i] = wire.d;
      this.partial.set(wire.p, entry);
      if (entry.got < wire.n) return;
      this.partial.delete(wire.p);
      text = entry.parts.join('');
    }
    try {
      this.local.deliver(wire.r, JSON.parse(text) as RoomEvent);
    } catch (err) {
      this.onError(err);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    this.retry = undefined;
    await this.starting?.catch(() => undefined);
    const clients = [this.listener, this.publisher].filter((c) => c !== undefined);
    this.listener = undefined;
    this.publisher = undefined;
    this.generation += 1;
    await Promise.allSettled(clients.map((c) => c.end()));
  }
}

/** Cuts `text` into pieces of at most `maxBytes` UTF-8 bytes, never inside a character. */
export function splitByBytes(text: string, maxBytes: number): string[] {
  const parts: string[] = [];
  let current = '';
  let bytes = 0;
  for (const ch of text) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (bytes + size > maxBytes) {
      parts.push(current);
      current = '';
      bytes = 0;
    }
    current += ch;
    bytes += size;
  }
  parts.push(current);
  return parts;
}
