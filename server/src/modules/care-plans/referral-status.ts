import type { ReferralStatus } from '@anxin/common';

export type ReferralEvent = 'acknowledge' | 'close';

/**
 * The one transition table of a referral (C6): made → acknowledged (the resource took the
 * client on, or confirmed contact) → closed; a referral that went nowhere is closed straight
 * from made. Closed is final: a new referral is a new record.
 */
const TRANSITIONS: Readonly<
  Record<ReferralEvent, { from: readonly ReferralStatus[]; to: ReferralStatus }>
> = {
  acknowledge: { from: ['made'], to: 'acknowledged' },
  close: { from: ['made', 'acknowledged'], to: 'closed' },
};

export type ReferralTransitionCheck = { ok: true; to: ReferralStatus } | { ok: false };

export function checkReferralTransition(
  from: ReferralStatus,
  event: ReferralEvent,
): ReferralTransitionCheck {
  const t = TRANSITIONS[event];
  return t.from.includes(from) ? { ok: true, to: t.to } : { ok: false };
}

export const REFERRAL_STATUS_EVENT = { acknowledged: 'acknowledge', closed: 'close' } as const;
