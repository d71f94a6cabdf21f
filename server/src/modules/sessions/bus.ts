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
  | { kind: 'status'; status: 'waiting' | 'in_progress' | 'ended'; endReason: string | null };

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
 */
export class PostgresRoomBus implements RoomBus {
  private readonly local = new LocalRooms();
  private readonly origin = randomUUID();
  private readonly partial = new Map<string, { parts: string[]; got: number; at: number }>();
  private listener: pg.Client | undefined;
  private publisher: pg.Client | undefined;
  private starting: Promise<void> | undefined;
  private closed = false;

  constructor(
    private readonly url: string,
    private readonly onError: (err: unknown) => void = () => undefined,
  ) {}

  /** Connects both clients; publish and subscribe call it, so a process that never chats never connects. */
  start(): Promise<void> {
    this.starting ??= this.connect();
    return this.starting;
  }

  private async connect(): Promise<void> {
    const listener = new pg.Client({ connectionString: this.url });
    const publisher = new pg.Client({ connectionString: this.url });
    listener.on('error', this.onError);
    publisher.on('error', this.onError);
    await Promise.all([listener.connect(), publisher.connect()]);
    listener.on('notification', (msg) => {
      if (msg.channel === ROOM_CHANNEL && msg.payload) this.receive(msg.payload);
    });
    await listener.query(`LISTEN ${ROOM_CHANNEL}`);
    this.listener = listener;
    this.publisher = publisher;
  }

  async publish(roomId: string, event: RoomEvent): Promise<void> {
    this.local.deliver(roomId, event);
    await this.start();
    const publisher = this.publisher;
    if (!publisher || this.closed) return;
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
    await this.starting?.catch(() => undefined);
    await Promise.all([this.listener?.end(), this.publisher?.end()]);
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
