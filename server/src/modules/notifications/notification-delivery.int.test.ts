import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ephemeralKeyring } from '../../platform/crypto/keyring.ts';
import { Vault } from '../../platform/crypto/vault.ts';
import type { Database } from '../../platform/db/database.ts';
import { notificationOutbox } from '../../platform/db/schema/index.ts';
import { startJobs, type Jobs } from '../../platform/jobs/jobs.ts';
import { createLogger } from '../../platform/logging.ts';
import { openTestDatabase } from '../../test/test-database.ts';
import { ensureDefaultOrganization } from '../organizations/organization.service.ts';
import { createDeliveryJob, DELIVER_JOB, triggerDelivery } from './notification-delivery.job.ts';
import { enqueueNotification, type EnqueueInput } from './notification.service.ts';
import type { TemplateName } from './notification.templates.ts';
import { ConsoleSmsSender } from './senders/console-sender.ts';
import type { Senders } from './senders/message-sender.ts';
import { SmtpEmailSender } from './senders/smtp-email-sender.ts';
import { startSmtpTestServer, type SmtpTestServer } from './test-support/smtp-test-server.ts';
import { temporaryKeyShares } from '../../platform/crypto/key-shares.ts';

/** One share store for every vault of this file: they read each other's data. */
const keyShares = temporaryKeyShares();

async function waitFor<T>(probe: () => Promise<T | undefined> | T | undefined): Promise<T> {
  const until = Date.now() + 20_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('notification delivery through a real SMTP server (pg-boss on this backend)', () => {
  let database: Database;
  let jobs: Jobs;
  let smtp: SmtpTestServer;
  let senders: Senders;
  let organizationId: string;
  const vault = new Vault(ephemeralKeyring(), keyShares);
  const logLines: string[] = [];
  const log = createLogger('debug', { write: (line: string) => logLines.push(line) });
  const smsOut: string[] = [];

  beforeAll(async () => {
    database = await openTestDatabase();
    organizationId = (
      await ensureDefaultOrganization(database.db, {
        name: '安心测试中心',
        timeZone: 'Asia/Shanghai',
      })
    ).id;
    smtp = await startSmtpTestServer();
    const email = new SmtpEmailSender({
      smtpUrl: smtp.url,
      from: '安心 Anxin <no-reply@anxin.test>',
    });
    const sms = new ConsoleSmsSender({ write: (text: string) => smsOut.push(text) });
    senders = { email, sms, close: () => email.close() };
    // A one-second back-off after the first attempt, so the retry test need not wait a minute.
    const job = createDeliveryJob({
      senders: { email, sms },
      vault,
      backoffSeconds: [0, 1, 1, 1, 1],
    });
    jobs = await startJobs({ database, log, instanceId: 'test' }, [job], {
      schedule: false,
      pollingIntervalSeconds: 0.5,
    });
  });
  afterAll(async () => {
    await jobs.stop();
    await senders.close();
    await smtp.close();
    await database.close();
  });

  function enqueue<T extends TemplateName>(input: EnqueueInput<T>) {
    return database.db.transaction((tx) =>
      enqueueNotification(tx, vault.scope(tx, organizationId), input),
    );
  }
  const verification = (to: string, code: string) =>
    enqueue({
      organizationId,
      channel: 'email',
      to,
      keyOwner: { type: 'person', id: randomUUID() },
      template: 'verification_code',
      params: { code, minutes: 10 },
      locale: 'zh-CN',
    });
  const rowOf = async (id: string) =>
    (await database.db.select().from(notificationOutbox).where(eq(notificationOutbox.id, id)))[0];
  /** Queues a delivery run and waits until pg-boss says it completed. */
  async function runDelivery() {
    const jobId = await jobs.send(DELIVER_JOB);
    await waitFor(async () => {
      const [job] = await jobs.boss.findJobs(DELIVER_JOB, { id: jobId });
      return job?.state === 'completed' ? job : undefined;
    });
  }

  it('sends a message enqueued in a committed transaction, exactly as written', async () => {
    const before = smtp.received.length;
    const id = await verification('li.lei@example.com', '482913');
    await triggerDelivery(jobs, log);

    const row = await waitFor(async () => {
      const r = await rowOf(id);
      return r?.status === 'sent' ? r : undefined;
    });
    expect(row).toMatchObject({ attempts: 1, lastError: null, channel: 'email' });
    expect(row.sentAt).toBeInstanceOf(Date);
    expect(smtp.received).toHaveLength(before + 1);
    const mail = smtp.received[before];
    expect(mail?.mailFrom).toBe('no-reply@anxin.test');
    expect(mail?.rcptTo).toEqual(['li.lei@example.com']);
    expect(mail?.subject).toBe('你的安心验证码');
    expect(mail?.text).toContain('你的验证码是：482913');
    expect(mail?.text).toContain('验证码 10 分钟内有效，仅限本人使用。');
    expect(mail?.text).toContain('安心（本邮件由系统自动发送，请勿直接回复）');
    expect(mail?.raw).toMatch(/charset=utf-8/i);
  });

  it('stores no recipient and no content in clear', async () => {
    const id = await verification('wang.fang@example.com', '905517');
    const [raw] = await database.query<{ row: string }>(
      'SELECT row_to_json(n)::text AS row FROM notification_outbox n WHERE id = $1',
      [id],
    );
    expect(raw?.row).toBeDefined();
    for (const secret of ['wang.fang', 'example.com', '905517', '验证码', '\\u9a8c']) {
      expect(raw?.row).not.toContain(secret);
    }
    await runDelivery(); // leave nothing pending for the next tests
  });

  it('sends nothing when the transaction rolls back', async () => {
    const before = smtp.received.length;
    const rowsBefore = (await database.db.select().from(notificationOutbox)).length;
    await expect(
      database.db.transaction(async (tx) => {
        await enqueueNotification(tx, vault.scope(tx, organizationId), {
          organizationId,
          channel: 'email',
          to: 'rolled.back@example.com',
          keyOwner: { type: 'person', id: randomUUID() },
          template: 'verification_code',
          params: { code: '111111', minutes: 10 },
          locale: 'en',
        });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    await runDelivery();
    expect(smtp.received).toHaveLength(before);
    expect(await database.db.select().from(notificationOutbox)).toHaveLength(rowsBefore);
  });

  it('keeps a rejected message pending with a sanitised error, then sends it on retry', async () => {
    const before = smtp.received.length;
    smtp.rejectRecipients = true;
    const id = await verification('han.meimei@example.com', '731046');
    await runDelivery();
    smtp.rejectRecipients = false;

    const failed = await rowOf(id);
    expect(failed).toMatchObject({ status: 'pending', attempts: 1, sentAt: null });
    expect(failed?.lastError).toBe('Error:EENVELOPE:550');
    expect(smtp.received).toHaveLength(before);

    await new Promise((r) => setTimeout(r, 1_100)); // the test's one-second back-off
    await runDelivery();
    expect(await rowOf(id)).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
    expect(smtp.received).toHaveLength(before + 1);
    expect(smtp.received[before]?.rcptTo).toEqual(['han.meimei@example.com']);
    expect(smtp.received[before]?.text).toContain('731046');
  });

  it('sends SMS through the SMS sender', async () => {
    const id = await enqueue({
      organizationId,
      channel: 'sms',
      to: '13800138000',
      keyOwner: { type: 'person', id: randomUUID() },
      template: 'verification_code',
      params: { code: '264810', minutes: 5 },
      locale: 'zh-CN',
    });
    await triggerDelivery(jobs, log);
    await waitFor(async () => ((await rowOf(id))?.status === 'sent' ? true : undefined));
    const printed = smsOut.join('');
    expect(printed).toContain('│ To: 13800138000');
    expect(printed).toContain('【安心】你的验证码是 264810，5 分钟内有效。');
  });

  it('is swept every minute', () => {
    const job = createDeliveryJob({ senders, vault });
    expect(job).toMatchObject({ name: 'notifications.deliver', cron: '* * * * *' });
  });

  it('never logs a recipient, a code or a message', () => {
    const logs = logLines.join('');
    expect(logs).toContain('notification delivery failed');
    for (const secret of ['@example.com', '13800138000', '482913', '731046', '264810', '验证码']) {
      expect(logs).not.toContain(secret);
    }
  });
});
