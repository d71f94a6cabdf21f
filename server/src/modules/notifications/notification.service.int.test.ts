import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ephemeralKeyring } from '../../platform/crypto/keyring.ts';
import { Vault, type KeyOwner } from '../../platform/crypto/vault.ts';
import type { Database } from '../../platform/db/database.ts';
import { notificationOutbox } from '../../platform/db/schema/index.ts';
import { openTestDatabase } from '../../test/test-database.ts';
import { ensureDefaultOrganization } from '../organizations/organization.service.ts';
import { deliverPending, type DeliveryOptions } from './notification-delivery.job.ts';
import {
  countUnread,
  enqueueNotification,
  listInApp,
  listOutboxForDevelopment,
  markRead,
  OutboxNotAvailableError,
  type EnqueueInput,
} from './notification.service.ts';
import type { TemplateName } from './notification.templates.ts';
import { createSenders } from './senders/create-senders.ts';
import type { Senders } from './senders/message-sender.ts';

const from = '安心 Anxin <no-reply@anxin.test>';
const log = pino({ level: 'silent' });

/** Senders that must not be called, or that always fail the way an SMTP server refusing would. */
function fakeSenders(behaviour: 'never' | 'reject'): Senders {
  const send = async () => {
    if (behaviour === 'never') throw new Error('a sender was called');
    throw Object.assign(new Error('550 <x@example.com> rejected'), { code: 'EENVELOPE' });
  };
  const close = async () => {};
  return { email: { channel: 'email', send, close }, sms: { channel: 'sms', send, close }, close };
}

describe('the notification outbox (this backend)', () => {
  let database: Database;
  let organizationId: string;
  const vault = new Vault(ephemeralKeyring());
  const person = (): KeyOwner => ({ type: 'person', id: randomUUID() });

  beforeAll(async () => {
    database = await openTestDatabase();
    const org = await ensureDefaultOrganization(database.db, { name: '安心', timeZone: 'UTC' });
    organizationId = org.id;
  });
  afterAll(() => database.close());
  // deliverPending works on every pending row: each test starts from an empty outbox.
  beforeEach(async () => {
    await database.db.delete(notificationOutbox);
  });

  const enqueue = <T extends TemplateName>(input: EnqueueInput<T>) =>
    database.db.transaction((tx) =>
      enqueueNotification(tx, vault.scope(tx, organizationId), input),
    );
  const deliver = (senders: Senders, extra: Partial<DeliveryOptions> = {}) =>
    deliverPending({ database, log }, { senders, vault, ...extra });
  const rowOf = async (id: string) =>
    (await database.db.select().from(notificationOutbox).where(eq(notificationOutbox.id, id)))[0];
  const locked = (userId: string, minutes: number) =>
    enqueue({
      organizationId,
      channel: 'in_app',
      userId,
      keyOwner: { type: 'person', id: userId },
      template: 'sign_in_locked',
      params: { minutes },
      locale: 'en',
    });

  it('lists a person’s in-app messages, newest first, and marks them read', async () => {
    const userId = randomUUID();
    const first = await locked(userId, 15);
    const second = await locked(userId, 30);
    await locked(randomUUID(), 45); // someone else's

    const list = await listInApp(database.db, vault.scope(database.db, organizationId), userId, {
      limit: 10,
    });
    expect(list.map((n) => n.id)).toEqual([second, first]);
    expect(list[0]).toMatchObject({
      template: 'sign_in_locked',
      subject: 'Sign-in to your Anxin account is paused',
      readAt: null,
    });
    expect(list[0]?.text).toContain('for 30 minutes');
    expect(await countUnread(database.db, organizationId, userId)).toBe(2);

    expect(await markRead(database.db, organizationId, userId, first)).toBe(true);
    const readAt = (await rowOf(first))?.readAt;
    expect(readAt).toBeInstanceOf(Date);
    expect(await markRead(database.db, organizationId, userId, first)).toBe(true);
    expect((await rowOf(first))?.readAt).toEqual(readAt); // the first reading stays
    expect(await countUnread(database.db, organizationId, userId)).toBe(1);
  });

  it('does not let anyone mark another person’s message', async () => {
    const owner = randomUUID();
    const id = await locked(owner, 15);
    expect(await markRead(database.db, organizationId, randomUUID(), id)).toBe(false);
    expect(await markRead(database.db, randomUUID(), owner, id)).toBe(false);
    expect(await markRead(database.db, organizationId, owner, randomUUID())).toBe(false);
    expect((await rowOf(id))?.readAt).toBeNull();
  });

  it('delivers in-app messages by marking them sent, without a sender', async () => {
    const id = await locked(randomUUID(), 15);
    const report = await deliver(fakeSenders('never'));
    expect(report).toMatchObject({ inApp: 1, sent: 0, failed: 0 });
    expect(await rowOf(id)).toMatchObject({ status: 'sent', attempts: 0 });
  });

  it('prints e-mail to the console sender in development', async () => {
    const out: string[] = [];
    const senders = createSenders(
      { env: 'development', mail: { smtpUrl: undefined, from } },
      { write: (text: string) => out.push(text) },
    );
    const id = await enqueue({
      organizationId,
      channel: 'email',
      to: 'zhang.wei@example.com',
      keyOwner: { type: 'organization', id: organizationId },
      template: 'invitation',
      params: {
        link: 'http://127.0.0.1:3000/invite#t=abc',
        organizationName: '安心',
        roles: ['counselor'],
        hours: 72,
      },
      locale: 'zh-CN',
    });
    expect(await deliver(senders)).toMatchObject({ sent: 1 });
    const printed = out.join('');
    expect(printed).toContain('│ E-MAIL (development: printed here, not sent)');
    expect(printed).toContain('│ To: zhang.wei@example.com');
    expect(printed).toContain('│ Subject: 安心邀请你加入安心');
    expect(printed).toContain('安心邀请你以「咨询师」身份加入安心');
    expect(printed).toContain('http://127.0.0.1:3000/invite#t=abc');
    expect(await rowOf(id)).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('shows the decrypted outbox in development and refuses in production', async () => {
    const id = await enqueue({
      organizationId,
      channel: 'email',
      to: 'zhou.min@example.com',
      keyOwner: person(),
      template: 'password_reset',
      params: { link: 'http://127.0.0.1:3000/reset#t=xyz', minutes: 30 },
      locale: 'en',
    });
    const scope = vault.scope(database.db, organizationId);
    const [entry] = await listOutboxForDevelopment(database.db, scope, organizationId, {
      limit: 50,
      env: 'development',
    });
    expect(entry).toMatchObject({
      id,
      channel: 'email',
      template: 'password_reset',
      to: 'zhou.min@example.com',
      subject: 'Reset your Anxin password',
      status: 'pending',
      attempts: 0,
    });
    expect(entry?.text).toContain('http://127.0.0.1:3000/reset#t=xyz');
    await expect(
      listOutboxForDevelopment(database.db, scope, organizationId, {
        limit: 50,
        env: 'production',
      }),
    ).rejects.toThrow(OutboxNotAvailableError);
  });

  it('keeps messages pending, uncounted, while production has no provider', async () => {
    const senders = createSenders(
      { env: 'production', mail: { smtpUrl: undefined, from } },
      {
        write: () => {
          throw new Error('nothing may be printed in production');
        },
      },
    );
    const id = await enqueue({
      organizationId,
      channel: 'email',
      to: 'liu.yang@example.com',
      keyOwner: person(),
      template: 'verification_code',
      params: { code: '123456', minutes: 10 },
      locale: 'zh-CN',
    });
    for (let i = 0; i < 3; i++) expect(await deliver(senders)).toMatchObject({ waiting: 1 });
    expect(await rowOf(id)).toMatchObject({
      status: 'pending',
      attempts: 0,
      lastError: 'SenderNotConfiguredError',
    });
  });

  it('fails a message after five refused attempts, keeping only a sanitised error', async () => {
    const id = await enqueue({
      organizationId,
      channel: 'email',
      to: 'x@example.com',
      keyOwner: person(),
      template: 'sign_in_locked',
      params: { minutes: 15 },
      locale: 'en',
    });
    const backoffSeconds = [0, 0, 0, 0, 0];
    for (let i = 1; i <= 4; i++) {
      expect(await deliver(fakeSenders('reject'), { backoffSeconds })).toMatchObject({
        retrying: 1,
      });
      expect(await rowOf(id)).toMatchObject({ status: 'pending', attempts: i });
    }
    expect(await deliver(fakeSenders('reject'), { backoffSeconds })).toMatchObject({ failed: 1 });
    expect(await rowOf(id)).toMatchObject({
      status: 'failed',
      attempts: 5,
      lastError: 'Error:EENVELOPE',
    });
    expect(await deliver(fakeSenders('never'), { backoffSeconds })).toMatchObject({ failed: 0 });
  });

  it('waits out the back-off before trying again', async () => {
    const id = await enqueue({
      organizationId,
      channel: 'sms',
      to: '13900139000',
      keyOwner: person(),
      template: 'sign_in_locked',
      params: { minutes: 15 },
      locale: 'zh-CN',
    });
    await deliver(fakeSenders('reject')); // default back-off: a minute before the second attempt
    expect(await deliver(fakeSenders('never'))).toMatchObject({ sent: 0, retrying: 0 });
    expect(await rowOf(id)).toMatchObject({ status: 'pending', attempts: 1 });
  });

  it('closes a final attempt that died with its process', async () => {
    const id = await locked(randomUUID(), 15);
    await database.query(
      `UPDATE notification_outbox SET channel = 'email', attempts = 5,
         updated_at = now() - interval '1 hour' WHERE id = $1`,
      [id],
    );
    expect(await deliver(fakeSenders('never'))).toMatchObject({ failed: 1 });
    expect(await rowOf(id)).toMatchObject({ status: 'failed', lastError: 'Interrupted' });
  });

  it('fails at once a message whose key owner was erased', async () => {
    const owner = person();
    const id = await enqueue({
      organizationId,
      channel: 'email',
      to: 'erased@example.com',
      keyOwner: owner,
      template: 'sign_in_locked',
      params: { minutes: 15 },
      locale: 'en',
    });
    await vault.scope(database.db, organizationId).destroyDataKey(owner);
    expect(await deliver(fakeSenders('never'))).toMatchObject({ failed: 1 });
    expect(await rowOf(id)).toMatchObject({
      status: 'failed',
      lastError: 'PermanentDeliveryError:recipient_erased',
    });
  });

  it('refuses a message without a recipient or under another organisation’s keys', async () => {
    const base = {
      organizationId,
      keyOwner: person(),
      template: 'sign_in_locked' as const,
      params: { minutes: 15 },
      locale: 'en' as const,
    };
    await expect(enqueue({ ...base, channel: 'email', to: ' ' })).rejects.toThrow(/recipient/);
    await expect(
      enqueue({ ...base, channel: 'email', to: 'a@b.c\r\nBcc: d@e.f' }),
    ).rejects.toThrow();
    await expect(
      database.db.transaction((tx) =>
        enqueueNotification(tx, vault.scope(tx, randomUUID()), {
          ...base,
          channel: 'email',
          to: 'a@b.c',
        }),
      ),
    ).rejects.toThrow(/another organisation/);
    expect(await database.db.select().from(notificationOutbox)).toHaveLength(0);
  });
});
