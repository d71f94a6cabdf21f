import { CSSRS_SCREENER, GAD7, PHQ9 } from '@anxin/common';
import { describe, expect, it } from 'vitest';
import {
  askedItems,
  needsSupport,
  progressOf,
  pruneAnswers,
  unanswered,
  withAnswer,
} from './questionnaire.ts';

const ZERO = 'LA6568-5';
const SEVERAL = 'LA6569-3';
const codes = (items: { code: string }[]) => items.map((item) => item.code);

/** PHQ-9 answered 0 throughout, item 9 as given. */
const phq9 = (item9: string) => ({
  ...Object.fromEntries([1, 2, 3, 4, 5, 6, 7, 8].map((i) => [`phq9_${i}`, ZERO])),
  phq9_9: item9,
});

describe('the C-SSRS skip logic', () => {
  it('asks 1, 2 and 6 to begin with', () => {
    expect(codes(askedItems(CSSRS_SCREENER, {}))).toEqual(['cssrs_1', 'cssrs_2', 'cssrs_6']);
  });

  it('asks 3–5 after a yes to 2, and 6b after a yes to 6', () => {
    const answers = { cssrs_1: 'yes', cssrs_2: 'yes', cssrs_6: 'yes' };
    expect(codes(askedItems(CSSRS_SCREENER, answers))).toEqual([
      'cssrs_1',
      'cssrs_2',
      'cssrs_3',
      'cssrs_4',
      'cssrs_5',
      'cssrs_6',
      'cssrs_6b',
    ]);
  });

  it('drops the answers to 3–5 when 2 turns to no', () => {
    const before = { cssrs_1: 'no', cssrs_2: 'yes', cssrs_3: 'yes', cssrs_4: 'no', cssrs_6: 'no' };
    expect(withAnswer(CSSRS_SCREENER, before, 'cssrs_2', 'no')).toEqual({
      cssrs_1: 'no',
      cssrs_2: 'no',
      cssrs_6: 'no',
    });
    expect(pruneAnswers(CSSRS_SCREENER, { cssrs_6b: 'yes' })).toEqual({});
  });

  it('counts progress over the items asked now', () => {
    expect(progressOf(CSSRS_SCREENER, {})).toEqual({ answered: 0, total: 3 });
    expect(progressOf(CSSRS_SCREENER, { cssrs_2: 'yes' })).toEqual({ answered: 1, total: 6 });
    expect(unanswered(CSSRS_SCREENER, { cssrs_1: 'no', cssrs_2: 'no' })).toEqual(['cssrs_6']);
  });
});

describe('what the client must answer', () => {
  it('leaves the optional difficulty question out of the required ones', () => {
    expect(unanswered(PHQ9, phq9(ZERO))).toEqual([]);
    expect(progressOf(PHQ9, phq9(ZERO))).toEqual({ answered: 9, total: 10 });
    expect(unanswered(GAD7, { gad7_1: ZERO })).toHaveLength(6);
  });
});

describe('needsSupport', () => {
  it('is true for PHQ-9 item 9 above 0, whatever the total', () => {
    expect(needsSupport(PHQ9, phq9(SEVERAL))).toBe(true);
    expect(needsSupport(PHQ9, phq9(ZERO))).toBe(false);
  });

  it('is true for any positive C-SSRS answer, false for all noes', () => {
    expect(needsSupport(CSSRS_SCREENER, { cssrs_1: 'yes', cssrs_2: 'no', cssrs_6: 'no' })).toBe(
      true,
    );
    expect(needsSupport(CSSRS_SCREENER, { cssrs_1: 'no', cssrs_2: 'no', cssrs_6: 'no' })).toBe(
      false,
    );
  });

  it('never counts GAD-7 answers as risk', () => {
    expect(needsSupport(GAD7, { gad7_1: 'LA6571-9' })).toBe(false);
  });
});
