import type { Config } from '../../../platform/config.ts';
import { ConsoleSender, ConsoleSmsSender, type TextSink } from './console-sender.ts';
import { UnconfiguredSender, type Senders } from './message-sender.ts';
import { SmtpEmailSender } from './smtp-email-sender.ts';

/**
 * The senders for this process. SMTP whenever ANXIN_SMTP_URL is set (also in development, to
 * try a real mail catcher); otherwise the console in development. In production a missing
 * provider is an explicit failing sender: messages stay pending and visible instead of being
 * printed to a server console or silently dropped.
 */
export function createSenders(config: Pick<Config, 'env' | 'mail'>, stdout: TextSink): Senders {
  const dev = config.env === 'development';
  const email = config.mail.smtpUrl
    ? new SmtpEmailSender({ smtpUrl: config.mail.smtpUrl, from: config.mail.from })
    : dev
      ? new ConsoleSender(stdout)
      : new UnconfiguredSender('email', 'set ANXIN_SMTP_URL to send e-mail');
  // No SMS provider exists yet: the console in development, an explicit failure in production.
  const sms = dev
    ? new ConsoleSmsSender(stdout)
    : new UnconfiguredSender('sms', 'no SMS provider is available in this version');
  return {
    email,
    sms,
    async close() {
      await Promise.all([email.close(), sms.close()]);
    },
  };
}
