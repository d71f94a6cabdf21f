import { describe, expect, it } from 'vitest';
import {
  ASSESSMENTS,
  CSSRS_SCREENER,
  GAD7,
  PHQ9,
  type AssessmentDefinition,
  type AssessmentItem,
} from './definitions.ts';
import { checkAnswers, scoreAssessment, type Answers } from './scoring.ts';

/** Answers whose scored items sum to `total`, filling items in order (3 each, then the rest). */
function answersFor(
  def: AssessmentDefinition,
  total: number,
  last?: number,
): Record<string, string> {
  const scored = def.items.filter((i) => i.scored);
  const pick = (item: AssessmentItem, score: number) => {
    const option = item.options.find((o) => o.score === score);
    if (!option) throw new Error(`${item.code} has no option scoring ${score}`);
    return option.code;
  };
  const out: Record<string, string> = {};
  let left = total;
  // Optionally pin the last scored item (PHQ-9 item 9) and spread the rest over the others.
  const free = last === undefined ? scored : scored.slice(0, -1);
  if (last !== undefined) {
    const item = scored.at(-1);
    if (!item) throw new Error('no scored item');
    out[item.code] = pick(item, last);
    left -= last;
  }
  for (const item of free) {
    const s = Math.min(3, left);
    out[item.code] = pick(item, s);
    left -= s;
  }
  if (left !== 0) throw new Error(`cannot reach ${total}`);
  return out;
}

// The published bands, written out here rather than read from the definitions under test.
const PHQ9_BANDS: [number, string][] = [
  [0, 'minimal'],
  [4, 'minimal'],
  [5, 'mild'],
  [9, 'mild'],
  [10, 'moderate'],
  [14, 'moderate'],
  [15, 'moderately_severe'],
  [19, 'moderately_severe'],
  [20, 'severe'],
  [27, 'severe'],
];
const GAD7_BANDS: [number, string][] = [
  [0, 'minimal'],
  [4, 'minimal'],
  [5, 'mild'],
  [9, 'mild'],
  [10, 'moderate'],
  [14, 'moderate'],
  [15, 'severe'],
  [21, 'severe'],
];

describe('PHQ-9 scoring', () => {
  it.each(PHQ9_BANDS)('a total of %i is %s', (total, band) => {
    // Item 9 stays at 0 unless the total needs it (27 is every item at 3).
    const item9 = Math.max(0, total - 24);
    const answers = answersFor(PHQ9, total, item9);
    expect(checkAnswers(PHQ9, answers)).toEqual([]);
    const score = scoreAssessment(PHQ9, answers);
    expect(score).toMatchObject({ total, band });
    expect(score.risks.length > 0).toBe(item9 > 0);
  });

  it('gives every total from 0 to 27 exactly one band', () => {
    for (let total = 0; total <= 27; total++) {
      const bands = (PHQ9.scoring.kind === 'sum' ? PHQ9.scoring.bands : []).filter(
        (b) => total >= b.min && total <= b.max,
      );
      expect(bands, `total ${total}`).toHaveLength(1);
    }
  });

  it('does not count the difficulty question', () => {
    const answers = { ...answersFor(PHQ9, 4, 0), phq9_difficulty: 'LA6575-0' };
    expect(scoreAssessment(PHQ9, answers).total).toBe(4);
  });

  it.each([
    [1, 'moderate'],
    [2, 'high'],
    [3, 'high'],
  ] as const)('item 9 answered %i raises a %s risk even when the total is minimal', (s, sev) => {
    const answers = answersFor(PHQ9, s, s);
    const score = scoreAssessment(PHQ9, answers);
    expect(score.band).toBe(s <= 4 ? 'minimal' : score.band);
    expect(score.risks).toEqual([{ item: 'phq9_9', kind: 'suicidal_ideation', severity: sev }]);
  });

  it('raises nothing for a severe total with item 9 at 0', () => {
    const score = scoreAssessment(PHQ9, answersFor(PHQ9, 24, 0));
    expect(score).toMatchObject({ total: 24, band: 'severe', risks: [] });
  });
});

describe('GAD-7 scoring', () => {
  it.each(GAD7_BANDS)('a total of %i is %s', (total, band) => {
    const answers = answersFor(GAD7, total);
    expect(checkAnswers(GAD7, answers)).toEqual([]);
    expect(scoreAssessment(GAD7, answers)).toMatchObject({ total, band, risks: [] });
  });
});

describe('C-SSRS screener triage', () => {
  const no = {
    cssrs_1: 'no',
    cssrs_2: 'no',
    cssrs_6: 'no',
  };
  const thoughts = { ...no, cssrs_2: 'yes', cssrs_3: 'no', cssrs_4: 'no', cssrs_5: 'no' };
  it.each<[string, Answers, string]>([
    ['all no', no, 'none'],
    ['a wish to be dead', { ...no, cssrs_1: 'yes' }, 'low'],
    ['thoughts without method', thoughts, 'low'],
    ['thinking about a method', { ...thoughts, cssrs_3: 'yes' }, 'moderate'],
    ['intent', { ...thoughts, cssrs_4: 'yes' }, 'high'],
    ['a plan', { ...thoughts, cssrs_5: 'yes' }, 'high'],
    ['behaviour over three months ago', { ...no, cssrs_6: 'yes', cssrs_6b: 'no' }, 'moderate'],
    ['behaviour in the past three months', { ...no, cssrs_6: 'yes', cssrs_6b: 'yes' }, 'high'],
  ])('%s → %s', (_name, answers, triage) => {
    expect(checkAnswers(CSSRS_SCREENER, answers)).toEqual([]);
    const score = scoreAssessment(CSSRS_SCREENER, answers);
    expect(score.triage).toBe(triage);
    expect(score.risks.length > 0).toBe(triage !== 'none');
  });

  it('asks 3–5 only after a yes to 2, and 6b only after a yes to 6', () => {
    expect(checkAnswers(CSSRS_SCREENER, { ...no, cssrs_3: 'yes' })).toEqual([
      { item: 'cssrs_3', problem: 'not_asked' },
    ]);
    expect(checkAnswers(CSSRS_SCREENER, { ...no, cssrs_2: 'yes' })).toEqual([
      { item: 'cssrs_3', problem: 'missing' },
      { item: 'cssrs_4', problem: 'missing' },
      { item: 'cssrs_5', problem: 'missing' },
    ]);
    expect(checkAnswers(CSSRS_SCREENER, { ...no, cssrs_6: 'yes' })).toEqual([
      { item: 'cssrs_6b', problem: 'missing' },
    ]);
  });
});

describe('answer checks', () => {
  it('names the missing, unknown and mis-answered items', () => {
    const answers = { ...answersFor(PHQ9, 0, 0), phq9_3: 'LA9999-9', bogus: 'x' };
    delete (answers as Record<string, string>).phq9_1;
    expect(checkAnswers(PHQ9, answers)).toEqual([
      { item: 'bogus', problem: 'unknown_item' },
      { item: 'phq9_1', problem: 'missing' },
      { item: 'phq9_3', problem: 'unknown_answer' },
    ]);
  });

  it('has both languages for every text, and distinct item codes', () => {
    for (const def of Object.values(ASSESSMENTS)) {
      const codes = def.items.map((i) => i.code);
      expect(new Set(codes).size).toBe(codes.length);
      for (const item of def.items) {
        expect(item.text['zh-CN'].length).toBeGreaterThan(1);
        expect(item.text.en.length).toBeGreaterThan(1);
        for (const o of item.options) expect(o.label['zh-CN'] && o.label.en).toBeTruthy();
      }
    }
  });

  it('carries the LOINC codes of PHQ-9 and GAD-7', () => {
    expect(PHQ9.loinc).toEqual({ panel: '44249-1', total: '44261-6' });
    expect(PHQ9.items.find((i) => i.code === 'phq9_9')?.loinc).toBe('44260-8');
    expect(GAD7.loinc).toEqual({ panel: '69737-5', total: '70274-6' });
  });
});
