import { DEFAULT_COUNSELOR_SETTINGS, type CounselorStatus, type Role } from '@anxin/common';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/auth/actor.ts';
import type { CounselorProfileRow } from './counselor-access.ts';
import { addDays, addMonths, daysBetween, reminderThreshold } from './counselor-dates.ts';
import { certificateDue, nearestDue } from './counselor-list.ts';
import { actionsFor, isReviewOverdue } from './counselor.presenter.ts';
import { missingForSubmission, transitionRefusal } from './review-rules.ts';

const ORG = '00000000-0000-4000-8000-000000000001';
const OWNER = '00000000-0000-4000-8000-0000000000aa';
const ADMIN = '00000000-0000-4000-8000-0000000000bb';

const actor = (userId: string, roles: Role[]): Actor => ({
  userId,
  organizationId: ORG,
  displayName: 'x',
  roles,
  sessionId: 's',
  sessionKind: 'staff',
  verified: true,
  mfaEnrolled: true,
  mfaSatisfied: true,
  isDemo: false,
  breakGlass: [],
});

const profile = (
  status: CounselorStatus,
  extra: Partial<CounselorProfileRow> = {},
): CounselorProfileRow =>
  ({
    id: '00000000-0000-4000-8000-0000000000cc',
    organizationId: ORG,
    userId: OWNER,
    status,
    suspendedFor: null,
    lastReviewedAt: new Date('2026-01-01T00:00:00Z'),
    ...extra,
  }) as CounselorProfileRow;

describe('calendar arithmetic', () => {
  it('adds months, clamping to the end of a shorter month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-03-15', 12)).toBe('2027-03-15');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
  });

  it('adds days and counts the days between dates across month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-12-25', '2027-01-04')).toBe(10);
    expect(daysBetween('2027-01-04', '2026-12-25')).toBe(-10);
  });

  it('refuses what is not a calendar date', () => {
    expect(() => addDays('31/12/2026', 1)).toThrow();
  });
});

describe('reminder thresholds', () => {
  const days = [60, 30, 7];
  it.each([
    [61, null],
    [60, 60],
    [45, 60],
    [30, 30],
    [25, 30],
    [7, 7],
    [0, 7],
    [-1, null],
  ])('%i days before: the %s-day reminder', (left, expected) => {
    expect(reminderThreshold(left, days)).toBe(expected);
  });
});

describe('submission completeness', () => {
  const complete = {
    displayName: 'Lin',
    specialties: ['anxiety'],
    modalities: ['video'],
    bioZh: '',
    bioEn: 'Bio',
    qualifications: [{ fileId: 'f' }],
  };

  it('accepts a complete application', () => {
    expect(missingForSubmission(complete)).toEqual([]);
  });

  it('names each gap with its field', () => {
    const gaps = missingForSubmission({
      ...complete,
      specialties: [],
      modalities: [],
      bioEn: ' ',
      qualifications: [{ fileId: null }],
    });
    expect(gaps.map((g) => g.path)).toEqual(['specialties', 'modalities', 'bio', 'qualifications']);
  });
});

describe('transition refusals', () => {
  it('is a 409 naming the state, a 400 on body.reason, or a 403', () => {
    const state = transitionRefusal('approved', 'submit', 'not_allowed_from_state');
    expect([state.code, state.status]).toEqual(['invalid_transition', 409]);
    expect(state.detail).toContain('approved');
    const reason = transitionRefusal('submitted', 'reject', 'reason_required');
    expect([reason.code, reason.errors?.[0]?.path]).toEqual(['validation_failed', 'body.reason']);
    expect(transitionRefusal('submitted', 'approve', 'not_allowed_for_actor').status).toBe(403);
  });
});

describe('actions offered', () => {
  const owner = actor(OWNER, ['counselor']);
  const admin = actor(ADMIN, ['administrator']);
  const none = { hasQualification: false };

  it('lets the owner edit and submit an applicant profile, nothing else', () => {
    expect(actionsFor(owner, profile('applicant'), none)).toEqual([
      'edit',
      'submit',
      'confirm_current',
    ]);
  });

  it('gives administrators the decisions the state allows', () => {
    expect(actionsFor(admin, profile('under_review'), { hasQualification: true })).toEqual(
      expect.arrayContaining([
        'request_info',
        'approve',
        'reject',
        'remove',
        'verify_qualification',
      ]),
    );
    expect(actionsFor(admin, profile('approved'), none)).toEqual(
      expect.arrayContaining(['edit', 'suspend', 'remove', 'recheck', 'standing']),
    );
  });

  it('lets a reviewer decide certificates again (to correct a decision), not without any', () => {
    expect(actionsFor(admin, profile('approved'), { hasQualification: true })).toContain(
      'verify_qualification',
    );
    expect(actionsFor(admin, profile('approved'), none)).not.toContain('verify_qualification');
    expect(actionsFor(admin, profile('removed'), { hasQualification: true })).not.toContain(
      'verify_qualification',
    );
  });

  it('does not offer re-applying out of a sanction', () => {
    const sanctioned = profile('suspended', { suspendedFor: 'sanction' });
    expect(actionsFor(owner, sanctioned, none)).not.toContain('submit');
    const expired = profile('suspended', { suspendedFor: 'qualification_expired' });
    expect(actionsFor(owner, expired, none)).toContain('submit');
  });

  it('never lets an administrator decide on their own application', () => {
    const both = actor(OWNER, ['counselor', 'administrator']);
    const actions = actionsFor(both, profile('under_review'), { hasQualification: true });
    expect(actions).not.toContain('approve');
    expect(actions).not.toContain('verify_qualification');
  });

  it('offers nothing to someone who may not see the profile', () => {
    expect(actionsFor(actor(ADMIN, ['client']), profile('approved'), none)).toEqual([]);
  });
});

describe('profile review (A8) and due dates', () => {
  const settings = DEFAULT_COUNSELOR_SETTINGS;
  it('is overdue after the organisation’s period, never for a removed profile', () => {
    const now = new Date('2026-07-01T00:00:00Z');
    expect(isReviewOverdue(profile('approved'), settings, now)).toBe(true);
    const recent = profile('approved', { lastReviewedAt: new Date('2026-06-01T00:00:00Z') });
    expect(isReviewOverdue(recent, settings, now)).toBe(false);
    expect(isReviewOverdue(profile('removed'), settings, now)).toBe(false);
  });

  it('picks the nearer of a certificate expiry and the re-check', () => {
    expect(nearestDue('2027-01-01', '2027-06-01')).toEqual({
      on: '2027-01-01',
      kind: 'qualification',
    });
    expect(nearestDue('2027-09-01', '2027-06-01')).toEqual({ on: '2027-06-01', kind: 'recheck' });
    expect(nearestDue(null, null)).toBeNull();
  });

  it('takes the nearest certificate still valid, else the latest that expired', () => {
    const today = '2027-01-01';
    expect(certificateDue(['2027-05-01', '2026-06-01', '2027-03-01'], today)).toBe('2027-03-01');
    expect(certificateDue(['2026-06-01', '2026-09-01'], today)).toBe('2026-09-01');
    expect(certificateDue([], today)).toBeNull();
  });
});
