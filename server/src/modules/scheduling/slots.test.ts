import { describe, expect, it } from 'vitest';
import { generateSlots, type SlotQuery } from './slots.ts';

const base = (over: Partial<SlotQuery>): SlotQuery => ({
  timeZone: 'Asia/Shanghai',
  rules: [],
  overrides: [],
  busy: [],
  durationMinutes: 50,
  bufferBeforeMinutes: 0,
  bufferAfterMinutes: 0,
  stepMinutes: 30,
  from: new Date('2026-12-07T00:00:00Z'),
  until: new Date('2026-12-08T00:00:00Z'),
  ...over,
});
const iso = (slots: { startsAt: Date }[]) => slots.map((s) => s.startsAt.toISOString());

describe('slot generation in Asia/Shanghai (UTC+8, no DST)', () => {
  // 2026-12-07 is a Monday.
  const monday = [{ weekday: 1, start: '09:00', end: '12:00' }];

  it('offers the starts whose session fits the opening, in UTC', () => {
    expect(iso(generateSlots(base({ rules: monday })))).toEqual([
      '2026-12-07T01:00:00.000Z',
      '2026-12-07T01:30:00.000Z',
      '2026-12-07T02:00:00.000Z',
      '2026-12-07T02:30:00.000Z',
      '2026-12-07T03:00:00.000Z',
    ]);
  });

  it('leaves out slots whose session or buffers touch a booking', () => {
    const busy = [
      { from: new Date('2026-12-07T02:00:00Z'), until: new Date('2026-12-07T03:00:00Z') },
    ];
    expect(iso(generateSlots(base({ rules: monday, busy })))).toEqual([
      '2026-12-07T01:00:00.000Z',
      '2026-12-07T03:00:00.000Z',
    ]);
    // With a 10-minute buffer after, 09:00–09:50 + 10 min still ends by 10:00; 11:00 needs
    // 10 minutes before it free, and the booking ends at 11:00.
    const buffered = generateSlots(
      base({ rules: monday, busy, bufferBeforeMinutes: 10, bufferAfterMinutes: 10 }),
    );
    expect(iso(buffered)).toEqual(['2026-12-07T01:00:00.000Z']);
  });

  it('applies days off, partial time off and extra hours', () => {
    const offDay = generateSlots(
      base({ rules: monday, overrides: [{ date: '2026-12-07', kind: 'off' }] }),
    );
    expect(offDay).toEqual([]);
    const partial = generateSlots(
      base({
        rules: monday,
        overrides: [
          { date: '2026-12-07', kind: 'off', start: '09:00', end: '10:30' },
          { date: '2026-12-07', kind: 'extra', start: '19:00', end: '20:00' },
        ],
      }),
    );
    expect(iso(partial)).toEqual([
      '2026-12-07T02:30:00.000Z',
      '2026-12-07T03:00:00.000Z',
      '2026-12-07T11:00:00.000Z',
    ]);
  });

  it('respects minimum notice and the horizon', () => {
    const slots = generateSlots(
      base({
        rules: monday,
        from: new Date('2026-12-07T02:15:00Z'),
        until: new Date('2026-12-07T02:30:00Z'),
      }),
    );
    expect(iso(slots)).toEqual(['2026-12-07T02:30:00.000Z']);
  });
});

describe('slot generation across DST in America/New_York', () => {
  const ny = (over: Partial<SlotQuery>) =>
    base({ timeZone: 'America/New_York', durationMinutes: 30, ...over });

  it('skips the hour that does not exist when clocks go forward (8 March 2026)', () => {
    // Sunday: 01:00–04:00 local is two real hours; 02:00–02:59 does not exist.
    const slots = generateSlots(
      ny({
        rules: [{ weekday: 7, start: '01:00', end: '04:00' }],
        from: new Date('2026-03-08T00:00:00Z'),
        until: new Date('2026-03-09T12:00:00Z'),
      }),
    );
    expect(iso(slots)).toEqual([
      '2026-03-08T06:00:00.000Z', // 01:00 EST
      '2026-03-08T06:30:00.000Z', // 01:30 EST
      '2026-03-08T07:00:00.000Z', // 03:00 EDT
      '2026-03-08T07:30:00.000Z', // 03:30 EDT
    ]);
  });

  it('keeps both 01:30s when clocks go back (1 November 2026)', () => {
    // Sunday: 01:00–03:00 local is three real hours; 01:00–01:59 happens twice.
    const slots = generateSlots(
      ny({
        rules: [{ weekday: 7, start: '01:00', end: '03:00' }],
        from: new Date('2026-11-01T00:00:00Z'),
        until: new Date('2026-11-02T12:00:00Z'),
      }),
    );
    expect(iso(slots)).toEqual([
      '2026-11-01T05:00:00.000Z', // 01:00 EDT
      '2026-11-01T05:30:00.000Z', // 01:30 EDT
      '2026-11-01T06:00:00.000Z', // 01:00 EST
      '2026-11-01T06:30:00.000Z', // 01:30 EST
      '2026-11-01T07:00:00.000Z', // 02:00 EST
      '2026-11-01T07:30:00.000Z', // 02:30 EST
    ]);
  });

  it('keeps the same wall time across the change on ordinary days', () => {
    const slots = generateSlots(
      ny({
        rules: [{ weekday: 6, start: '10:00', end: '10:30' }],
        from: new Date('2026-10-30T00:00:00Z'),
        until: new Date('2026-11-08T00:00:00Z'),
      }),
    );
    // Saturday 31 October 10:00 EDT = 14:00Z; Saturday 7 November 10:00 EST = 15:00Z.
    expect(iso(slots)).toEqual(['2026-10-31T14:00:00.000Z', '2026-11-07T15:00:00.000Z']);
  });
});
