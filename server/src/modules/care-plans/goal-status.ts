import type { GoalStatus } from '@anxin/common';

export type GoalEvent = 'review' | 'achieve' | 'discontinue' | 'revise';

/**
 * The one transition table of a treatment goal (C4). Only an active goal is reviewed, met,
 * given up or revised; every other state is final. A revision does not edit the goal: the
 * goal becomes `revised` and a new active goal points back at it, so what was agreed, and what
 * the reviews measured against, stays readable as it was.
 */
const TRANSITIONS: Readonly<Record<GoalEvent, { from: readonly GoalStatus[]; to: GoalStatus }>> = {
  review: { from: ['active'], to: 'active' },
  achieve: { from: ['active'], to: 'achieved' },
  discontinue: { from: ['active'], to: 'discontinued' },
  revise: { from: ['active'], to: 'revised' },
};

export type GoalTransitionCheck = { ok: true; to: GoalStatus } | { ok: false };

export function checkGoalTransition(from: GoalStatus, event: GoalEvent): GoalTransitionCheck {
  const t = TRANSITIONS[event];
  return t.from.includes(from) ? { ok: true, to: t.to } : { ok: false };
}

/** The event of a requested status (the status endpoint names the state, not the event). */
export const STATUS_EVENT = { achieved: 'achieve', discontinued: 'discontinue' } as const;
