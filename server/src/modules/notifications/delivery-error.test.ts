import { describe, expect, it } from 'vitest';
import {
  classifyDeliveryError,
  describeDeliveryError,
  PermanentDeliveryError,
} from './delivery-error.ts';
import { SenderNotConfiguredError } from './senders/message-sender.ts';

/** What nodemailer throws when a server refuses the recipient: the address is everywhere. */
function rejectedRecipient(): Error {
  const err = new Error(
    "Can't send mail - all recipients were rejected: 550 <li.lei@example.com>: mailbox unavailable",
  );
  return Object.assign(err, {
    code: 'EENVELOPE',
    responseCode: 550,
    response: '550 <li.lei@example.com>: mailbox unavailable',
    command: 'RCPT TO',
    rejected: ['li.lei@example.com'],
  });
}

describe('describeDeliveryError', () => {
  it('keeps the class, the symbolic code and the SMTP reply code, nothing else', () => {
    const described = describeDeliveryError(rejectedRecipient());
    expect(described).toBe('Error:EENVELOPE:550');
    expect(described).not.toContain('li.lei');
  });

  it('keeps a connection error code', () => {
    const err = Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:25'), {
      code: 'ECONNECTION',
    });
    expect(describeDeliveryError(err)).toBe('Error:ECONNECTION');
  });

  it('drops codes and names that do not look like identifiers', () => {
    const err = Object.assign(new Error('x'), {
      code: 'user li.lei@example.com',
      responseCode: 99,
    });
    err.name = 'Bad name with li.lei@example.com';
    expect(describeDeliveryError(err)).toBe('Error');
    const big = Object.assign(new Error('x'), { responseCode: 550.5 });
    expect(describeDeliveryError(big)).toBe('Error');
  });

  it('keeps a custom error class name', () => {
    class ProviderTimeoutError extends Error {
      override name = 'ProviderTimeoutError';
    }
    expect(describeDeliveryError(new ProviderTimeoutError('to 13800138000'))).toBe(
      'ProviderTimeoutError',
    );
  });

  it('says unknown for a thrown non-error', () => {
    expect(describeDeliveryError('li.lei@example.com')).toBe('unknown');
    expect(describeDeliveryError(undefined)).toBe('unknown');
  });
});

describe('classifyDeliveryError', () => {
  it('retries provider errors', () => {
    expect(classifyDeliveryError(rejectedRecipient())).toEqual({
      kind: 'retry',
      error: 'Error:EENVELOPE:550',
    });
  });

  it('waits without counting when the channel has no provider', () => {
    expect(classifyDeliveryError(new SenderNotConfiguredError('email', 'set it'))).toEqual({
      kind: 'not_configured',
      error: 'SenderNotConfiguredError',
    });
  });

  it('fails at once what no retry can fix', () => {
    expect(classifyDeliveryError(new PermanentDeliveryError('recipient_erased'))).toEqual({
      kind: 'permanent',
      error: 'PermanentDeliveryError:recipient_erased',
    });
  });
});
