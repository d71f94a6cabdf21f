import { SenderNotConfiguredError } from './senders/message-sender.ts';

/**
 * What `last_error` may hold about a failed delivery. Provider errors quote the recipient and
 * sometimes the message ("550 5.1.1 <someone@example.com>: unknown user"), and `last_error` is
 * readable by operators and shown on the outbox page, so only whitelisted, shape-checked fields
 * are kept: the error class, its symbolic code and the numeric SMTP reply code. Never the
 * message or the server's response text.
 */
export function describeDeliveryError(err: unknown): string {
  if (!(err instanceof Error)) return 'unknown';
  const parts = [CLASS_NAME.test(err.name) ? err.name : 'Error'];
  const { code, responseCode } = err as { code?: unknown; responseCode?: unknown };
  if (typeof code === 'string' && SYMBOLIC_CODE.test(code)) parts.push(code);
  if (typeof responseCode === 'number' && Number.isInteger(responseCode)) {
    if (responseCode >= 100 && responseCode <= 599) parts.push(String(responseCode));
  }
  return parts.join(':');
}

const CLASS_NAME = /^[A-Z][A-Za-z]{0,40}$/;
// ECONNECTION, EENVELOPE, ETIMEDOUT, ERR_TLS_CERT_ALTNAME_INVALID: upper case, digits, underscores.
const SYMBOLIC_CODE = /^[A-Z][A-Z0-9_]{1,40}$/;

/** Failures that no retry can fix: the message goes straight to `failed`. */
export class PermanentDeliveryError extends Error {
  constructor(readonly reason: 'recipient_erased' | 'recipient_missing' | 'payload_invalid') {
    super(reason);
    this.name = 'PermanentDeliveryError';
  }
}

export type DeliveryOutcome =
  | { kind: 'sent' }
  | { kind: 'not_configured'; error: string }
  | { kind: 'permanent'; error: string }
  | { kind: 'retry'; error: string };

/** Sorts an error from decrypting or sending into what the job does with the row. */
export function classifyDeliveryError(err: unknown): DeliveryOutcome {
  if (err instanceof SenderNotConfiguredError) return { kind: 'not_configured', error: err.name };
  if (err instanceof PermanentDeliveryError) {
    return { kind: 'permanent', error: `${err.name}:${err.reason}` };
  }
  return { kind: 'retry', error: describeDeliveryError(err) };
}
