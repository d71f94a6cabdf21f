import { REFERRAL_STATUSES } from '@anxin/common';
import { describe, expect, it } from 'vitest';
import { checkReferralTransition, type ReferralEvent } from './referral-status.ts';

const EVENTS: ReferralEvent[] = ['acknowledge', 'close'];

const ALLOWED: Record<string, string> = {
  'made/acknowledge': 'acknowledged',
  'made/close': 'closed',
  'acknowledged/close': 'closed',
};

describe('the referral state machine', () => {
  for (const from of REFERRAL_STATUSES) {
    for (const event of EVENTS) {
      const key = `${from}/${event}`;
      it(`${key} → ${ALLOWED[key] ?? 'refused'}`, () => {
        const check = checkReferralTransition(from, event);
        expect(check.ok ? check.to : 'refused').toBe(ALLOWED[key] ?? 'refused');
      });
    }
  }
});
