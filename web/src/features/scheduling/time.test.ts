import { describe, expect, it } from 'vitest';
import {
  addDays,
  formatClock,
  formatInstant,
  groupByLocalDay,
  isoWeekday,
  localDayKey,
  utcRangeForDays,
  weekStart,
  zoneLabel,
} from './time.ts';

const slot = (startsAt: string) => ({ startsAt });

describe('groupByLocalDay', () => {
  it('groups by the day in Asia/Shanghai, not the UTC day', () => {
    // 16:00Z on 1 March is midnight on 2 March in Shanghai (UTC+8, no daylight saving).
    const groups = groupByLocalDay(
      [slot('2026-03-01T15:30:00Z'), slot('2026-03-01T16:00:00Z'), slot('2026-03-02T01:00:00Z')],
      'Asia/Shanghai',
    );
    expect(groups).toEqual([
      { day: '2026-03-01', items: [slot('2026-03-01T15:30:00Z')] },
      { day: '2026-03-02', items: [slot('2026-03-01T16:00:00Z'), slot('2026-03-02T01:00:00Z')] },
    ]);
  });

  it('follows New York across the start of daylight saving (8 March 2026)', () => {
    // 04:30Z on 8 March is 23:30 on 7 March (EST, UTC−5); 04:30Z on 9 March is 00:30 (EDT, UTC−4).
    const groups = groupByLocalDay(
      [slot('2026-03-09T04:30:00Z'), slot('2026-03-08T04:30:00Z'), slot('2026-03-08T05:30:00Z')],
      'America/New_York',
    );
    expect(groups.map((group) => group.day)).toEqual(['2026-03-07', '2026-03-08', '2026-03-09']);
    expect(groups[1]?.items).toEqual([slot('2026-03-08T05:30:00Z')]);
    expect(formatClock('2026-03-08T04:30:00Z', 'en', 'America/New_York')).toBe('23:30');
    expect(formatClock('2026-03-09T04:30:00Z', 'en', 'America/New_York')).toBe('00:30');
  });

  it('puts the same instants on different days in the two zones', () => {
    const items = [slot('2026-11-01T14:00:00Z')];
    expect(groupByLocalDay(items, 'Asia/Shanghai')[0]?.day).toBe('2026-11-01');
    expect(groupByLocalDay(items, 'America/New_York')[0]?.day).toBe('2026-11-01');
    expect(localDayKey('2026-11-01T17:00:00Z', 'Asia/Shanghai')).toBe('2026-11-02');
  });

  it('sorts items by time within a day', () => {
    const groups = groupByLocalDay(
      [slot('2026-03-02T03:00:00Z'), slot('2026-03-02T01:00:00Z')],
      'Asia/Shanghai',
    );
    expect(groups[0]?.items.map((item) => item.startsAt)).toEqual([
      '2026-03-02T01:00:00Z',
      '2026-03-02T03:00:00Z',
    ]);
  });
});

describe('formatInstant', () => {
  it('gives the deadline with date, time and zone in Shanghai', () => {
    const text = formatInstant('2026-03-01T06:00:00Z', 'en', 'Asia/Shanghai');
    expect(text).toContain('14:00');
    expect(text).toContain('Mar');
    expect(text).toMatch(/GMT\+8|CST/);
  });

  it('names daylight time in New York after the change and standard time before', () => {
    expect(formatInstant('2026-03-07T15:00:00Z', 'en', 'America/New_York')).toMatch(/10:00.*EST/);
    expect(formatInstant('2026-03-09T15:00:00Z', 'en', 'America/New_York')).toMatch(/11:00.*EDT/);
  });

  it('writes Chinese for the Chinese page', () => {
    expect(formatInstant('2026-03-01T06:00:00Z', 'zh-CN', 'Asia/Shanghai')).toContain('14:00');
  });
});

describe('zoneLabel', () => {
  it('names the zone with its offset', () => {
    expect(zoneLabel('Asia/Shanghai')).toBe('Asia/Shanghai (GMT+8)');
    expect(zoneLabel('America/New_York', new Date('2026-07-01T00:00:00Z'))).toBe(
      'America/New_York (GMT-4)',
    );
  });

  it('falls back to the bare name for an unknown zone', () => {
    expect(zoneLabel('Not/A_Zone')).toBe('Not/A_Zone');
  });
});

describe('calendar arithmetic', () => {
  it('adds days across months and finds the Monday of a week', () => {
    expect(addDays('2026-02-27', 3)).toBe('2026-03-02');
    expect(weekStart('2026-03-08')).toBe('2026-03-02');
    expect(weekStart('2026-03-02')).toBe('2026-03-02');
    expect(isoWeekday('2026-03-08')).toBe(7);
    expect(isoWeekday('2026-03-02')).toBe(1);
  });

  it('asks for a UTC range a day wider than the local days', () => {
    expect(utcRangeForDays('2026-03-02', 7)).toEqual({
      from: '2026-03-01T00:00:00.000Z',
      to: '2026-03-10T00:00:00.000Z',
    });
  });
});
