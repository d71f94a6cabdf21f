import type { EmailSender, OutgoingMessage, SmsSender } from './message-sender.ts';

/** Where console senders write: process.stdout in development, a buffer in tests. */
export interface TextSink {
  write(text: string): unknown;
}

const RULE = '─'.repeat(64);

/**
 * Development stand-in for a provider: prints the whole message, framed so it stands out from
 * log lines. It writes to the injected sink and never to the logger, because log files are kept
 * and shipped, and a verification code or reset link must never end up in them.
 */
function frame(kind: string, message: OutgoingMessage): string {
  const body = message.text
    .replace(/\n+$/, '')
    .split('\n')
    .map((line) => `│ ${line}`);
  return [
    `┌${RULE}`,
    `│ ${kind} (development: printed here, not sent)`,
    `│ To: ${message.to}`,
    `│ Subject: ${message.subject}`,
    '│',
    ...body,
    // The name only: an attachment's content is for the recipient, not the terminal.
    ...(message.attachments ?? []).map((a) => `│ Attachment: ${a.filename}`),
    `└${RULE}`,
    '',
  ].join('\n');
}

export class ConsoleSender implements EmailSender {
  readonly channel = 'email' as const;

  constructor(private readonly out: TextSink) {}

  async send(message: OutgoingMessage): Promise<void> {
    this.out.write(frame('E-MAIL', message));
  }

  async close(): Promise<void> {}
}

export class ConsoleSmsSender implements SmsSender {
  readonly channel = 'sms' as const;

  constructor(private readonly out: TextSink) {}

  async send(message: OutgoingMessage): Promise<void> {
    this.out.write(frame('SMS', message));
  }

  async close(): Promise<void> {}
}
