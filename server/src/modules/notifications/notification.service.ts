import { randomUUID } from 'node:crypto';
import { localeSchema, type Locale } from '@anxin/common';
import { z } from 'zod';
import type { KeyOwner, VaultScope } from '../../platform/crypto/vault.ts';
import type { Db } from '../../platform/db/database.ts';
import { PermanentDeliveryError } from './delivery-error.ts';
import {
  countUnreadInApp,
  insertOutboxRow,
  selectInApp,
  selectOutboxPage,
  updateReadAt,
  type OutboxRow,
} from './notification.repo.ts';
import {
  renderNotification,
  type NotificationChannel,
  type TemplateName,
  type TemplateParams,
} from './notification.templates.ts';

type Addressed =
  { channel: 'email' | 'sms'; to: string } | { channel: 'in_app'; to?: undefined; userId: string };

export type EnqueueInput<T extends TemplateName> = {
  organizationId: string;
  /** The account the message is about or for; required for in-app messages (their reader). */
  userId?: string | null;
  /** Whose data key encrypts it: the recipient's, or the organisation's before they have an account. */
  keyOwner: MessageKeyOwner;
  template: T;
  params: TemplateParams[T];
  locale: Locale;
  /** E-mail only (an .ics invitation): sealed with the message, so they are as private as it. */
  attachments?: readonly MessageAttachment[] | undefined;
} & Addressed;

const TABLE = 'notification_outbox';
const ref = (field: 'recipient' | 'payload', recordId: string) => ({
  table: TABLE,
  field,
  recordId,
});

const attachmentSchema = z.object({
  filename: z.string().min(1).max(100),
  contentType: z.string().min(1).max(100),
  content: z.string(),
});
export type MessageAttachment = z.infer<typeof attachmentSchema>;

/** What payload_enc holds: the message as rendered when the change committed. */
const payloadSchema = z.object({
  locale: localeSchema,
  subject: z.string(),
  text: z.string(),
  attachments: z.array(attachmentSchema).optional(),
});
type Payload = z.infer<typeof payloadSchema>;

// Address fields go into mail headers or an SMS API: control characters have no place there.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * Writes one message to the outbox on the caller's transaction (`vault` must be scoped on that
 * same `tx`), so it exists only if the change that causes it commits. The message is rendered now (what is sent is what the change
 * meant to say) and stored encrypted with its recipient. Returns the outbox row id. Call
 * `triggerDelivery` after the commit to send it without waiting for the sweep.
 */
export async function enqueueNotification<T extends TemplateName>(
  tx: Db,
  vault: VaultScope,
  input: EnqueueInput<T>,
): Promise<string> {
  // Mismatches here are programming errors, so they throw plainly rather than as AppErrors.
  if (vault.organizationId !== input.organizationId) {
    throw new Error('enqueueNotification: the vault scope belongs to another organisation');
  }
  if (input.channel !== 'in_app' && (!input.to.trim() || CONTROL.test(input.to))) {
    throw new Error(`enqueueNotification: a ${input.channel} message needs a valid recipient`);
  }
  if (input.attachments?.length && input.channel !== 'email') {
    throw new Error('enqueueNotification: only e-mail carries attachments');
  }
  if (input.channel === 'in_app' && !input.userId) {
    throw new Error('enqueueNotification: an in-app message needs a userId');
  }
  const id = randomUUID(); // made here, not by the database: the ciphertexts are bound to it
  const rendered = renderNotification(input.locale, input.template, input.params, input.channel);
  const payload: Payload = {
    locale: input.locale,
    ...rendered,
    ...(input.attachments?.length ? { attachments: [...input.attachments] } : {}),
  };
  await insertOutboxRow(tx, {
    id,
    organizationId: input.organizationId,
    userId: input.userId ?? null,
    channel: input.channel,
    template: input.template,
    keyOwnerType: input.keyOwner.type,
    keyOwnerId: input.keyOwner.id,
    recipientEnc:
      input.channel === 'in_app'
        ? null
        : await vault.encrypt(input.keyOwner, ref('recipient', id), input.to.trim()),
    payloadEnc: await vault.encrypt(input.keyOwner, ref('payload', id), JSON.stringify(payload)),
  });
  return id;
}

/** A message belongs to a person or the organisation, never to a seal. */
export type MessageKeyOwner = KeyOwner & { type: 'person' | 'organization' };

export interface OpenedMessage {
  to: string | null;
  locale: Locale;
  subject: string;
  text: string;
  attachments?: MessageAttachment[] | undefined;
}

/**
 * Decrypts a row. Returns null when the key owner was erased (crypto-shredded): the message is
 * gone with the person. A payload that does not parse cannot be fixed by retrying.
 */
export async function openOutboxRow(
  vault: VaultScope,
  row: OutboxRow,
): Promise<OpenedMessage | null> {
  const owner: KeyOwner = { type: row.keyOwnerType, id: row.keyOwnerId };
  const json = await vault.decryptOrNull(owner, ref('payload', row.id), row.payloadEnc);
  if (json === null) return null;
  const to = await vault.decryptOrNull(owner, ref('recipient', row.id), row.recipientEnc);
  let parsed: ReturnType<typeof payloadSchema.safeParse>;
  try {
    parsed = payloadSchema.safeParse(JSON.parse(json));
  } catch {
    throw new PermanentDeliveryError('payload_invalid');
  }
  if (!parsed.success) throw new PermanentDeliveryError('payload_invalid');
  return { to, ...parsed.data };
}

export interface InAppNotification {
  id: string;
  template: string;
  subject: string;
  text: string;
  createdAt: Date;
  readAt: Date | null;
}

const clampLimit = (limit: number) => Math.min(Math.max(Math.trunc(limit) || 1, 1), 200);

/** A person's in-app messages, newest first. Messages of an erased key owner are left out. */
export async function listInApp(
  db: Db,
  vault: VaultScope,
  userId: string,
  options: { limit: number },
): Promise<InAppNotification[]> {
  const rows = await selectInApp(db, vault.organizationId, userId, clampLimit(options.limit));
  const out: InAppNotification[] = [];
  for (const row of rows) {
    const message = await openOutboxRow(vault, row).catch((err: unknown) => {
      // One unreadable message must not hide the others.
      if (err instanceof PermanentDeliveryError) return null;
      throw err;
    });
    if (!message) continue;
    const { id, template, createdAt, readAt } = row;
    out.push({ id, template, subject: message.subject, text: message.text, createdAt, readAt });
  }
  return out;
}

export function countUnread(db: Db, organizationId: string, userId: string): Promise<number> {
  return countUnreadInApp(db, organizationId, userId);
}

/**
 * Marks one of the person's own in-app messages read. False when there is no such message for
 * them: the route answers 404 alike for someone else's message and a missing one.
 */
export function markRead(
  db: Db,
  organizationId: string,
  userId: string,
  notificationId: string,
): Promise<boolean> {
  return updateReadAt(db, organizationId, userId, notificationId);
}

export interface DevelopmentOutboxEntry {
  id: string;
  userId: string | null;
  channel: NotificationChannel;
  template: string;
  /** null when the key owner was erased */
  to: string | null;
  subject: string | null;
  text: string | null;
  status: OutboxRow['status'];
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
  readAt: Date | null;
}

export class OutboxNotAvailableError extends Error {
  constructor() {
    super('the decrypted outbox is available in development only');
    this.name = 'OutboxNotAvailableError';
  }
}

/**
 * The outbox in clear, for the development-mode page where one reads the codes and links that
 * would have been mailed. Refuses outside development: in production it would show every
 * message's recipient and secret to whoever can open the page.
 */
export async function listOutboxForDevelopment(
  db: Db,
  vault: VaultScope,
  organizationId: string,
  options: { limit: number; env: 'development' | 'production' },
): Promise<DevelopmentOutboxEntry[]> {
  if (options.env !== 'development') throw new OutboxNotAvailableError();
  if (vault.organizationId !== organizationId) {
    throw new Error('listOutboxForDevelopment: the vault scope belongs to another organisation');
  }
  const rows = await selectOutboxPage(db, organizationId, clampLimit(options.limit));
  const out: DevelopmentOutboxEntry[] = [];
  for (const row of rows) {
    let message: OpenedMessage | null = null;
    try {
      message = await openOutboxRow(vault, row);
    } catch (err) {
      if (!(err instanceof PermanentDeliveryError)) throw err;
    }
    out.push({
      id: row.id,
      userId: row.userId,
      channel: row.channel,
      template: row.template,
      to: message?.to ?? null,
      subject: message?.subject ?? null,
      text: message?.text ?? null,
      status: row.status,
      attempts: row.attempts,
      lastError: row.lastError,
      createdAt: row.createdAt,
      sentAt: row.sentAt,
      readAt: row.readAt,
    });
  }
  return out;
}
