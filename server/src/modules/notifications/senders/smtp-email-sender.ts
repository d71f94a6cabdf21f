import { createTransport, type Transporter } from 'nodemailer';
import type { EmailSender, OutgoingMessage } from './message-sender.ts';

export interface SmtpSettings {
  /** ANXIN_SMTP_URL: `smtp://` (STARTTLS when offered), `smtps://` (implicit TLS); query keys
   * such as `?requireTLS=true` or `?tls.rejectUnauthorized=false` are read by nodemailer. */
  smtpUrl: string;
  from: string;
}

/**
 * Plain-text e-mail over SMTP through a connection pool, so a burst of messages (invitations,
 * a batch of the delivery job) does not open a connection per message.
 */
export class SmtpEmailSender implements EmailSender {
  readonly channel = 'email' as const;
  private readonly transport: Transporter;

  constructor(settings: SmtpSettings) {
    this.transport = createTransport(
      {
        url: settings.smtpUrl,
        pool: true,
        maxConnections: 3,
        // Short timeouts: the delivery job's back-off doubles as its claim on a row, so a send
        // must give up well before the first retry is due (see notification-delivery.job.ts).
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
        // Our messages are text we rendered; nothing may make nodemailer read a file or a URL.
        disableFileAccess: true,
        disableUrlAccess: true,
        // nodemailer's own logger would write addresses and SMTP dialogue: keep it off.
        logger: false,
      },
      { from: settings.from },
    );
  }

  async send(message: OutgoingMessage): Promise<void> {
    await this.transport.sendMail({
      to: message.to,
      subject: message.subject,
      text: message.text,
      ...(message.attachments?.length
        ? {
            attachments: message.attachments.map((a) => ({
              filename: a.filename,
              contentType: a.contentType,
              content: a.content,
            })),
          }
        : {}),
    });
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}
