import {
  CHAT_LIMITS,
  clientFrameSchema,
  type ChatMessage,
  type ClientFrame,
  type RoomRole,
  type ServerFrame,
} from '@anxin/common';
import type { FastifyBaseLogger } from 'fastify';
import type { WebSocket } from '@fastify/websocket';
import type { AppContext } from '../../app-context.ts';
import { auditRead, type RequestMeta } from '../../platform/audit/request-audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { roomBusFor } from './bus.registry.ts';
import type { RoomEvent } from './bus.ts';
import { chatRateLimiterFor, RecentMessages } from './chat.limits.ts';
import { markRead, messagesAfter, participants, recentMessages, roomStatus } from './chat.repo.ts';
import { chatCommitterFor, openMessages, senderRole, type ChatRoom } from './chat.service.ts';
import type { RiskLocale } from './risk-signal.ts';
import { presentRoom, recordJoin, recordLeave, type RoomAccess } from './room.service.ts';

/** Messages sent with the welcome, and at most per `history` answer. */
export const HISTORY_LIMIT = 100;
const HISTORY_PAGE = 500;

interface Recent {
  clientMessageId: string;
  senderUserId: string;
  body: string;
  sentAt: Date;
}

const recent = new RecentMessages<Recent>();

export interface ConnectionDeps {
  app: AppContext;
  access: RoomAccess;
  actor: Actor;
  meta: RequestMeta;
  locale: RiskLocale;
  log: FastifyBaseLogger;
}

/**
 * One person's socket in one room. Frames out to the socket go through one queue, in order;
 * chat messages are numbered per room and this socket delivers each number once, filling any gap
 * from the database first (a message stored by another process, or while this socket was being
 * set up), so the person sees the room's messages in order, without holes or repeats.
 */
export class RoomConnection {
  private readonly room: ChatRoom;
  private readonly role: RoomRole;
  private delivered = 0;
  private outbox: Promise<void> = Promise.resolve();
  private inbox: Promise<void> = Promise.resolve();
  private readonly sentHere = new Set<string>();
  private unsubscribe: () => void = () => undefined;
  private readonly joinedAt = Date.now();
  private closed = false;

  constructor(
    private readonly socket: WebSocket,
    private readonly deps: ConnectionDeps,
  ) {
    const r = deps.access.room;
    this.room = {
      id: r.id,
      organizationId: r.organizationId,
      clientUserId: r.clientUserId,
      counselorUserId: r.counselorUserId,
    };
    this.role = deps.access.role;
  }

  async start(): Promise<void> {
    const { app, access, actor } = this.deps;
    const bus = roomBusFor(app);
    // Subscribe before reading the history: whatever is stored meanwhile arrives as an event,
    // and the numbering removes what the history already held.
    this.unsubscribe = bus.subscribe(this.room.id, (event) => this.onEvent(event));
    this.socket.on('message', (data: Buffer, isBinary: boolean) => {
      this.inbox = this.inbox.then(() => this.onFrame(isBinary ? '' : data.toString('utf8')));
    });
    this.socket.on('close', () => void this.onClose());
    // recordJoin announces the start when this arrival starts the session.
    await recordJoin(app, access, actor, this.deps.meta);
    const rows = await recentMessages(app.database.db, this.room.id, HISTORY_LIMIT);
    const history = await this.open(rows);
    const people = await participants(app.database.db, this.room.id);
    const present = new Set<RoomRole>([this.role]);
    let peerRead = 0;
    for (const p of people) {
      const here = !p.lastLeftAt || p.lastJoinedAt > p.lastLeftAt;
      if (here) present.add(p.role);
      if (p.userId !== actor.userId && p.role !== 'observer')
        peerRead = Math.max(peerRead, p.readUpToSeq);
    }
    this.enqueue(async () => {
      this.delivered = Math.max(this.delivered, history.at(-1)?.seq ?? 0);
      this.send({
        type: 'welcome',
        room: presentRoom(access, app.config),
        present: [...present],
        history,
        peerReadUpToSeq: peerRead,
      });
    });
    await bus.publish(this.room.id, { kind: 'presence', role: this.role, present: true });
  }

  // ------------------------------------------------------------------ incoming frames

  private async onFrame(text: string): Promise<void> {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      this.error('invalid_frame', 'A frame is a JSON object.');
      return;
    }
    // Too long is its own answer (with the id), not a malformed frame.
    if (isOverlongMessage(raw)) {
      this.error(
        'message_too_long',
        `A message has at most ${CHAT_LIMITS.maxMessageLength} characters.`,
        (raw as { id?: string }).id,
      );
      return;
    }
    const parsed = clientFrameSchema.safeParse(raw);
    if (!parsed.success) {
      this.error('invalid_frame', 'The frame is not understood.');
      return;
    }
    try {
      await this.handle(parsed.data);
    } catch (err) {
      this.deps.log.error({ err, roomId: this.room.id }, 'room socket frame failed');
      this.error('internal', 'The frame could not be handled.', messageIdOf(parsed.data));
    }
  }

  private async handle(frame: ClientFrame): Promise<void> {
    const { app, actor } = this.deps;
    const bus = roomBusFor(app);
    switch (frame.type) {
      case 'message':
        return this.onMessage(frame.id, frame.body);
      case 'history': {
        const rows = await messagesAfter(
          app.database.db,
          this.room.id,
          frame.afterSeq,
          HISTORY_PAGE,
        );
        const messages = await this.open(rows);
        this.enqueue(async () => this.send({ type: 'history', messages }));
        return;
      }
      case 'typing':
        return bus.publish(this.room.id, { kind: 'typing', role: this.role, typing: frame.typing });
      case 'read':
        await markRead(app.database.db, this.room.id, actor.userId, frame.seq);
        return bus.publish(this.room.id, { kind: 'read', role: this.role, seq: frame.seq });
      case 'signal':
        // Relayed, never stored: WebRTC offers, answers and candidates are for the peer only.
        return bus.publish(this.room.id, { kind: 'signal', from: this.role, signal: frame.signal });
      case 'ping':
        this.enqueue(async () => this.send({ type: 'pong' }));
        return;
    }
  }

  private async onMessage(id: string, body: string): Promise<void> {
    const { app, actor, meta, locale } = this.deps;
    if (!chatRateLimiterFor(app).take(this.room.id, actor.userId)) {
      this.error(
        'rate_limited',
        `At most ${CHAT_LIMITS.maxMessagesPerWindow} messages in ${CHAT_LIMITS.rateWindowSeconds} seconds.`,
        id,
      );
      return;
    }
    const result = await chatCommitterFor(app).store({
      room: this.room,
      senderUserId: actor.userId,
      clientMessageId: id,
      body,
      locale,
      meta,
    });
    if (result.outcome === 'closed') {
      this.error('room_closed', 'The session has ended.', id);
      return;
    }
    if (result.outcome === 'duplicate') chatRateLimiterFor(app).refund(this.room.id, actor.userId);
    this.sentHere.add(id);
    if (result.outcome === 'stored') {
      recent.set(this.room.id, result.seq, {
        clientMessageId: id,
        senderUserId: actor.userId,
        body,
        sentAt: result.sentAt,
      });
    }
    // The ack goes out at once, not behind deliveries queued for this socket.
    this.send({ type: 'ack', id, seq: result.seq });
    // A resend is published again: a peer that missed it (its sender's process died between the
    // commit and the publication) gets it now; everyone else already has that number.
    await roomBusFor(app).publish(this.room.id, { kind: 'message', seq: result.seq });
  }

  // ------------------------------------------------------------------ events from the room

  private onEvent(event: RoomEvent): void {
    switch (event.kind) {
      case 'message':
        this.enqueue(() => this.deliverUpTo(event.seq));
        return;
      case 'typing':
        if (event.role !== this.role)
          this.enqueue(async () =>
            this.send({ type: 'typing', role: event.role, typing: event.typing }),
          );
        return;
      case 'read':
        if (event.role !== this.role)
          this.enqueue(async () => this.send({ type: 'read', role: event.role, seq: event.seq }));
        return;
      case 'presence':
        if (event.role !== this.role)
          this.enqueue(async () =>
            this.send({ type: 'presence', role: event.role, present: event.present }),
          );
        return;
      case 'signal':
        if (event.from !== this.role)
          this.enqueue(async () =>
            this.send({ type: 'signal', from: event.from, signal: event.signal }),
          );
        return;
      case 'status':
        this.enqueue(async () => {
          this.send({ type: 'status', status: event.status, endReason: event.endReason });
          if (event.status === 'ended') this.socket.close(1000, 'session ended');
        });
        return;
      case 'resync':
        this.enqueue(() => this.resync());
        return;
    }
  }

  /** After a gap on the bus: every stored message this socket has not had, then the status. */
  private async resync(): Promise<void> {
    for (;;) {
      const target = this.delivered + HISTORY_PAGE;
      await this.deliverUpTo(target);
      if (this.delivered < target) break;
    }
    const current = await roomStatus(this.deps.app.database.db, this.room.id);
    if (!current) return;
    this.send({ type: 'status', status: current.status, endReason: current.endReason });
    if (current.status === 'ended') this.socket.close(1000, 'session ended');
  }

  /** Sends every message up to `seq` this socket has not had, in order. */
  private async deliverUpTo(seq: number): Promise<void> {
    if (seq <= this.delivered) return;
    const cached = seq === this.delivered + 1 ? recent.get(this.room.id, seq) : undefined;
    let messages: ChatMessage[];
    if (cached) {
      messages = [
        {
          seq,
          id: cached.clientMessageId,
          senderRole: senderRole(this.room, cached.senderUserId),
          mine: cached.senderUserId === this.deps.actor.userId,
          body: cached.body,
          sentAt: cached.sentAt.toISOString(),
        },
      ];
    } else {
      const rows = await messagesAfter(
        this.deps.app.database.db,
        this.room.id,
        this.delivered,
        seq - this.delivered,
      );
      messages = await this.open(rows, false);
    }
    for (const message of messages) {
      if (message.seq <= this.delivered) continue;
      this.delivered = message.seq;
      // The sender's own socket has the ack; its other sockets (another tab) get the message.
      if (message.mine && this.sentHere.has(message.id)) continue;
      this.send({ type: 'message', message });
    }
  }

  /**
   * Opens stored messages for this person. Reading the history is an audited read; a message
   * delivered live is not audited again (its write was, and it goes to the people in the room).
   */
  private async open(rows: Parameters<typeof openMessages>[2], audited = true) {
    const { app, meta, actor } = this.deps;
    if (audited && rows.length > 0) {
      await auditRead(app, meta, {
        organizationId: this.room.organizationId,
        action: 'chat_message.read',
        entityType: 'session_room',
        entityId: this.room.id,
        subjectId: this.room.clientUserId,
      });
    }
    return openMessages(app, this.room, rows, actor.userId);
  }

  // ------------------------------------------------------------------ plumbing

  private enqueue(task: () => Promise<void>): void {
    this.outbox = this.outbox.then(task).catch((err: unknown) => {
      this.deps.log.error({ err, roomId: this.room.id }, 'room socket delivery failed');
    });
  }

  private send(frame: ServerFrame): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(JSON.stringify(frame));
  }

  private error(
    code: Extract<ServerFrame, { type: 'error' }>['code'],
    message: string,
    id?: string,
  ): void {
    const validId = typeof id === 'string' && UUID.test(id) ? id : undefined;
    this.send({ type: 'error', code, message, ...(validId ? { id: validId } : {}) });
  }

  private async onClose(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribe();
    const { app, access, actor, log } = this.deps;
    const seconds = Math.round((Date.now() - this.joinedAt) / 1000);
    try {
      await recordLeave(app, access, actor, seconds, this.deps.meta);
      await roomBusFor(app).publish(this.room.id, {
        kind: 'presence',
        role: this.role,
        present: false,
      });
    } catch (err) {
      log.error({ err, roomId: this.room.id }, 'room socket leave failed');
    }
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isOverlongMessage(raw: unknown): boolean {
  if (typeof raw !== 'object' || raw === null) return false;
  const frame = raw as { type?: unknown; body?: unknown };
  return (
    frame.type === 'message' &&
    typeof frame.body === 'string' &&
    frame.body.length > CHAT_LIMITS.maxMessageLength
  );
}

function messageIdOf(frame: ClientFrame): string | undefined {
  return frame.type === 'message' ? frame.id : undefined;
}
