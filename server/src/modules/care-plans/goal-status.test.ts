import { GOAL_STATUSES } from '@anxin/common';
import { describe, expect, it } from 'vitest';
import { checkGoalTransition, type GoalEvent } from './goal-status.ts';

const EVENTS: GoalEvent[] = ['review', 'achieve', 'discontinue', 'revise'];

/** Every (state, event) pair that is allowed, and where it leads; everything else is refused. */
const ALLOWED: Record<string, string> = {
  'active/review': 'active',
  'active/achieve': 'achieved',
  'active/discontinue': 'discontinued',
  'active/revise': 'revised',
};

describe('the treatment goal state machine', () => {
  for (const from of GOAL_STATUSES) {
    for (const event of EVENTS) {
      const key = `${from}/${event}`;
      it(`${key} → ${ALLOWED[key] ?? 'refused'}`, () => {
        const check = checkGoalTransition(from, event);
        expect(check.ok ? check.to : 'refused').toBe(ALLOWED[key] ?? 'refused');
      });
    }
  }
});
