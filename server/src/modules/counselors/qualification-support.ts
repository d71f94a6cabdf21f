import type { Qualification, qualificationInputSchema } from '@anxin/common';
import type { z } from 'zod';
import type { Changes } from '../../platform/audit/audit.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/http/app-error.ts';
import type { CounselorProfileRow } from './counselor-access.ts';
import type { Work } from './counselor-context.ts';
import { presentQualification } from './counselor.presenter.ts';
import { activeCodes, listQualifications } from './counselor.repo.ts';

export type QualificationInput = z.infer<typeof qualificationInputSchema>;

/**
 * The type must be a qualification type the organisation offers now; a retired type the
 * certificate already has may stay while it is corrected.
 */
export async function requireQualificationType(
  db: Db,
  organizationId: string,
  typeCode: string,
  current: string | null,
): Promise<void> {
  if (typeCode === current) return;
  if ((await activeCodes(db, organizationId, 'qualification_type')).has(typeCode)) return;
  throw new AppError('validation_failed', 'One or more fields are not valid.', [
    {
      path: 'body.typeCode',
      message: 'Not a qualification type this organisation accepts',
      code: 'unknown_code',
    },
  ]);
}

/** Audits a change to (or read of) one certificate of the counselor. */
export function auditQualification(
  w: Work,
  row: CounselorProfileRow,
  qualificationId: string,
  action: string,
  changes: Changes | null,
  reason: string | null = null,
) {
  return w.audit({
    organizationId: row.organizationId,
    action,
    entityType: 'counselor_qualification',
    entityId: qualificationId,
    subjectId: row.userId,
    changes,
    reason,
  });
}

/** One certificate as stored now, with the number the caller already holds in clear. */
export async function qualificationView(
  w: Work,
  row: CounselorProfileRow,
  qualificationId: string,
  number: string,
): Promise<Qualification> {
  const q = (await listQualifications(w.tx, row.id)).find((x) => x.id === qualificationId);
  if (!q) throw new Error('qualification vanished within its transaction');
  return presentQualification(q, number, w.today);
}
