import { randomUUID } from 'node:crypto';
import type { ChatMessage, RoomRole } from '@anxin/common';
import type { AppContext } from '../../app-context.ts';
import { appendAuditBatch, type AuditEntry } from '../../platform/audit/audit.ts';
import type { RequestMeta } from '../../platform/audit/request-audit.ts';
import type { Db } from '../../platform/db/database.ts';
import type { VaultScope } from '../../platform/crypto/vault.ts';
import {
  allocateSeq,
  allocateSeqs,
  findSent,
  insertMessage,
  insertMessages,
  releaseSeq,
  type ChatMessageRow,
} from './chat.repo.ts';
import { screenMessage, type RiskLocale } from './risk-signal.ts';

/** The people of a room, as the chat needs them (whose key seals, who is which role). */
export interface ChatRoom {
  id: string;
  organizationId: string;
  clientUserId: string;
  counselorUserId: string;
}

export interface OutgoingMessage {
  room: ChatRoom;
  senderUserId: string;
  clientMessageId: string;
  body: string;
  locale: RiskLocale;
  meta: RequestMeta;
}

export type StoreResult =
  | { outcome: 'stored' | 'duplicate'; id: string; seq: number; sentAt: Date }
  | { outcome: 'closed' };

interface Pending {
  message: OutgoingMessage;
  resolve: (result: StoreResult) => void;
  reject: (err: unknown) => void;
}

export const bodyRef = (messageId: string) => ({
  table: 'chat_messages',
  field: 'body',
  recordId: messageId,
});

/**
 * Stores chat messages with group commit (ADR 0009), the pattern of audited reads (ADR 0006):
 * a message that finds the queue idle is written at once; messages arriving meanwhile, from any
 * room, share the next transaction. Each message in it gets its room's next sequence number, its
 * body sealed under the client's key, the risk screening and its own audit event, all committed
 * together; the audit events go in as one batch, so the organisation's audit head is locked once
 * per transaction instead of once per message. `store` resolves only after the commit: the ack
 * is never sent for a message that is not durable.
 */
export class ChatCommitter {
  private queue: Pending[] = [];
  private draining = 0;

  /**
   * `parallel` batches may be in flight: on a server database they overlap their message writes
   * and queue only on the audit head at their end. One sender never has two messages in flight
   * (its socket awaits each store), so a person's messages keep their order; rooms are locked in
   * id order and the head last, so batches cannot deadlock.
   */
  constructor(
    private readonly app: AppContext,
    private readonly parallel = 1,
    private readonly maxBatch = 200,
  ) {}

  store(message: OutgoingMessage): Promise<StoreResult> {
    return new Promise<StoreResult>((resolve, reject) => {
      this.queue.push({ message, resolve, reject });
      if (this.draining < this.parallel) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining += 1;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch);
        try {
          const results = await this.commit(batch.map((p) => p.message));
          batch.forEach((p, i) => p.resolve(results[i] as StoreResult));
        } catch (err) {
          if (batch.length === 1) {
            batch[0]?.reject(err);
            continue;
          }
          // One bad message (or a deadlock with another process) must not fail its neighbours:
          // retry each alone, so only the one that fails by itself is refused.
          for (const p of batch) {
            try {
              const [result] = await this.commit([p.message]);
              p.resolve(result as StoreResult);
            } catch (single) {
              p.reject(single);
            }
          }
        }
      }
    } finally {
      this.draining -= 1;
    }
  }

  private commit(messages: OutgoingMessage[]): Promise<StoreResult[]> {
    // Rooms are locked in one order (stable, so one room's messages keep theirs), so two
    // processes' batches cannot deadlock on each other's rooms.
    const order = messages
      .map((m, i) => ({ m, i }))
      .sort((a, b) => (a.m.room.id < b.m.room.id ? -1 : a.m.room.id > b.m.room.id ? 1 : 0));
    return this.app.database.db.transaction(async (tx) => {
      const results: StoreResult[] = new Array<StoreResult>(messages.length);
      const audits: AuditEntry[] = [];
      const scopes = new Map<string, VaultScope>();
      const scopeOf = (organizationId: string) => {
        let scope = scopes.get(organizationId);
        if (!scope) {
          scope = this.app.vault.scope(tx, organizationId);
          scopes.set(organizationId, scope);
        }
        return scope;
      };
      // Every client of the batch's rooms in one query, not one look-up per message.
      for (const organizationId of new Set(messages.map((m) => m.room.organizationId))) {
        await scopeOf(organizationId).preload(
          messages
            .filter((m) => m.room.organizationId === organizationId)
            .map((m) => ({ type: 'person' as const, id: m.room.clientUserId })),
        );
      }
      if (messages.length > 1) {
        await writeBatch(tx, scopeOf, order, results, audits);
      } else {
        for (const { m, i } of order) {
          results[i] = await writeOne(tx, scopeOf(m.room.organizationId), m, audits);
        }
      }
      if (audits.length) await appendAuditBatch(tx, this.app.vault.keyring.auditKey, audits);
      return results;
    });
  }
}

/**
 * A batch with one statement for its numbers and one for its rows. Anything unusual (a room that
 * ended, a resend whose id is already stored) throws, the transaction rolls back, and the caller
 * stores the batch's messages one by one: numbers stay contiguous, with no gap left by a resend.
 */
async function writeBatch(
  tx: Db,
  scopeOf: (organizationId: string) => VaultScope,
  order: readonly { m: OutgoingMessage; i: number }[],
  results: StoreResult[],
  audits: AuditEntry[],
): Promise<void> {
  const counts = new Map<string, number>();
  for (const { m } of order) counts.set(m.room.id, (counts.get(m.room.id) ?? 0) + 1);
  const last = await allocateSeqs(tx, counts);
  if (last.size !== counts.size) throw new Error('a room of the batch ended: store one by one');
  // Each room's first new number, then upward in the batch's (stable, per room) order.
  const next = new Map([...last].map(([id, n]) => [id, n - (counts.get(id) ?? 0)]));
  const written: { m: OutgoingMessage; i: number; id: string; seq: number; sentAt: Date }[] = [];
  const rows: Parameters<typeof insertMessages>[1] = [];
  for (const { m, i } of order) {
    const seq = (next.get(m.room.id) ?? 0) + 1;
    next.set(m.room.id, seq);
    const id = randomUUID();
    const sentAt = new Date();
    const bodyEnc = await scopeOf(m.room.organizationId).encrypt(
      { type: 'person', id: m.room.clientUserId },
      bodyRef(id),
      m.body,
    );
    rows.push({
      id,
      organizationId: m.room.organizationId,
      roomId: m.room.id,
      seq,
      senderUserId: m.senderUserId,
      clientMessageId: m.clientMessageId,
      bodyEnc,
      sentAt,
    });
    written.push({ m, i, id, seq, sentAt });
  }
  if ((await insertMessages(tx, rows)) !== rows.length) {
    throw new Error('a message of the batch was already stored: store one by one');
  }
  for (const { m, i, id, seq, sentAt } of written) {
    await screenMessage(tx, {
      organizationId: m.room.organizationId,
      subjectUserId: m.senderUserId,
      roomId: m.room.id,
      seq,
      text: m.body,
      locale: m.locale,
    });
    audits.push(messageAudit(m, id));
    results[i] = { outcome: 'stored', id, seq, sentAt };
  }
}

async function writeOne(
  tx: Db,
  scope: VaultScope,
  m: OutgoingMessage,
  audits: AuditEntry[],
): Promise<StoreResult> {
  // The common case is a new message: no look-up first. A resend (rare: after a reconnect)
  // conflicts on the sender's id; its number is given back and the stored one answered.
  const seq = await allocateSeq(tx, m.room.id);
  if (seq === undefined) {
    // Ended: a resend of a message stored before the end still gets its ack.
    const existing = await findSent(tx, m.room.id, m.senderUserId, m.clientMessageId);
    if (!existing) return { outcome: 'closed' };
    return { outcome: 'duplicate', id: existing.id, seq: existing.seq, sentAt: existing.sentAt };
  }
  const id = randomUUID();
  const sentAt = new Date();
  const bodyEnc = await scope.encrypt(
    { type: 'person', id: m.room.clientUserId },
    bodyRef(id),
    m.body,
  );
  const inserted = await insertMessage(tx, {
    id,
    organizationId: m.room.organizationId,
    roomId: m.room.id,
    seq,
    senderUserId: m.senderUserId,
    clientMessageId: m.clientMessageId,
    bodyEnc,
    sentAt,
  });
  if (!inserted) {
    await releaseSeq(tx, m.room.id, seq);
    const existing = await findSent(tx, m.room.id, m.senderUserId, m.clientMessageId);
    if (!existing) throw new Error('chat message conflicted but is not stored');
    return { outcome: 'duplicate', id: existing.id, seq: existing.seq, sentAt: existing.sentAt };
  }
  await screenMessage(tx, {
    organizationId: m.room.organizationId,
    subjectUserId: m.senderUserId,
    roomId: m.room.id,
    seq,
    text: m.body,
    locale: m.locale,
  });
  audits.push(messageAudit(m, id));
  return { outcome: 'stored', id, seq, sentAt };
}

/** The audit event of one stored message: who wrote it, about whom (the client). */
function messageAudit(m: OutgoingMessage, id: string): AuditEntry {
  return {
    organizationId: m.room.organizationId,
    actorId: m.meta.actorId,
    actorRole: m.meta.actorRole,
    requestId: m.meta.requestId,
    ip: m.meta.ip,
    action: 'chat_message.create',
    entityType: 'chat_message',
    entityId: id,
    subjectId: m.room.clientUserId,
  };
}

const committers = new WeakMap<object, ChatCommitter>();

/** The process's one committer per database: one queue, so batches never compete. */
export function chatCommitterFor(app: AppContext): ChatCommitter {
  let committer = committers.get(app.database);
  if (!committer) {
    // PGlite runs one statement at a time: parallel batches would only interleave.
    committer = new ChatCommitter(app, app.database.kind === 'postgres' ? 4 : 1);
    committers.set(app.database, committer);
  }
  return committer;
}

export function senderRole(room: ChatRoom, senderUserId: string): RoomRole {
  if (senderUserId === room.clientUserId) return 'client';
  if (senderUserId === room.counselorUserId) return 'counselor';
  return 'observer';
}

/** Opens stored rows for `viewerUserId`; a shredded client key reads as an empty body. */
export async function openMessages(
  app: AppContext,
  room: ChatRoom,
  rows: readonly ChatMessageRow[],
  viewerUserId: string,
): Promise<ChatMessage[]> {
  const scope = app.vault.scope(app.database.db, room.organizationId);
  const out: ChatMessage[] = [];
  for (const row of rows) {
    const body = await scope.decryptOrNull(
      { type: 'person', id: room.clientUserId },
      bodyRef(row.id),
      row.bodyEnc,
    );
    out.push({
      seq: row.seq,
      id: row.clientMessageId,
      senderRole: senderRole(room, row.senderUserId),
      mine: row.senderUserId === viewerUserId,
      body: body ?? '',
      sentAt: row.sentAt.toISOString(),
    });
  }
  return out;
}
