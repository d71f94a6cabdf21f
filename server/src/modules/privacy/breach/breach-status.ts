import type { BreachStatus } from '@anxin/common';

/**
 * How an incident's handling moves on (B12), as one table: detected → assessed → notifying →
 * reported → closed. Two shortcuts, both deliberate: an assessed incident with nobody to tell
 * goes straight to `reported`, and one assessed as no personal-information incident at all is
 * closed without a report. Nothing goes back: a later finding is a change to the incident's facts
 * (severity, categories, scope), not a step back in its handling.
 */
export const BREACH_TRANSITIONS: Readonly<Record<BreachStatus, readonly BreachStatus[]>> = {
  detected: ['assessed'],
  assessed: ['notifying', 'reported', 'closed'],
  notifying: ['reported'],
  reported: ['closed'],
  closed: [],
};

export function canTransition(from: BreachStatus, to: BreachStatus): boolean {
  return BREACH_TRANSITIONS[from].includes(to);
}

export function nextStatuses(from: BreachStatus): BreachStatus[] {
  return [...BREACH_TRANSITIONS[from]];
}

/** People can be told once the incident is assessed, and until it is closed. */
export function canNotify(status: BreachStatus): boolean {
  return status === 'assessed' || status === 'notifying' || status === 'reported';
}
