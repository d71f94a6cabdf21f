import {
  isAsked,
  scoreAssessment,
  type Answers,
  type AssessmentDefinition,
  type AssessmentItem,
} from '@anxin/common';

/** The items asked given the answers so far: skip logic straight from the definition. */
export function askedItems(def: AssessmentDefinition, answers: Answers): AssessmentItem[] {
  return def.items.filter((item) => isAsked(item, answers));
}

/**
 * Answers without those to items no longer asked (a "no" to C-SSRS 2 takes 3–5 away), until
 * nothing changes, since a dropped answer can itself have been the condition of another.
 */
export function pruneAnswers(def: AssessmentDefinition, answers: Answers): Answers {
  let current: Record<string, string> = { ...answers };
  for (;;) {
    const asked = new Set(askedItems(def, current).map((item) => item.code));
    const next = Object.fromEntries(Object.entries(current).filter(([code]) => asked.has(code)));
    if (Object.keys(next).length === Object.keys(current).length) return next;
    current = next;
  }
}

/** The answers after choosing `option` for `item`. */
export function withAnswer(
  def: AssessmentDefinition,
  answers: Answers,
  item: string,
  option: string,
): Answers {
  return pruneAnswers(def, { ...answers, [item]: option });
}

/** How far along: answered items out of those asked now (the count moves as items appear). */
export function progressOf(
  def: AssessmentDefinition,
  answers: Answers,
): { answered: number; total: number } {
  const asked = askedItems(def, answers);
  return {
    answered: asked.filter((item) => answers[item.code] !== undefined).length,
    total: asked.length,
  };
}

/** Asked items the client must still answer before submitting, in order. */
export function unanswered(def: AssessmentDefinition, answers: Answers): string[] {
  return askedItems(def, answers)
    .filter((item) => item.required && answers[item.code] === undefined)
    .map((item) => item.code);
}

/**
 * Whether the answers hold what the instrument treats as risk (PHQ-9 item 9 above 0, a positive
 * C-SSRS answer): the page then offers crisis lines. Only this yes or no is used, never the
 * score, which the client is not shown.
 */
export function needsSupport(def: AssessmentDefinition, answers: Answers): boolean {
  return scoreAssessment(def, answers).risks.length > 0;
}
