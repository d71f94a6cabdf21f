import type { CounselorEvent, CounselorSettings } from '@anxin/common';
import type { AuditFields } from '../../platform/audit/request-audit.ts';
import type { VaultScope } from '../../platform/crypto/vault.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/http/app-error.ts';
import type { CounselorProfileRow } from './counselor-access.ts';
import { addMonths } from './counselor-dates.ts';
import { announceSuspension } from './counselor-events.ts';
import { notifyCounselor } from './counselor-notify.ts';
import { checkTransition, type TransitionActor } from './counselor-status.ts';
import {
  hasQualifyingCertificate,
  insertReviewEvent,
  liftSanctionSuspensions,
  listQualifications,
  updateProfile,
} from './counselor.repo.ts';
import { incompleteApplication, missingForSubmission, transitionRefusal } from './review-rules.ts';

type SuspendedFor = NonNullable<CounselorProfileRow['suspendedFor']>;

/** What a transition runs with: one transaction, its vault scope, and how it is audited. */
export interface TransitionDeps {
  tx: Db;
  vault: VaultScope;
  /** Appends the audit event: with the request's actor for people, as the system for the job. */
  audit: (fields: AuditFields) => Promise<unknown>;
  actorId: string | null;
  /** The organisation's calendar date. */
  today: string;
  settings: CounselorSettings;
}

export interface TransitionInput {
  event: CounselorEvent;
  by: TransitionActor;
  /** The written reason as given (checked for presence where the decision needs one). */
  reason?: string | null | undefined;
  /**
   * What is kept in clear (status reason, review history); defaults to `reason`. Standing
   * decisions pass null: their reason is sealed under the counselor's key instead (A9).
   */
  storedReason?: string | null | undefined;
  suspendedFor?: SuspendedFor;
  auditAction?: string;
  /** Send the counselor the decision notice (in-app and e-mail). */
  notify: boolean;
}

/**
 * Moves a profile (locked by the caller) through the vetting state machine (A3, A9): checks the
 * table and the event's own conditions, updates the profile, records the review event and the
 * audit event, tells the modules that react to a suspension, and notifies the counselor — all
 * on the caller's transaction.
 */
export async function applyTransition(
  deps: TransitionDeps,
  profile: CounselorProfileRow,
  input: TransitionInput,
): Promise<CounselorProfileRow> {
  const check = checkTransition(profile.status, input.event, input.by, input.reason);
  if (!check.ok) throw transitionRefusal(profile.status, input.event, check.why);
  await requireConditions(deps, profile, input.event);
  const stored = input.storedReason === undefined ? (input.reason ?? null) : input.storedReason;
  const now = new Date();
  const updated = await updateProfile(deps.tx, profile.id, {
    status: check.to,
    statusReason: stored?.trim() ? stored.trim() : null,
    ...changesFor(deps, input, now),
  });
  if (input.event === 'reinstate') await liftSanctionSuspensions(deps.tx, profile.id, deps.today);
  await insertReviewEvent(deps.tx, {
    organizationId: profile.organizationId,
    counselorId: profile.id,
    event: input.event,
    fromStatus: profile.status,
    toStatus: check.to,
    actorId: deps.actorId,
    reason: updated.statusReason,
  });
  await deps.audit({
    organizationId: profile.organizationId,
    action: input.auditAction ?? 'counselor.transition',
    entityType: 'counselor_profile',
    entityId: profile.id,
    subjectId: profile.userId,
    reason: updated.statusReason,
    changes: {
      status: { old: profile.status, new: check.to },
      ...(input.suspendedFor ? { suspendedFor: { old: null, new: input.suspendedFor } } : {}),
    },
  });
  if (check.to === 'suspended' || check.to === 'removed') {
    await announceSuspension(deps.tx, {
      organizationId: profile.organizationId,
      counselorId: profile.id,
      reason: check.to === 'removed' ? 'removed' : (input.suspendedFor ?? 'sanction'),
    });
  }
  if (input.notify) {
    await notifyCounselor(deps.tx, deps.vault, profile.userId, {
      template: 'counselor_review_decision',
      params: { status: check.to },
      mail: true,
    });
  }
  return updated;
}

/** The columns an event sets besides the status. */
function changesFor(deps: TransitionDeps, input: TransitionInput, now: Date) {
  switch (input.event) {
    case 'submit':
      return { submittedAt: now };
    case 'start_review':
      return { reviewerId: deps.actorId };
    case 'approve':
      // Approval is also the first periodic re-check (A3): the cycle starts today.
      return {
        approvedAt: now,
        reviewerId: deps.actorId,
        suspendedFor: null,
        lastRecheckedAt: now,
        recheckDueOn: addMonths(deps.today, deps.settings.recheckCycleMonths),
      };
    case 'reinstate':
      return { suspendedFor: null };
    case 'suspend':
      return { suspendedFor: input.suspendedFor ?? 'sanction' };
    default:
      return {};
  }
}

/** Conditions beyond the state table: completeness, a valid certificate, sanctions. */
async function requireConditions(
  deps: TransitionDeps,
  profile: CounselorProfileRow,
  event: CounselorEvent,
): Promise<void> {
  if (event === 'submit') {
    // A sanction is lifted by an administrator's reinstatement, never by re-applying (A9).
    if (profile.status === 'suspended' && profile.suspendedFor === 'sanction') {
      throw new AppError(
        'invalid_transition',
        'This suspension was decided by the organisation; only an administrator can lift it.',
      );
    }
    const qualifications = await listQualifications(deps.tx, profile.id);
    const gaps = missingForSubmission({ ...profile, qualifications });
    if (gaps.length) throw incompleteApplication(gaps);
  }
  if (event === 'approve' || event === 'reinstate') {
    if (!(await hasQualifyingCertificate(deps.tx, profile.id, deps.today))) {
      throw new AppError(
        'invalid_transition',
        'No verified, unexpired certificate of a qualifying type: verify one first.',
      );
    }
  }
  if (event === 'reinstate' && profile.recheckDueOn !== null && profile.recheckDueOn < deps.today) {
    throw new AppError(
      'invalid_transition',
      'The periodic re-check is overdue: confirm the re-check before reinstating.',
    );
  }
}
