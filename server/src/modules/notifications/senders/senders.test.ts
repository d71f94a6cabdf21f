import { describe, expect, it } from 'vitest';
import { ConsoleSender, ConsoleSmsSender } from './console-sender.ts';
import { createSenders } from './create-senders.ts';
import { SenderNotConfiguredError, UnconfiguredSender } from './message-sender.ts';
import { SmtpEmailSender } from './smtp-email-sender.ts';

function sink() {
  const chunks: string[] = [];
  return { chunks, write: (text: string) => chunks.push(text), text: () => chunks.join('') };
}

const from = '安心 Anxin <no-reply@anxin.test>';

describe('console senders', () => {
  it('print the whole e-mail in a frame that says it was not sent', async () => {
    const out = sink();
    await new ConsoleSender(out).send({
      to: 'li.lei@example.com',
      subject: '你的安心验证码',
      text: '你的验证码是：482913\n\n安心\n',
    });
    const printed = out.text();
    expect(printed).toMatch(/^┌─+\n│ E-MAIL \(development: printed here, not sent\)\n/);
    expect(printed).toContain('│ To: li.lei@example.com\n│ Subject: 你的安心验证码\n│\n');
    expect(printed).toContain('│ 你的验证码是：482913\n│ \n│ 安心\n└');
    expect(printed.endsWith('─\n')).toBe(true);
  });

  it('print only the name of an attachment, never its content', async () => {
    const out = sink();
    await new ConsoleSender(out).send({
      to: 'li.lei@example.com',
      subject: 's',
      text: 't',
      attachments: [{ filename: 'invite.ics', contentType: 'text/calendar', content: 'SECRET' }],
    });
    expect(out.text()).toContain('│ Attachment: invite.ics\n');
    expect(out.text()).not.toContain('SECRET');
  });

  it('print an SMS the same way', async () => {
    const out = sink();
    await new ConsoleSmsSender(out).send({
      to: '13800138000',
      subject: 's',
      text: '【安心】482913',
    });
    expect(out.text()).toContain(
      '│ SMS (development: printed here, not sent)\n│ To: 13800138000\n',
    );
  });
});

describe('createSenders', () => {
  it('uses SMTP whenever a URL is configured, even in development', async () => {
    const senders = createSenders(
      { env: 'development', mail: { smtpUrl: 'smtp://127.0.0.1:2525', from } },
      sink(),
    );
    expect(senders.email).toBeInstanceOf(SmtpEmailSender);
    expect(senders.sms).toBeInstanceOf(ConsoleSmsSender);
    await senders.close();
  });

  it('prints to the console in development without SMTP', () => {
    const senders = createSenders(
      { env: 'development', mail: { smtpUrl: undefined, from } },
      sink(),
    );
    expect(senders.email).toBeInstanceOf(ConsoleSender);
  });

  it('fails clearly in production without SMTP, and never prints', async () => {
    const out = sink();
    const senders = createSenders({ env: 'production', mail: { smtpUrl: undefined, from } }, out);
    expect(senders.email).toBeInstanceOf(UnconfiguredSender);
    expect(senders.sms).toBeInstanceOf(UnconfiguredSender);
    const message = { to: 'li.lei@example.com', subject: 's', text: 't' };
    await expect(senders.email.send(message)).rejects.toThrow(SenderNotConfiguredError);
    await expect(senders.email.send(message)).rejects.toThrow(/ANXIN_SMTP_URL/);
    await expect(senders.sms.send(message)).rejects.toThrow(SenderNotConfiguredError);
    expect(out.chunks).toEqual([]);
  });
});
