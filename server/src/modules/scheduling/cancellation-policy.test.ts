import { describe, expect, it } from 'vitest';
import { cancellationOutcome, needsApproval, refundFen } from './cancellation-policy.ts';

const rules = { windowHours: 24, lateCancelRefundPercent: 0, noShowRefundPercent: 0 };
const start = new Date('2026-12-10T02:00:00Z'); // 10:00 in Shanghai
const at = (iso: string) => new Date(iso);

describe('the 24-hour rule (A5)', () => {
  it('cancels on time exactly at the deadline, with a full refund', () => {
    const o = cancellationOutcome(start, at('2026-12-09T02:00:00Z'), 'client', rules);
    expect(o).toEqual({
      event: 'cancel',
      deadline: at('2026-12-09T02:00:00Z'),
      countsAsNoShow: false,
      refundPercent: 100,
    });
  });

  it('records a client cancelling one millisecond late as a no-show, refunded per policy', () => {
    const o = cancellationOutcome(start, at('2026-12-09T02:00:00.001Z'), 'client', rules);
    expect(o.event).toBe('late_cancel');
    expect(o.countsAsNoShow).toBe(true);
    expect(o.refundPercent).toBe(0);
    const generous = { ...rules, lateCancelRefundPercent: 50 };
    expect(
      cancellationOutcome(start, at('2026-12-10T01:00:00Z'), 'client', generous).refundPercent,
    ).toBe(50);
  });

  it('never counts a counselor or administrator cancellation against the client', () => {
    for (const by of ['counselor', 'administrator'] as const) {
      const o = cancellationOutcome(start, at('2026-12-10T01:59:00Z'), by, rules);
      expect(o).toMatchObject({ event: 'cancel', countsAsNoShow: false, refundPercent: 100 });
    }
  });

  it('follows the organisation window', () => {
    const twoHours = { ...rules, windowHours: 2 };
    expect(cancellationOutcome(start, at('2026-12-09T23:00:00Z'), 'client', twoHours).event).toBe(
      'cancel',
    );
    expect(cancellationOutcome(start, at('2026-12-10T00:30:00Z'), 'client', twoHours).event).toBe(
      'late_cancel',
    );
  });
});

describe('refunds (C10)', () => {
  it('refunds whole fen, never more than was paid', () => {
    expect(refundFen(50_000, 100)).toBe(50_000);
    expect(refundFen(50_000, 0)).toBe(0);
    expect(refundFen(33_333, 50)).toBe(16_666);
    expect(refundFen(100, 150)).toBe(100);
    expect(refundFen(100, -5)).toBe(0);
  });
});

describe('repeated no-shows (A5)', () => {
  it('asks for staff approval from the limit on', () => {
    expect(needsApproval(2, 3)).toBe(false);
    expect(needsApproval(3, 3)).toBe(true);
  });
});
