import { describe, expect, it } from 'vitest';
import { fromTenths, toTenths, yearIn } from './development.presenter.ts';
import { yearRange } from './development.repo.ts';

describe('development arithmetic (C5)', () => {
  it("takes the year from the organisation's time zone, not the server's", () => {
    const newYearInShanghai = new Date('2026-12-31T16:30:00Z'); // 00:30 on 1 January there
    expect(yearIn('Asia/Shanghai', newYearInShanghai)).toBe(2027);
    expect(yearIn('UTC', newYearInShanghai)).toBe(2026);
    expect(yearIn('Asia/Shanghai', new Date('2026-12-31T15:59:59Z'))).toBe(2026);
  });

  it('keeps hours exact as tenths', () => {
    expect([1.5, 2.3, 0.1].map(toTenths)).toEqual([15, 23, 1]);
    expect(fromTenths(15 + 23 + 1)).toBe(3.9);
    expect(0.1 + 0.2).not.toBe(0.3); // what summing floats would have given
    expect(fromTenths(toTenths(0.1) + toTenths(0.2))).toBe(0.3);
  });

  it('bounds a year by calendar dates, both ends included', () => {
    expect(yearRange(2025)).toEqual({ from: '2025-01-01', to: '2025-12-31' });
  });
});
