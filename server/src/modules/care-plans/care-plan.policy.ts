import { definePolicy } from '../../platform/auth/policy.ts';
import type { referrals, treatmentGoals } from '../../platform/db/schema/index.ts';
import { careRelations, type CareResource } from '../records/clinical-relations.ts';

const goal = careRelations<typeof treatmentGoals>();
const referral = careRelations<typeof referrals>();

/**
 * Treatment goals and their progress reviews (C4), read like clinical notes (DOMAIN "clinical
 * notes"): the author; the client's counselor in the current episode; the supervisors of either;
 * supervisors and administrators otherwise only through break-glass. Those who carry the
 * episode (the author, the current counselor) review, change the status and revise; a
 * supervisor reads (visible but not theirs to write: 403).
 */
export const goalPolicy = definePolicy<CareResource, typeof treatmentGoals, 'read' | 'write'>({
  read: [
    { roles: ['counselor'], relation: goal.author },
    { roles: ['counselor'], relation: goal.currentCounselor },
    { roles: ['supervisor'], relation: goal.supervisor },
    { roles: ['supervisor', 'administrator'], relation: goal.breakGlass },
  ],
  write: [
    { roles: ['counselor'], relation: goal.author },
    { roles: ['counselor'], relation: goal.currentCounselor },
  ],
});

/** Referrals (C6): the same readers and writers as goals, for the same reasons. */
export const referralPolicy = definePolicy<CareResource, typeof referrals, 'read' | 'write'>({
  read: [
    { roles: ['counselor'], relation: referral.author },
    { roles: ['counselor'], relation: referral.currentCounselor },
    { roles: ['supervisor'], relation: referral.supervisor },
    { roles: ['supervisor', 'administrator'], relation: referral.breakGlass },
  ],
  write: [
    { roles: ['counselor'], relation: referral.author },
    { roles: ['counselor'], relation: referral.currentCounselor },
  ],
});
