import type { VocabularyTerm } from '@anxin/common';
import { describe, expect, it } from 'vitest';
import {
  expiryLevel,
  formatDay,
  formatHours,
  initials,
  localizedBio,
  parseDayList,
  parseHours,
  progressRatio,
  recentYears,
  termLabel,
  transitionEvents,
  vocabularyLabel,
  vocabularyLabels,
  vocabularyOptions,
  yearFromParam,
} from './counselor-format.ts';

let next = 0;
function term(overrides: Partial<VocabularyTerm>): VocabularyTerm {
  next += 1;
  return {
    id: `00000000-0000-4000-8000-${String(next).padStart(12, '0')}`,
    kind: 'specialty',
    code: `code${next}`,
    labelZh: `中${next}`,
    labelEn: `En${next}`,
    active: true,
    sortOrder: next * 10,
    qualifies: true,
    ...overrides,
  };
}

const TERMS = [
  term({ code: 'depression', labelZh: '抑郁', labelEn: 'Depression', sortOrder: 20 }),
  term({ code: 'anxiety', labelZh: '焦虑', labelEn: 'Anxiety', sortOrder: 10 }),
  term({ code: 'old', labelZh: '旧', labelEn: 'Old', sortOrder: 5, active: false }),
  term({ kind: 'language', code: 'zh', labelZh: '普通话', labelEn: 'Mandarin' }),
];

describe('vocabulary labels', () => {
  it('label in the page language, falling back to the other when blank', () => {
    expect(termLabel({ labelZh: '焦虑', labelEn: 'Anxiety' }, 'zh-CN')).toBe('焦虑');
    expect(termLabel({ labelZh: '焦虑', labelEn: 'Anxiety' }, 'en')).toBe('Anxiety');
    expect(termLabel({ labelZh: '焦虑', labelEn: ' ' }, 'en')).toBe('焦虑');
  });

  it('shows an unknown code as itself and keys on the kind', () => {
    expect(vocabularyLabel(TERMS, 'specialty', 'anxiety', 'en')).toBe('Anxiety');
    expect(vocabularyLabel(TERMS, 'language', 'anxiety', 'en')).toBe('anxiety');
    expect(vocabularyLabel(TERMS, 'specialty', 'gone', 'zh-CN')).toBe('gone');
  });

  it('lists labels in the vocabulary order, whatever order the profile stored', () => {
    expect(vocabularyLabels(TERMS, 'specialty', ['depression', 'anxiety'], 'en')).toEqual([
      'Anxiety',
      'Depression',
    ]);
  });

  it('offers active terms in order, plus a retired one only when it is selected', () => {
    expect(vocabularyOptions(TERMS, 'specialty', 'en').map((o) => o.value)).toEqual([
      'anxiety',
      'depression',
    ]);
    expect(vocabularyOptions(TERMS, 'specialty', 'zh-CN', ['old'])).toEqual([
      { value: 'old', label: '旧' },
      { value: 'anxiety', label: '焦虑' },
      { value: 'depression', label: '抑郁' },
    ]);
  });
});

describe('localizedBio', () => {
  it('prefers the page language and falls back to the other, saying which it is', () => {
    expect(localizedBio({ bioZh: '你好', bioEn: 'Hello' }, 'en')).toEqual({
      text: 'Hello',
      lang: 'en',
    });
    expect(localizedBio({ bioZh: '你好', bioEn: '' }, 'en')).toEqual({
      text: '你好',
      lang: 'zh-CN',
    });
    expect(localizedBio({ bioZh: '  ', bioEn: 'Hello' }, 'zh-CN')).toEqual({
      text: 'Hello',
      lang: 'en',
    });
    expect(localizedBio({ bioZh: '', bioEn: ' ' }, 'zh-CN')).toBeNull();
  });
});

describe('initials', () => {
  it.each([
    ['林老师', '林'],
    ['Anna Lee', 'AL'],
    ['madonna', 'M'],
    ['  ', '?'],
    ['Ana María López', 'AM'],
    ['𠀋先生', '𠀋'],
  ])('of %j is %j', (name, expected) => {
    expect(initials(name)).toBe(expected);
  });
});

describe('expiryLevel', () => {
  it.each([
    [null, 'none'],
    [-1, 'expired'],
    [0, 'soon'],
    [60, 'soon'],
    [61, 'ok'],
  ] as const)('%s days → %s', (days, level) => {
    expect(expiryLevel(days)).toBe(level);
  });
});

describe('transitionEvents', () => {
  it('keeps only state changes, in the order of the flow', () => {
    expect(transitionEvents(['edit', 'reject', 'approve', 'recheck', 'request_info'])).toEqual([
      'request_info',
      'approve',
      'reject',
    ]);
  });
});

describe('hours', () => {
  it.each([
    ['1.5', 1.5],
    ['2', 2],
    ['0.1', 0.1],
    [' 12 ', 12],
    ['3。5', 3.5],
  ])('reads %j as %d', (text, hours) => {
    expect(parseHours(text)).toBe(hours);
  });

  it.each(['', '1.25', 'abc', '-1', '.5'])('refuses %j', (text) => {
    expect(parseHours(text)).toBeNull();
  });

  it('formats with at most one decimal', () => {
    expect(formatHours(12, 'en')).toBe('12');
    expect(formatHours(1.5, 'zh-CN')).toBe('1.5');
  });

  it('measures progress between 0 and 1, a zero requirement being met', () => {
    expect(progressRatio(5, 20)).toBe(0.25);
    expect(progressRatio(30, 20)).toBe(1);
    expect(progressRatio(0, 0)).toBe(1);
  });
});

describe('years', () => {
  it('offers this year and the five before it', () => {
    expect(recentYears(2026)).toEqual([2026, 2025, 2024, 2023, 2022, 2021]);
  });

  it('takes a plausible year from the address only', () => {
    expect(yearFromParam('2024', 2026)).toBe(2024);
    expect(yearFromParam(null, 2026)).toBe(2026);
    expect(yearFromParam('24', 2026)).toBe(2026);
    expect(yearFromParam('1999', 2026)).toBe(2026);
  });
});

describe('parseDayList', () => {
  it('reads any separator, drops repeats and sorts largest first', () => {
    expect(parseDayList('7, 30，60 30')).toEqual([60, 30, 7]);
    expect(parseDayList('60、30')).toEqual([60, 30]);
  });

  it.each(['', 'soon', '30, x', '1000'])('refuses %j', (text) => {
    expect(parseDayList(text)).toBeNull();
  });
});

describe('formatDay', () => {
  it('shows the calendar date itself, in either language', () => {
    expect(formatDay('2027-03-01', 'zh-CN')).toBe('2027年3月1日');
    expect(formatDay('2027-03-01', 'en')).toBe('Mar 1, 2027');
    expect(formatDay('soon', 'en')).toBe('soon');
  });
});
