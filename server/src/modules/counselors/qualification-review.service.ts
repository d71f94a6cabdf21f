import type { Qualification } from '@anxin/common';
import type { Actor } from '../../platform/auth/actor.ts';
import { AppError, notFound } from '../../platform/http/app-error.ts';
import { loadProfileFor } from './counselor-access.ts';
import { inTransaction, type CounselorContext } from './counselor-context.ts';
import { decryptNumber } from './counselor.presenter.ts';
import { findQualification, updateQualification } from './counselor.repo.ts';
import { auditQualification, qualificationView } from './qualification-support.ts';
import { requireNotOwn } from './review-rules.ts';

/**
 * An administrator verifies a certificate (against the scan and the issuer's register) or
 * rejects it with a reason the counselor reads (A3). A decision can be corrected later, for
 * instance when a verified certificate turns out to be revoked; each one is audited.
 */
export async function decideQualification(
  ctx: CounselorContext,
  actor: Actor,
  profileId: string,
  qualificationId: string,
  input: { decision: 'verified' | 'rejected'; reason?: string | undefined },
): Promise<Qualification> {
  return inTransaction(ctx, actor, async (w) => {
    const row = await loadProfileFor(w.tx, actor, profileId, 'review', { lock: true });
    requireNotOwn(actor, row);
    const q = await findQualification(w.tx, row.id, qualificationId, { lock: true });
    if (!q) throw notFound();
    if (row.status === 'removed') {
      throw new AppError('invalid_transition', 'The counselor was removed.');
    }
    if (input.decision === 'verified' && q.expiresOn !== null && q.expiresOn < w.today) {
      throw new AppError(
        'invalid_transition',
        'This certificate has expired: it cannot be verified.',
      );
    }
    const verified = input.decision === 'verified';
    const reason = verified ? null : (input.reason?.trim() ?? null);
    await updateQualification(w.tx, q.id, {
      status: input.decision,
      verifiedBy: actor.userId,
      verifiedAt: verified ? w.now : null,
      rejectionReason: reason,
    });
    await auditQualification(
      w,
      row,
      q.id,
      'counselor_qualification.decision',
      { status: { old: q.status, new: input.decision } },
      reason,
    );
    return qualificationView(w, row, q.id, await decryptNumber(w.vault, row, q));
  });
}
