import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSenders } from './senders/create-senders.ts';
import {
  fakeSenders,
  openOutboxFixture,
  type OutboxFixture,
} from './test-support/outbox-fixture.ts';

const from = '安心 Anxin <no-reply@anxin.test>';

describe('delivery rules: retries, back-off, missing providers (this backend)', () => {
  let f: OutboxFixture;
  beforeAll(async () => {
    f = await openOutboxFixture();
  });
  afterAll(() => f.close());
  // deliverPending works on every pending row: each test starts from an empty outbox.
  beforeEach(() => f.clear());

  it('delivers in-app messages by marking them sent, without a sender', async () => {
    const id = await f.enqueueInApp(randomUUID(), 15);
    const report = await f.deliver(fakeSenders('never'));
    expect(report).toMatchObject({ inApp: 1, sent: 0, failed: 0 });
    expect(await f.rowOf(id)).toMatchObject({ status: 'sent', attempts: 0 });
  });

  it('prints e-mail to the console sender in development', async () => {
    const out: string[] = [];
    const senders = createSenders(
      { env: 'development', mail: { smtpUrl: undefined, from } },
      { write: (text: string) => out.push(text) },
    );
    const id = await f.enqueue({
      organizationId: f.organizationId,
      channel: 'email',
      to: 'zhang.wei@example.com',
      keyOwner: { type: 'organization', id: f.organizationId },
      template: 'invitation',
      params: {
        link: 'http://127.0.0.1:3000/invite#t=abc',
        organizationName: '安心',
        roles: ['counselor'],
        hours: 72,
      },
      locale: 'zh-CN',
    });
    expect(await f.deliver(senders)).toMatchObject({ sent: 1 });
    const printed = out.join('');
    expect(printed).toContain('│ E-MAIL (development: printed here, not sent)');
    expect(printed).toContain('│ To: zhang.wei@example.com');
    expect(printed).toContain('│ Subject: 安心邀请你加入安心');
    expect(printed).toContain('安心邀请你以「咨询师」身份加入安心');
    expect(printed).toContain('http://127.0.0.1:3000/invite#t=abc');
    expect(await f.rowOf(id)).toMatchObject({ status: 'sent', attempts: 1 });
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
    const id = await f.enqueue({
      organizationId: f.organizationId,
      channel: 'email',
      to: 'liu.yang@example.com',
      keyOwner: f.person(),
      template: 'verification_code',
      params: { code: '123456', minutes: 10 },
      locale: 'zh-CN',
    });
    for (let i = 0; i < 3; i++) expect(await f.deliver(senders)).toMatchObject({ waiting: 1 });
    expect(await f.rowOf(id)).toMatchObject({
      status: 'pending',
      attempts: 0,
      lastError: 'SenderNotConfiguredError',
    });
  });

  it('fails a message after five refused attempts, keeping only a sanitised error', async () => {
    const id = await f.enqueue({
      organizationId: f.organizationId,
      channel: 'email',
      to: 'x@example.com',
      keyOwner: f.person(),
      template: 'sign_in_locked',
      params: { minutes: 15 },
      locale: 'en',
    });
    const backoffSeconds = [0, 0, 0, 0, 0];
    for (let i = 1; i <= 4; i++) {
      expect(await f.deliver(fakeSenders('reject'), { backoffSeconds })).toMatchObject({
        retrying: 1,
      });
      expect(await f.rowOf(id)).toMatchObject({ status: 'pending', attempts: i });
    }
    expect(await f.deliver(fakeSenders('reject'), { backoffSeconds })).toMatchObject({ failed: 1 });
    expect(await f.rowOf(id)).toMatchObject({
      status: 'failed',
      attempts: 5,
      lastError: 'Error:EENVELOPE',
    });
    expect(await f.deliver(fakeSenders('never'), { backoffSeconds })).toMatchObject({ failed: 0 });
  });

  it('waits out the back-off before trying again', async () => {
    const id = await f.enqueue({
      organizationId: f.organizationId,
      channel: 'sms',
      to: '13900139000',
      keyOwner: f.person(),
      template: 'sign_in_locked',
      params: { minutes: 15 },
      locale: 'zh-CN',
    });
    await f.deliver(fakeSenders('reject')); // default back-off: a minute before the second attempt
    expect(await f.deliver(fakeSenders('never'))).toMatchObject({ sent: 0, retrying: 0 });
    expect(await f.rowOf(id)).toMatchObject({ status: 'pending', attempts: 1 });
  });

  it('closes a final attempt that died with its process', async () => {
    const id = await f.enqueueInApp(randomUUID(), 15);
    await f.database.query(
      `UPDATE notification_outbox SET channel = 'email', attempts = 5,
         updated_at = now() - interval '1 hour' WHERE id = $1`,
      [id],
    );
    expect(await f.deliver(fakeSenders('never'))).toMatchObject({ failed: 1 });
    expect(await f.rowOf(id)).toMatchObject({ status: 'failed', lastError: 'Interrupted' });
  });

  it('fails at once a message whose key owner was erased', async () => {
    const owner = f.person();
    const id = await f.enqueue({
      organizationId: f.organizationId,
      channel: 'email',
      to: 'erased@example.com',
      keyOwner: owner,
      template: 'sign_in_locked',
      params: { minutes: 15 },
      locale: 'en',
    });
    await f.vault.scope(f.database.db, f.organizationId).destroyDataKey(owner);
    expect(await f.deliver(fakeSenders('never'))).toMatchObject({ failed: 1 });
    expect(await f.rowOf(id)).toMatchObject({
      status: 'failed',
      lastError: 'PermanentDeliveryError:recipient_erased',
    });
  });
});
