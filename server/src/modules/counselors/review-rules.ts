import type { CounselorEvent, CounselorStatus, FieldError } from '@anxin/common';
import type { Actor } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/http/app-error.ts';
import type { CounselorProfileRow } from './counselor-access.ts';
import { EDITABLE_STATUSES, type TransitionCheck } from './counselor-status.ts';

/** What a submission is judged on (A3): the profile's public fields and the certificates. */
export interface SubmissionFacts {
  displayName: string;
  specialties: readonly string[];
  modalities: readonly string[];
  bioZh: string;
  bioEn: string;
  qualifications: readonly { fileId: string | null }[];
}

/**
 * What is missing before an application can be submitted, one entry per gap, with the field it
 * concerns, so the form can point at it. Empty when complete.
 */
export function missingForSubmission(p: SubmissionFacts): FieldError[] {
  const gaps: FieldError[] = [];
  const gap = (path: string, message: string) => gaps.push({ path, message, code: 'missing' });
  if (!p.displayName.trim()) gap('displayName', 'a display name');
  if (p.specialties.length === 0) gap('specialties', 'at least one specialty');
  if (p.modalities.length === 0) gap('modalities', 'at least one way of working');
  if (!p.bioZh.trim() && !p.bioEn.trim()) gap('bio', 'a biography in at least one language');
  if (!p.qualifications.some((q) => q.fileId !== null)) {
    gap('qualifications', 'at least one qualification with its scanned certificate');
  }
  return gaps;
}

export function incompleteApplication(gaps: FieldError[]): AppError {
  const list = gaps.map((g) => g.message).join('; ');
  return new AppError(
    'invalid_transition',
    `The application is not complete. Still needed: ${list}.`,
    gaps,
  );
}

const STATUS_WORDS: Record<CounselorStatus, string> = {
  applicant: 'a draft',
  submitted: 'submitted',
  under_review: 'under review',
  more_info_requested: 'waiting for more information',
  approved: 'approved',
  rejected: 'rejected',
  suspended: 'suspended',
  removed: 'removed',
};

/**
 * The problem for a refused transition: a state that does not allow the event is a conflict
 * (409, saying which state); a missing reason is a field error on `body.reason`.
 */
export function transitionRefusal(
  status: CounselorStatus,
  event: CounselorEvent,
  why: Extract<TransitionCheck, { ok: false }>['why'],
): AppError {
  if (why === 'reason_required') {
    return new AppError('validation_failed', 'This decision needs a written reason.', [
      {
        path: 'body.reason',
        message: 'Give the reason in at least 5 characters',
        code: 'too_small',
      },
    ]);
  }
  if (why === 'not_allowed_for_actor') {
    return new AppError('forbidden', `You may not ${event.replace('_', ' ')} this application.`);
  }
  return new AppError(
    'invalid_transition',
    `"${event}" is not possible while the application is ${STATUS_WORDS[status]}.`,
  );
}

/** While an administrator holds the application (submitted, under review), it stays as sent. */
export function requireEditable(row: Pick<CounselorProfileRow, 'status'>): void {
  if (!EDITABLE_STATUSES.includes(row.status)) {
    throw new AppError(
      'invalid_transition',
      `The profile cannot be changed while it is ${STATUS_WORDS[row.status]}.`,
    );
  }
}

/**
 * Administrators decide on other people's applications only: one who is also a counselor does
 * not review, approve or sanction themself (a conflict of interest the audit alone would not stop).
 */
export function requireNotOwn(actor: Actor, row: Pick<CounselorProfileRow, 'userId'>): void {
  if (row.userId === actor.userId) {
    throw new AppError('forbidden', 'You cannot decide on your own application.');
  }
}
