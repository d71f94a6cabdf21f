import type {
  CounselorProfile,
  CounselorSettings,
  Qualification,
  counselorActionSchema,
} from '@anxin/common';
import type { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.ts';
import type { VaultScope } from '../../platform/crypto/vault.ts';
import type { Db } from '../../platform/db/database.ts';
import type { CounselorProfileRow } from './counselor-access.ts';
import { daysBetween } from './counselor-dates.ts';
import { isListable } from './counselor-eligibility.ts';
import { EDITABLE_STATUSES, eventsFrom } from './counselor-status.ts';
import { counselorPolicy } from './counselor.policy.ts';
import {
  listQualifications,
  listReviewEvents,
  listStanding,
  type QualificationWithFile,
} from './counselor.repo.ts';

type CounselorAction = z.infer<typeof counselorActionSchema>;

export const qualificationNumberRef = (id: string) => ({
  table: 'counselor_qualifications',
  field: 'number',
  recordId: id,
});
export const standingReasonRef = (id: string) => ({
  table: 'counselor_standing_actions',
  field: 'reason',
  recordId: id,
});
export const personOf = (row: { userId: string }) => ({ type: 'person', id: row.userId }) as const;

// Written out rather than imported from the app factory, which imports this module's routes.
export const photoUrlOf = (row: CounselorProfileRow) =>
  row.photoFileId ? `/api/v1/counselor-profiles/${row.id}/photo` : null;

/** The profile has not been confirmed current within the organisation's period (A8). */
export function isReviewOverdue(
  row: Pick<CounselorProfileRow, 'status' | 'lastReviewedAt'>,
  settings: CounselorSettings,
  now: Date,
): boolean {
  if (row.status === 'removed') return false;
  if (!row.lastReviewedAt) return true;
  return now.getTime() - row.lastReviewedAt.getTime() > settings.profileReviewDays * 86_400_000;
}

/**
 * What this actor may do to this profile now: the policy's permissions intersected with what
 * the state allows. Administrators never decide on their own application (a conflict of
 * interest), even when they also hold the counselor role.
 */
export function actionsFor(
  actor: Actor,
  row: CounselorProfileRow,
  facts: { hasQualification: boolean },
): CounselorAction[] {
  const out: CounselorAction[] = [];
  const own = row.userId === actor.userId;
  const live = row.status !== 'removed';
  if (counselorPolicy.can(actor, 'update', row) && EDITABLE_STATUSES.includes(row.status)) {
    out.push('edit');
  }
  if (counselorPolicy.can(actor, 'submit', row)) {
    const sanctioned = row.status === 'suspended' && row.suspendedFor === 'sanction';
    if (!sanctioned) out.push(...eventsFrom(row.status, 'counselor'));
  }
  if (!own && counselorPolicy.can(actor, 'review', row)) {
    out.push(...eventsFrom(row.status, 'administrator'));
    // Any certificate, decided or not: a reviewer may correct an earlier decision.
    if (live && facts.hasQualification) out.push('verify_qualification');
    if (row.status === 'approved' || row.status === 'suspended') out.push('recheck');
  }
  if (!own && live && counselorPolicy.can(actor, 'standing', row)) out.push('standing');
  if (live && counselorPolicy.can(actor, 'update', row)) out.push('confirm_current');
  return [...new Set(out)];
}

/** One certificate as owner and reviewers see it; `number` already decrypted. */
export function presentQualification(
  q: QualificationWithFile,
  number: string,
  today: string,
): Qualification {
  return {
    id: q.id,
    typeCode: q.typeCode,
    number,
    issuer: q.issuer,
    issuedOn: q.issuedOn,
    expiresOn: q.expiresOn,
    verificationUrl: q.verificationUrl,
    status: q.status,
    rejectionReason: q.rejectionReason,
    verifiedAt: q.verifiedAt?.toISOString() ?? null,
    file: q.file,
    daysToExpiry: q.expiresOn ? daysBetween(today, q.expiresOn) : null,
  };
}

/** Decrypts one certificate number; a shredded owner reads as empty (the person was erased). */
export async function decryptNumber(
  vault: VaultScope,
  row: CounselorProfileRow,
  q: { id: string; numberEnc: string },
): Promise<string> {
  return (
    (await vault.decryptOrNull(personOf(row), qualificationNumberRef(q.id), q.numberEnc)) ?? ''
  );
}

/**
 * The whole profile for its owner or an administrator. Decrypts certificate numbers and
 * standing reasons: callers audit the read first, on the same transaction.
 */
export async function presentProfile(
  db: Db,
  vault: VaultScope,
  actor: Actor,
  row: CounselorProfileRow,
  clock: { today: string; now: Date; settings: CounselorSettings },
): Promise<CounselorProfile> {
  const qualifications = await listQualifications(db, row.id);
  const history = await listReviewEvents(db, row.id);
  const standing = await listStanding(db, row.id);
  const presentedQualifications: Qualification[] = [];
  for (const q of qualifications) {
    presentedQualifications.push(
      presentQualification(q, await decryptNumber(vault, row, q), clock.today),
    );
  }
  const presentedStanding: CounselorProfile['standing'] = [];
  for (const { s, issuedByName } of standing) {
    const reason = await vault.decryptOrNull(personOf(row), standingReasonRef(s.id), s.reasonEnc);
    presentedStanding.push({
      id: s.id,
      kind: s.kind,
      reason: reason ?? '',
      startsOn: s.startsOn,
      endsOn: s.endsOn,
      issuedByName,
      liftedAt: s.liftedAt?.toISOString() ?? null,
      createdAt: s.createdAt.toISOString(),
    });
  }
  return {
    id: row.id,
    userId: row.userId,
    displayName: row.displayName,
    gender: row.gender,
    languages: row.languages,
    specialties: row.specialties,
    approaches: row.approaches,
    modalities: row.modalities,
    yearsOfPractice: row.yearsOfPractice,
    bioZh: row.bioZh,
    bioEn: row.bioEn,
    fees: row.fees,
    status: row.status,
    statusReason: row.statusReason,
    suspendedFor: row.suspendedFor,
    isTrainee: row.isTrainee,
    photoUrl: photoUrlOf(row),
    submittedAt: row.submittedAt?.toISOString() ?? null,
    approvedAt: row.approvedAt?.toISOString() ?? null,
    recheckDueOn: row.recheckDueOn,
    lastRecheckedAt: row.lastRecheckedAt?.toISOString() ?? null,
    lastReviewedAt: row.lastReviewedAt?.toISOString() ?? null,
    reviewOverdue: isReviewOverdue(row, clock.settings, clock.now),
    listable: await isListable(db, row.organizationId, row.id, clock.today),
    qualifications: presentedQualifications,
    reviewHistory: history.map(({ e, actorName }) => ({
      id: e.id,
      event: e.event,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      actorName,
      reason: e.reason,
      createdAt: e.createdAt.toISOString(),
    })),
    standing: presentedStanding,
    actions: actionsFor(actor, row, {
      hasQualification: qualifications.length > 0,
    }),
    updatedAt: row.updatedAt.toISOString(),
  };
}
