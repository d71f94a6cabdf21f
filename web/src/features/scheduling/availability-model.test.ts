import { availabilityInputSchema } from '@anxin/common';
import { describe, expect, it } from 'vitest';
import { draftFrom, draftProblems, inputFrom } from './availability-model.ts';

const saved = {
  timeZone: 'Asia/Shanghai',
  rules: [
    { weekday: 3, start: '14:00', end: '18:00' },
    { weekday: 1, start: '09:00', end: '12:00' },
  ],
  overrides: [
    { date: '2026-03-05', kind: 'off' as const, start: null, end: null },
    { date: '2026-03-04', kind: 'off' as const, start: '09:00', end: '10:00' },
    { date: '2026-03-07', kind: 'extra' as const, start: '10:00', end: '12:00' },
  ],
};

describe('availability drafts', () => {
  it('reads whole and partial days off apart, and writes them back unchanged', () => {
    const draft = draftFrom(saved, 'UTC');
    expect(draft.overrides.map((row) => row.mode)).toEqual(['partial', 'off', 'extra']);
    expect(draft.rules.map((row) => row.weekday)).toEqual([1, 3]);
    const input = inputFrom(draft);
    expect(availabilityInputSchema.safeParse(input).success).toBe(true);
    expect(input.overrides).toEqual(expect.arrayContaining(saved.overrides));
  });

  it('starts empty in the given zone when nothing is saved', () => {
    expect(draftFrom(null, 'Europe/Berlin')).toEqual({
      timeZone: 'Europe/Berlin',
      rules: [],
      overrides: [],
    });
  });

  it('finds reversed, missing and overlapping ranges', () => {
    const draft = draftFrom(saved, 'UTC');
    draft.rules.push(
      { key: 901, weekday: 1, start: '11:00', end: '13:00' },
      { key: 902, weekday: 2, start: '12:00', end: '10:00' },
      { key: 903, weekday: 2, start: '', end: '10:00' },
    );
    draft.overrides.push({ key: 904, date: '2026-03-08', mode: 'extra', start: '', end: '' });
    const problems = draftProblems(draft);
    expect(problems.get(901)).toBe('overlap');
    expect(problems.get(902)).toBe('order');
    expect(problems.get(903)).toBe('missing');
    expect(problems.get(904)).toBe('missing');
    expect(problems.size).toBe(4);
  });
});
