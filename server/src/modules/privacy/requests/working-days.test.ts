import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  endOfLocalDay,
  isWorkingDay,
  localDate,
  type WorkingDayExceptions,
} from './working-days.ts';

// National Day 2025 in mainland China: 1–8 October off; Sunday 28 September and Saturday
// 11 October are make-up working days (调休).
const nationalDay2025: WorkingDayExceptions = new Map([
  ['2025-09-28', true],
  ['2025-10-01', false],
  ['2025-10-02', false],
  ['2025-10-03', false],
  ['2025-10-04', false],
  ['2025-10-05', false],
  ['2025-10-06', false],
  ['2025-10-07', false],
  ['2025-10-08', false],
  ['2025-10-11', true],
]);
const none: WorkingDayExceptions = new Map();

describe('working days', () => {
  it('counts Monday to Friday without exceptions', () => {
    expect(addWorkingDays('2025-09-26', 15, none)).toBe('2025-10-17');
    expect(addWorkingDays('2025-09-26', 1, none)).toBe('2025-09-29'); // Friday → Monday
    expect(addWorkingDays('2025-09-27', 1, none)).toBe('2025-09-29'); // Saturday → Monday
    expect(addWorkingDays('2025-09-26', 0, none)).toBe('2025-09-26');
  });

  it('skips a holiday week and counts make-up weekend days', () => {
    // 28 Sep (make-up), 29, 30, then 9, 10, 11 (make-up Saturday), 13–17, 20–23 October.
    expect(addWorkingDays('2025-09-26', 15, nationalDay2025)).toBe('2025-10-23');
    expect(addWorkingDays('2025-09-26', 1, nationalDay2025)).toBe('2025-09-28');
    expect(addWorkingDays('2025-09-30', 1, nationalDay2025)).toBe('2025-10-09');
    expect(addWorkingDays('2025-10-10', 1, nationalDay2025)).toBe('2025-10-11');
    // Received during the holiday: the count starts on the first working day after it.
    expect(addWorkingDays('2025-10-03', 2, nationalDay2025)).toBe('2025-10-10');
  });

  it('reads exceptions before the weekday rule', () => {
    expect(isWorkingDay('2025-09-28', nationalDay2025)).toBe(true); // Sunday, make-up
    expect(isWorkingDay('2025-10-01', nationalDay2025)).toBe(false); // Wednesday, holiday
    expect(isWorkingDay('2025-10-12', nationalDay2025)).toBe(false); // ordinary Sunday
    expect(isWorkingDay('2025-10-13', nationalDay2025)).toBe(true);
  });

  it('refuses nonsense', () => {
    expect(() => addWorkingDays('2025-09-26', -1, none)).toThrow(RangeError);
    expect(() => addWorkingDays('not-a-date', 1, none)).toThrow(RangeError);
    const allOff = { get: () => false, has: () => true } as unknown as WorkingDayExceptions;
    expect(() => addWorkingDays('2025-09-26', 1, allOff)).toThrow(RangeError);
  });

  it('reads dates in the organisation time zone', () => {
    // 17:00 UTC on Friday is already Saturday in Shanghai.
    expect(localDate(new Date('2025-09-26T17:00:00Z'), 'Asia/Shanghai')).toBe('2025-09-27');
    expect(endOfLocalDay('2025-10-23', 'Asia/Shanghai').toISOString()).toBe(
      '2025-10-23T15:59:59.999Z',
    );
  });
});
