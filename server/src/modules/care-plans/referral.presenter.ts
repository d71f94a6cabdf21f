import type { Referral } from '@anxin/common';
import type { ReferralRow } from './referral.repo.ts';

/** Where each sealed field of a referral lives (the envelope is bound to it). */
export const referralRef = (field: 'reason' | 'justification' | 'outcome', id: string) => ({
  table: 'referrals',
  field,
  recordId: id,
});

export interface OpenedReferral {
  row: ReferralRow;
  authorName: string;
  reason: string;
  justification: string | null;
  outcome: string | null;
  can: Referral['can'];
}

function basisOf(o: OpenedReferral): Referral['basis'] {
  const { row } = o;
  if (row.basis === 'exception') {
    return {
      kind: 'exception',
      code: row.exceptionCode ?? 'danger_to_self',
      justification: o.justification ?? '',
      legalReference: row.legalReference,
    };
  }
  return {
    kind: 'consent',
    agreedAt: (row.consentAgreedAt ?? row.madeAt).toISOString(),
    method: row.consentMethod ?? 'verbal',
    attestedBy: row.consentAttestedBy ?? row.authorUserId,
    sharesInformation: row.sharesInformation,
  };
}

/** A referral as its readers see it: a whitelist of its fields, the sealed ones opened. */
export function presentReferral(o: OpenedReferral): Referral {
  const { row } = o;
  return {
    id: row.id,
    clientUserId: row.clientUserId,
    episodeId: row.episodeId,
    resource: { id: row.resourceId, ...row.resourceSnapshot },
    reason: o.reason,
    basis: basisOf(o),
    disclosureId: row.disclosureId,
    riskSignalId: row.riskSignalId,
    status: row.status,
    madeAt: row.madeAt.toISOString(),
    acknowledgedAt: row.acknowledgedAt?.toISOString() ?? null,
    closedAt: row.closedAt?.toISOString() ?? null,
    outcome: o.outcome,
    authorUserId: row.authorUserId,
    authorName: o.authorName,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    can: o.can,
  };
}
