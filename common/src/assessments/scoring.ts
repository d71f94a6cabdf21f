import type { AssessmentDefinition, AssessmentItem } from './definitions.ts';

/** Answers as stored: item code → answer option code. */
export type Answers = Readonly<Record<string, string>>;

export type RiskSeverity = 'low' | 'moderate' | 'high';

export interface AssessmentRisk {
  /** The item whose answer is the risk. */
  item: string;
  kind: 'suicidal_ideation' | 'suicidal_behavior';
  severity: RiskSeverity;
}

export interface AssessmentScore {
  /** Sum-scored instruments: the total and its published band. */
  total: number | null;
  band: string | null;
  /** The C-SSRS screener's triage level. */
  triage: 'none' | RiskSeverity | null;
  risks: AssessmentRisk[];
}

export interface AnswerProblem {
  /** The item code, so the form can point at the question. */
  item: string;
  problem: 'unknown_item' | 'unknown_answer' | 'missing' | 'not_asked';
}

/** Whether an item is asked, given the answers so far (skip logic). */
export function isAsked(item: AssessmentItem, answers: Answers): boolean {
  if (!item.askedWhen) return true;
  const given = answers[item.askedWhen.item];
  return given !== undefined && item.askedWhen.answers.includes(given);
}

/**
 * Checks a complete submission: every asked required item answered with one of its options, no
 * answer to an unknown or skipped item. An empty list means the answers can be scored.
 */
export function checkAnswers(def: AssessmentDefinition, answers: Answers): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  const known = new Map(def.items.map((i) => [i.code, i]));
  for (const code of Object.keys(answers)) {
    if (!known.has(code)) problems.push({ item: code, problem: 'unknown_item' });
  }
  for (const item of def.items) {
    const given = answers[item.code];
    const asked = isAsked(item, answers);
    if (given === undefined) {
      if (asked && item.required) problems.push({ item: item.code, problem: 'missing' });
      continue;
    }
    if (!asked) problems.push({ item: item.code, problem: 'not_asked' });
    else if (!item.options.some((o) => o.code === given))
      problems.push({ item: item.code, problem: 'unknown_answer' });
  }
  return problems;
}

function optionScore(def: AssessmentDefinition, itemCode: string, answers: Answers): number {
  const item = def.items.find((i) => i.code === itemCode);
  const option = item?.options.find((o) => o.code === answers[itemCode]);
  return option?.score ?? 0;
}

const yes = (answers: Answers, item: string) => answers[item] === 'yes';

/**
 * The Columbia screener's triage: ideation alone is low risk; thinking about a method, or
 * suicidal behaviour more than three months ago, is moderate; intent, a plan, or behaviour in
 * the past three months is high.
 */
function cssrsTriage(answers: Answers): {
  triage: AssessmentScore['triage'];
  risks: AssessmentRisk[];
} {
  const risks: AssessmentRisk[] = [];
  const add = (item: string, kind: AssessmentRisk['kind'], severity: RiskSeverity) => {
    if (yes(answers, item)) risks.push({ item, kind, severity });
  };
  add('cssrs_1', 'suicidal_ideation', 'low');
  add('cssrs_2', 'suicidal_ideation', 'low');
  add('cssrs_3', 'suicidal_ideation', 'moderate');
  add('cssrs_4', 'suicidal_ideation', 'high');
  add('cssrs_5', 'suicidal_ideation', 'high');
  if (yes(answers, 'cssrs_6'))
    risks.push({
      item: 'cssrs_6',
      kind: 'suicidal_behavior',
      severity: yes(answers, 'cssrs_6b') ? 'high' : 'moderate',
    });
  const order: RiskSeverity[] = ['low', 'moderate', 'high'];
  const worst = risks.reduce<number>((m, r) => Math.max(m, order.indexOf(r.severity)), -1);
  return { triage: worst < 0 ? 'none' : (order[worst] ?? 'none'), risks };
}

/**
 * Scores checked answers exactly as the instrument publishes: the sum of the scored items and
 * the band it falls in. PHQ-9 item 9 above 0 is a risk whatever the total (a low total with a
 * positive item 9 must never go unnoticed).
 */
export function scoreAssessment(def: AssessmentDefinition, answers: Answers): AssessmentScore {
  if (def.scoring.kind === 'cssrs_triage') {
    const { triage, risks } = cssrsTriage(answers);
    return { total: null, band: null, triage, risks };
  }
  const total = def.items
    .filter((i) => i.scored)
    .reduce((sum, i) => sum + optionScore(def, i.code, answers), 0);
  const band = def.scoring.bands.find((b) => total >= b.min && total <= b.max);
  const risks: AssessmentRisk[] = [];
  if (def.code === 'phq9') {
    const item9 = optionScore(def, 'phq9_9', answers);
    if (item9 > 0)
      risks.push({
        item: 'phq9_9',
        kind: 'suicidal_ideation',
        severity: item9 >= 2 ? 'high' : 'moderate',
      });
  }
  return { total, band: band?.code ?? null, triage: null, risks };
}
