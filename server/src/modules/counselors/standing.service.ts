import { randomUUID } from 'node:crypto';
import type { CounselorProfile, standingActionInputSchema } from '@anxin/common';
import type { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.ts';
import { counselorStandingActions } from '../../platform/db/schema/index.ts';
import { AppError } from '../../platform/http/app-error.ts';
import { loadProfileFor, type CounselorProfileRow } from './counselor-access.ts';
import {
  deliverSoon,
  inTransaction,
  presentAudited,
  type CounselorContext,
  type Work,
} from './counselor-context.ts';
import { notifyCounselor } from './counselor-notify.ts';
import { applyTransition } from './counselor-transition.ts';
import { personOf, standingReasonRef } from './counselor.presenter.ts';
import { updateProfile } from './counselor.repo.ts';
import { requireNotOwn } from './review-rules.ts';

type StandingInput = z.infer<typeof standingActionInputSchema>;

/**
 * Records a warning, suspension or removal (A9). The reason is sealed under the counselor's key
 * (it may describe a complaint and the people in it) and kept out of the audit event, which
 * points at the record instead. A suspension that starts today or earlier takes effect now; one
 * dated in the future is recorded and applied by the hourly sweep on its start date. The
 * counselor is told in-app, without the reason.
 */
export async function recordStanding(
  ctx: CounselorContext,
  actor: Actor,
  id: string,
  input: StandingInput,
): Promise<CounselorProfile> {
  const result = await inTransaction(ctx, actor, async (w) => {
    const row = await loadProfileFor(w.tx, actor, id, 'standing', { lock: true });
    requireNotOwn(actor, row);
    if (row.status === 'removed') {
      throw new AppError('invalid_transition', 'The counselor was already removed.');
    }
    const standingId = await insertStanding(w, row, input, actor.userId);
    const updated = await applyStanding(w, row, input);
    await w.audit({
      organizationId: row.organizationId,
      action: 'counselor.standing',
      entityType: 'counselor_standing_action',
      entityId: standingId,
      subjectId: row.userId,
      reason: `standing:${standingId}`,
      changes: {
        kind: { old: null, new: input.kind },
        ...(input.startsOn ? { startsOn: { old: null, new: input.startsOn } } : {}),
      },
    });
    await notifyCounselor(w.tx, w.vault, row.userId, {
      template: 'counselor_standing_notice',
      params: { kind: input.kind },
      mail: false,
    });
    return presentAudited(w, actor, updated);
  });
  await deliverSoon(ctx);
  return result;
}

async function insertStanding(
  w: Work,
  row: CounselorProfileRow,
  input: StandingInput,
  issuedBy: string,
) {
  const standingId = randomUUID(); // made here: the reason's ciphertext is bound to it
  await w.tx.insert(counselorStandingActions).values({
    id: standingId,
    organizationId: row.organizationId,
    counselorId: row.id,
    kind: input.kind,
    reasonEnc: await w.vault.encrypt(personOf(row), standingReasonRef(standingId), input.reason),
    startsOn: input.startsOn ?? (input.kind === 'warning' ? null : w.today),
    endsOn: input.endsOn ?? null,
    issuedBy,
  });
  return standingId;
}

/** What the decision does to the profile now. */
async function applyStanding(
  w: Work,
  row: CounselorProfileRow,
  input: StandingInput,
): Promise<CounselorProfileRow> {
  // The reason is checked by the state machine but kept only in the sealed standing record.
  const sealed = { reason: input.reason, storedReason: null, notify: false } as const;
  if (input.kind === 'removal') {
    return applyTransition(w, row, { event: 'remove', by: 'administrator', ...sealed });
  }
  const startsNow = input.kind === 'suspension' && (input.startsOn ?? w.today) <= w.today;
  if (!startsNow) return row;
  if (row.status === 'approved') {
    return applyTransition(w, row, {
      event: 'suspend',
      by: 'administrator',
      suspendedFor: 'sanction',
      ...sealed,
    });
  }
  // Already suspended for an expired certificate: the sanction now governs, so re-applying with
  // a new certificate no longer lifts it (only an administrator's reinstatement does).
  if (row.status === 'suspended' && row.suspendedFor !== 'sanction') {
    return updateProfile(w.tx, row.id, { suspendedFor: 'sanction' });
  }
  return row;
}
