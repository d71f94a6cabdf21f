import { describe, expect, it } from 'vitest';
import { countdown, isoToLocalInput, localInputToIso, splitList } from './breach-format.ts';

describe('breach formatting', () => {
  it('counts down to a deadline and past it', () => {
    const due = '2026-12-01T06:00:00.000Z';
    expect(countdown(due, Date.parse('2026-12-01T02:30:00.000Z'))).toEqual({
      overdue: false,
      hours: 3,
      minutes: 30,
    });
    expect(countdown(due, Date.parse('2026-12-01T07:05:00.000Z'))).toEqual({
      overdue: true,
      hours: 1,
      minutes: 5,
    });
  });

  it('round-trips local input values and splits lists', () => {
    const iso = '2026-12-01T06:00:00.000Z';
    expect(localInputToIso(isoToLocalInput(iso))).toBe(iso);
    expect(localInputToIso('')).toBeNull();
    expect(splitList('user.read, appointment.read\nx')).toEqual([
      'user.read',
      'appointment.read',
      'x',
    ]);
  });
});
