import ICAL from 'ical.js';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMember } from '../../test/identity-fixtures.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { buildCounselor } from '../counselors/test-support/counselor-factory.ts';
import { deliverPending } from '../notifications/notification-delivery.job.ts';
import { ConsoleSmsSender } from '../notifications/senders/console-sender.ts';
import { SmtpEmailSender } from '../notifications/senders/smtp-email-sender.ts';
import {
  startSmtpTestServer,
  type SmtpTestServer,
} from '../notifications/test-support/smtp-test-server.ts';
import { queueBookingConfirmation, queueCancellationNotice } from './appointment-reminders.ts';
import { hoursFromNow, insertAppointment } from './ledger-fixtures.ts';

/** The text/calendar part of a multipart message as nodemailer writes it, decoded. */
function calendarPart(raw: string): string {
  const start = raw.search(/Content-Type: text\/calendar/i);
  expect(start).toBeGreaterThan(0);
  const part = raw.slice(start);
  const headEnd = part.indexOf('\r\n\r\n');
  const head = part.slice(0, headEnd);
  const body = part.slice(headEnd + 4, part.indexOf('\r\n--', headEnd));
  if (/Content-Transfer-Encoding: base64/i.test(head)) {
    return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  }
  const soft = body.replace(/=\r\n/g, '');
  return Buffer.from(
    soft.replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    'latin1',
  ).toString('utf8');
}

describe('booking confirmation with an .ics invitation', () => {
  let t: TestApp;
  let smtp: SmtpTestServer;
  let email: SmtpEmailSender;

  beforeAll(async () => {
    t = await createTestApp();
    smtp = await startSmtpTestServer();
    email = new SmtpEmailSender({ smtpUrl: smtp.url, from: 'Anxin <no-reply@anxin.test>' });
  });
  afterAll(async () => {
    await email.close();
    await smtp.close();
    await t.close();
  });

  it('reaches a real SMTP server with the invitation attached, and no client name in it', async () => {
    const counselor = await buildCounselor(t, { name: 'Li Wei' });
    const client = await createMember(t, ['client'], 'lilei');
    const row = await insertAppointment(t, {
      organizationId: counselor.organizationId,
      counselorId: counselor.profileId,
      clientUserId: client.userId,
      startsAt: hoursFromNow(72),
    });
    await t.database.db.transaction((tx) =>
      queueBookingConfirmation(tx, t.ctx.vault.scope(tx, counselor.organizationId), row),
    );
    const report = await deliverPending(
      { database: t.database, log: pino({ level: 'silent' }) },
      {
        senders: { email, sms: new ConsoleSmsSender({ write: () => true }) },
        vault: t.ctx.vault,
      },
    );
    expect(report).toMatchObject({ sent: 1, inApp: 1, failed: 0 });
    const mail = smtp.received.find((m) => m.rcptTo.includes(client.email));
    expect(mail?.raw).toMatch(/filename="?appointment\.ics/);
    const ics = calendarPart(mail?.raw ?? '');
    const calendar = new ICAL.Component(ICAL.parse(ics) as unknown[]);
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent') ?? undefined);
    expect(event.uid).toBe(`${row.id}@anxin`);
    expect(event.summary).toBe('咨询会谈（Li Wei）');
    expect(event.startDate.toJSDate().toISOString()).toBe(row.startsAt.toISOString());
    expect(event.endDate.toJSDate().toISOString()).toBe(row.endsAt.toISOString());
    expect(ics).not.toContain('lilei real');
  });

  it('sends a METHOD:CANCEL entry under the invitation UID when the appointment is cancelled', async () => {
    const counselor = await buildCounselor(t, { name: 'Zhou Min' });
    const client = await createMember(t, ['client'], 'hanmei');
    const row = await insertAppointment(t, {
      organizationId: counselor.organizationId,
      counselorId: counselor.profileId,
      clientUserId: client.userId,
      startsAt: hoursFromNow(96),
    });
    await t.database.db.transaction((tx) =>
      queueCancellationNotice(
        tx,
        t.ctx.vault.scope(tx, counselor.organizationId),
        { ...row, status: 'cancelled' },
        'organization',
      ),
    );
    await deliverPending(
      { database: t.database, log: pino({ level: 'silent' }) },
      {
        senders: { email, sms: new ConsoleSmsSender({ write: () => true }) },
        vault: t.ctx.vault,
      },
    );
    const mail = smtp.received.find((m) => m.rcptTo.includes(client.email));
    const calendar = new ICAL.Component(ICAL.parse(calendarPart(mail?.raw ?? '')) as unknown[]);
    expect(calendar.getFirstPropertyValue('method')).toBe('CANCEL');
    const vevent = calendar.getFirstSubcomponent('vevent');
    expect(vevent?.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(new ICAL.Event(vevent ?? undefined).uid).toBe(`${row.id}@anxin`);
    // The sequence must exceed the invitation's (0) or calendars ignore the cancellation.
    expect(Number(vevent?.getFirstPropertyValue('sequence'))).toBeGreaterThan(0);
  });
});
