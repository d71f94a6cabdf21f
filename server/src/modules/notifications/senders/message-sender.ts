/** One message ready to leave the system. Only senders and the delivery job ever hold it in clear. */
export interface OutgoingMessage {
  to: string;
  subject: string;
  text: string;
  /** E-mail only; text content (an .ics invitation). */
  attachments?: readonly { filename: string; contentType: string; content: string }[] | undefined;
}

export interface MessageSender {
  readonly channel: 'email' | 'sms';
  /** Resolves once the provider accepted the message; rejects with the provider's error. */
  send(message: OutgoingMessage): Promise<void>;
  /** Releases connections (pooled SMTP); a no-op for stateless senders. */
  close(): Promise<void>;
}

/**
 * SMS has no provider yet; the interface is kept apart so a provider adapter (Aliyun, Tencent
 * Cloud) can be added without touching the delivery job.
 */
export interface SmsSender extends MessageSender {
  readonly channel: 'sms';
}

export interface EmailSender extends MessageSender {
  readonly channel: 'email';
}

export interface Senders {
  email: EmailSender;
  sms: SmsSender;
  close(): Promise<void>;
}

/**
 * Thrown by the sender of a channel that has no provider in production. The delivery job keeps
 * such messages pending without counting an attempt, so they are sent once a provider is set.
 */
export class SenderNotConfiguredError extends Error {
  constructor(
    readonly channel: 'email' | 'sms',
    hint: string,
  ) {
    super(`no ${channel} provider is configured: ${hint}`);
    this.name = 'SenderNotConfiguredError';
  }
}

/** The production stand-in for a channel with no provider: fails clearly, never drops a message. */
export class UnconfiguredSender<C extends 'email' | 'sms'> implements MessageSender {
  constructor(
    readonly channel: C,
    private readonly hint: string,
  ) {}

  async send(): Promise<void> {
    throw new SenderNotConfiguredError(this.channel, this.hint);
  }

  async close(): Promise<void> {}
}
