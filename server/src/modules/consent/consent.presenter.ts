import type { Consent } from '@anxin/common';
import type { ConsentWithKind } from './consent.repo.ts';

/** A decision as its subject (or their guardian) sees it; the sealed address is never sent. */
export function presentConsent(c: ConsentWithKind): Consent {
  return {
    id: c.id,
    subjectType: c.subjectType,
    subjectId: c.subjectId,
    scope: c.scope,
    status: c.status,
    documentId: c.documentId,
    documentKind: c.documentKind,
    documentVersion: c.documentVersion,
    documentHash: c.documentHash,
    decidedAt: c.decidedAt.toISOString(),
    method: c.method,
    signer: c.signer,
    signerUserId: c.signerUserId,
    withdrawnAt: c.withdrawnAt?.toISOString() ?? null,
    supersededBy: c.supersededBy,
  };
}
