import { describe, expect, it } from 'vitest';
import { ChatRateLimiter, RecentMessages } from './chat.limits.ts';

describe('ChatRateLimiter', () => {
  it('allows max messages per window per person and room, then refuses until the window moves', () => {
    const limiter = new ChatRateLimiter(3, 10_000);
    const t0 = 1_000_000;
    expect([1, 2, 3, 4].map((i) => limiter.take('r', 'u', t0 + i))).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(limiter.take('r', 'other', t0 + 5)).toBe(true);
    expect(limiter.take('other-room', 'u', t0 + 5)).toBe(true);
    expect(limiter.take('r', 'u', t0 + 10_002)).toBe(true);
  });

  it('gives a resend back', () => {
    const limiter = new ChatRateLimiter(1, 10_000);
    expect(limiter.take('r', 'u', 1)).toBe(true);
    limiter.refund('r', 'u');
    expect(limiter.take('r', 'u', 2)).toBe(true);
    expect(limiter.take('r', 'u', 3)).toBe(false);
  });
});

describe('RecentMessages', () => {
  it('keeps the newest entries up to its capacity', () => {
    const recent = new RecentMessages<string>(2);
    recent.set('r', 1, 'one');
    recent.set('r', 2, 'two');
    recent.set('r', 3, 'three');
    expect([recent.get('r', 1), recent.get('r', 2), recent.get('r', 3)]).toEqual([
      undefined,
      'two',
      'three',
    ]);
  });
});
