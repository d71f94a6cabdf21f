import { describe, expect, it } from 'vitest';
import { cancellationDeadline, isLate, isUpcoming, statusKey, statusTone } from './policy.ts';

describe('cancellation policy helpers', () => {
  it('puts the deadline the window before the start', () => {
    expect(cancellationDeadline('2026-03-10T06:00:00.000Z', 24)).toBe('2026-03-09T06:00:00.000Z');
    expect(cancellationDeadline('2026-03-10T06:00:00.000Z', 0)).toBe('2026-03-10T06:00:00.000Z');
  });

  it('is late only after the deadline', () => {
    const deadline = '2026-03-09T06:00:00.000Z';
    expect(isLate(deadline, new Date('2026-03-09T05:59:00Z'))).toBe(false);
    expect(isLate(deadline, new Date('2026-03-09T06:01:00Z'))).toBe(true);
  });

  it('counts only live appointments that have not ended as upcoming', () => {
    const now = new Date('2026-03-01T00:00:00Z');
    const later = '2026-03-02T00:00:00Z';
    expect(isUpcoming({ endsAt: later, status: 'booked' }, now)).toBe(true);
    expect(isUpcoming({ endsAt: later, status: 'cancelled' }, now)).toBe(false);
    expect(isUpcoming({ endsAt: '2026-02-28T00:00:00Z', status: 'booked' }, now)).toBe(false);
  });

  it('names and colours every status', () => {
    expect(statusKey('entered-in-error')).toBe('scheduling.status.enteredInError');
    expect(statusTone('noshow')).toBe('act');
    expect(statusTone('pending')).toBe('wait');
  });
});
