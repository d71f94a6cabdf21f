import type { CounselorEvent, CounselorProfile } from '@anxin/common';
import type { Actor } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/http/app-error.ts';
import { loadProfileFor } from './counselor-access.ts';
import { addMonths } from './counselor-dates.ts';
import {
  deliverSoon,
  inTransaction,
  presentAudited,
  type CounselorContext,
} from './counselor-context.ts';
import { applyTransition } from './counselor-transition.ts';
import { hasQualifyingCertificate, updateProfile } from './counselor.repo.ts';
import { requireNotOwn } from './review-rules.ts';
import { recordStanding } from './standing.service.ts';

/**
 * Fires a vetting event (A3): the counselor submits their own application; administrators take
 * every other decision. The profile row is locked so concurrent decisions queue.
 */
export async function transitionProfile(
  ctx: CounselorContext,
  actor: Actor,
  id: string,
  input: { event: CounselorEvent; reason?: string | undefined },
): Promise<CounselorProfile> {
  // Suspension and removal are sanctions (A9): their reasons may describe a complaint and the
  // people in it, so they go through the standing record, sealed, never into the history in clear.
  if (input.event === 'suspend' || input.event === 'remove') {
    // Authorise first: who may not decide learns nothing about what the decision would need.
    const current = await ctx.app.database.db.transaction((tx) =>
      loadProfileFor(tx, actor, id, 'review'),
    );
    requireNotOwn(actor, current);
    const reason = input.reason?.trim() ?? '';
    if (reason.length < 10) {
      throw new AppError('validation_failed', 'Give the reason for this decision.', [
        { path: 'body.reason', message: 'At least 10 characters', code: 'too_small' },
      ]);
    }
    if (input.event === 'suspend' && current.status !== 'approved') {
      throw new AppError(
        'invalid_transition',
        `A counselor who is ${current.status} cannot be suspended.`,
      );
    }
    return recordStanding(ctx, actor, id, {
      kind: input.event === 'suspend' ? 'suspension' : 'removal',
      reason,
    });
  }
  const result = await inTransaction(ctx, actor, async (w) => {
    const byCounselor = input.event === 'submit';
    const row = await loadProfileFor(w.tx, actor, id, byCounselor ? 'submit' : 'review', {
      lock: true,
    });
    if (!byCounselor) requireNotOwn(actor, row);
    const updated = await applyTransition(w, row, {
      event: input.event,
      by: byCounselor ? 'counselor' : 'administrator',
      reason: input.reason ?? null,
      ...(input.event === 'suspend' ? { suspendedFor: 'sanction' as const } : {}),
      // The counselor is told of decisions taken by others, not of their own submission.
      notify: !byCounselor,
    });
    return presentAudited(w, actor, updated);
  });
  await deliverSoon(ctx);
  return result;
}

/**
 * The periodic re-check (A3): an administrator confirms the certificates are still valid,
 * which moves the next re-check one cycle ahead of today.
 */
export async function confirmRecheck(
  ctx: CounselorContext,
  actor: Actor,
  id: string,
): Promise<CounselorProfile> {
  return inTransaction(ctx, actor, async (w) => {
    const row = await loadProfileFor(w.tx, actor, id, 'review', { lock: true });
    requireNotOwn(actor, row);
    if (row.status !== 'approved' && row.status !== 'suspended') {
      throw new AppError(
        'invalid_transition',
        'Only approved or suspended counselors are re-checked; review the application instead.',
      );
    }
    if (!(await hasQualifyingCertificate(w.tx, row.id, w.today))) {
      throw new AppError(
        'invalid_transition',
        'No verified, unexpired certificate of a qualifying type: the re-check cannot pass.',
      );
    }
    const recheckDueOn = addMonths(w.today, w.settings.recheckCycleMonths);
    const updated = await updateProfile(w.tx, row.id, { lastRecheckedAt: w.now, recheckDueOn });
    await w.audit({
      organizationId: row.organizationId,
      action: 'counselor.recheck',
      entityType: 'counselor_profile',
      entityId: row.id,
      subjectId: row.userId,
      changes: { recheckDueOn: { old: row.recheckDueOn, new: recheckDueOn } },
    });
    return presentAudited(w, actor, updated);
  });
}
