import {
  COUNSELOR_EVENTS,
  COUNSELOR_STATUSES,
  type CounselorEvent,
  type CounselorStatus,
} from '@anxin/common';
import { describe, expect, it } from 'vitest';
import { checkTransition, eventsFrom, type TransitionActor } from './counselor-status.ts';

const R = 'a written reason';

/**
 * Every allowed transition, written out by hand (not derived from the table under test): the
 * event, the state it starts from, who may fire it, and where it lands.
 */
const ALLOWED: [CounselorEvent, CounselorStatus, TransitionActor, CounselorStatus][] = [
  ['submit', 'applicant', 'counselor', 'submitted'],
  ['submit', 'more_info_requested', 'counselor', 'submitted'],
  ['submit', 'rejected', 'counselor', 'submitted'],
  ['submit', 'suspended', 'counselor', 'submitted'],
  ['start_review', 'submitted', 'administrator', 'under_review'],
  ['request_info', 'submitted', 'administrator', 'more_info_requested'],
  ['request_info', 'under_review', 'administrator', 'more_info_requested'],
  ['approve', 'under_review', 'administrator', 'approved'],
  ['reject', 'submitted', 'administrator', 'rejected'],
  ['reject', 'under_review', 'administrator', 'rejected'],
  ['suspend', 'approved', 'administrator', 'suspended'],
  ['suspend', 'approved', 'system', 'suspended'],
  ['reinstate', 'suspended', 'administrator', 'approved'],
  ...COUNSELOR_STATUSES.filter((s) => s !== 'removed').map(
    (s) =>
      ['remove', s, 'administrator', 'removed'] as [
        CounselorEvent,
        CounselorStatus,
        TransitionActor,
        CounselorStatus,
      ],
  ),
];
const ACTORS: TransitionActor[] = ['counselor', 'administrator', 'system'];

describe('counselor vetting transitions', () => {
  it.each(ALLOWED)('%s from %s by %s lands in %s', (event, from, by, to) => {
    expect(checkTransition(from, event, by, R)).toEqual({ ok: true, to });
  });

  // Every (event, state, actor) not listed above is refused.
  const forbidden = COUNSELOR_EVENTS.flatMap((event) =>
    COUNSELOR_STATUSES.flatMap((from) =>
      ACTORS.filter(
        (by) => !ALLOWED.some(([e, f, b]) => e === event && f === from && b === by),
      ).map((by) => [event, from, by] as const),
    ),
  );
  it.each(forbidden)('%s from %s by %s is refused', (event, from, by) => {
    expect(checkTransition(from, event, by, R).ok).toBe(false);
  });

  it('has no way out of removed', () => {
    for (const by of ACTORS) expect(eventsFrom('removed', by)).toEqual([]);
  });

  it('needs a reason for request_info, reject, suspend and remove, not for approve', () => {
    expect(checkTransition('under_review', 'reject', 'administrator', '')).toEqual({
      ok: false,
      why: 'reason_required',
    });
    expect(checkTransition('under_review', 'request_info', 'administrator', '  ok ')).toEqual({
      ok: false,
      why: 'reason_required',
    });
    expect(checkTransition('approved', 'suspend', 'system', null).ok).toBe(false);
    expect(checkTransition('approved', 'remove', 'administrator').ok).toBe(false);
    expect(checkTransition('under_review', 'approve', 'administrator').ok).toBe(true);
  });

  it('tells the state from the actor in its refusal', () => {
    expect(checkTransition('applicant', 'approve', 'administrator', R)).toEqual({
      ok: false,
      why: 'not_allowed_from_state',
    });
    expect(checkTransition('under_review', 'approve', 'counselor', R)).toEqual({
      ok: false,
      why: 'not_allowed_for_actor',
    });
  });

  it('offers a counselor only submit, and only where it is allowed', () => {
    expect(eventsFrom('applicant', 'counselor')).toEqual(['submit']);
    expect(eventsFrom('under_review', 'counselor')).toEqual([]);
    expect(eventsFrom('under_review', 'administrator').sort()).toEqual(
      ['approve', 'reject', 'remove', 'request_info'].sort(),
    );
  });
});
