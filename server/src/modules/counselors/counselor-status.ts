import type { CounselorEvent, CounselorStatus } from '@anxin/common';

/** Who may cause a transition: the counselor themself, an administrator, or the expiry job. */
export type TransitionActor = 'counselor' | 'administrator' | 'system';

interface Transition {
  from: readonly CounselorStatus[];
  to: CounselorStatus;
  by: readonly TransitionActor[];
  /** A written reason is part of the decision (shown to the counselor, audited). */
  reasonRequired: boolean;
}

const LIVE: readonly CounselorStatus[] = [
  'applicant',
  'submitted',
  'under_review',
  'more_info_requested',
  'approved',
  'rejected',
  'suspended',
];

/**
 * The vetting state machine (A3; DOMAIN.md "Counselor standing"), in one table. A counselor
 * submits (again after a request for more, a rejection, or a suspension for an expired
 * certificate); an administrator takes the application into review and decides; the expiry job
 * or an administrator suspends; re-approval reinstates; removal ends everything.
 */
export const COUNSELOR_TRANSITIONS: Readonly<Record<CounselorEvent, Transition>> = {
  submit: {
    from: ['applicant', 'more_info_requested', 'rejected', 'suspended'],
    to: 'submitted',
    by: ['counselor'],
    reasonRequired: false,
  },
  start_review: {
    from: ['submitted'],
    to: 'under_review',
    by: ['administrator'],
    reasonRequired: false,
  },
  request_info: {
    from: ['submitted', 'under_review'],
    to: 'more_info_requested',
    by: ['administrator'],
    reasonRequired: true,
  },
  approve: { from: ['under_review'], to: 'approved', by: ['administrator'], reasonRequired: false },
  reject: {
    from: ['submitted', 'under_review'],
    to: 'rejected',
    by: ['administrator'],
    reasonRequired: true,
  },
  suspend: {
    from: ['approved'],
    to: 'suspended',
    by: ['administrator', 'system'],
    reasonRequired: true,
  },
  reinstate: { from: ['suspended'], to: 'approved', by: ['administrator'], reasonRequired: false },
  remove: { from: LIVE, to: 'removed', by: ['administrator'], reasonRequired: true },
};

export type TransitionCheck =
  | { ok: true; to: CounselorStatus }
  | { ok: false; why: 'not_allowed_from_state' | 'not_allowed_for_actor' | 'reason_required' };

/** Whether `event` may move a profile in `from`, by `by`, with or without a reason. Pure. */
export function checkTransition(
  from: CounselorStatus,
  event: CounselorEvent,
  by: TransitionActor,
  reason?: string | null,
): TransitionCheck {
  const t = COUNSELOR_TRANSITIONS[event];
  if (!t.from.includes(from)) return { ok: false, why: 'not_allowed_from_state' };
  if (!t.by.includes(by)) return { ok: false, why: 'not_allowed_for_actor' };
  if (t.reasonRequired && (reason ?? '').trim().length < 5)
    return { ok: false, why: 'reason_required' };
  return { ok: true, to: t.to };
}

/** The events `by` could fire from `from` (the UI's buttons). */
export function eventsFrom(from: CounselorStatus, by: TransitionActor): CounselorEvent[] {
  return (Object.keys(COUNSELOR_TRANSITIONS) as CounselorEvent[]).filter((e) => {
    const t = COUNSELOR_TRANSITIONS[e];
    return t.from.includes(from) && t.by.includes(by);
  });
}

/** The profile's public fields may be edited while it is not in an administrator's hands. */
export const EDITABLE_STATUSES: readonly CounselorStatus[] = [
  'applicant',
  'more_info_requested',
  'rejected',
  'approved',
  'suspended',
];
