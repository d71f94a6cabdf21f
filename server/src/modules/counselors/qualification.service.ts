import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Qualification } from '@anxin/common';
import { DOCUMENT_MEDIA_TYPES } from '@anxin/common';
import { SENSITIVE } from '../../platform/audit/audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { counselorQualifications } from '../../platform/db/schema/index.ts';
import { deleteFile, fileInfo, readFile, storeFile } from '../../platform/files/file-store.ts';
import { AppError, notFound } from '../../platform/http/app-error.ts';
import { loadProfileFor } from './counselor-access.ts';
import { inTransaction, type CounselorContext, type Work } from './counselor-context.ts';
import { decryptNumber, personOf, qualificationNumberRef } from './counselor.presenter.ts';
import { findQualification, updateQualification } from './counselor.repo.ts';
import { requireEditable } from './review-rules.ts';
import {
  auditQualification,
  qualificationView,
  requireQualificationType,
  type QualificationInput,
} from './qualification-support.ts';

/*
 * Certificates (A3). The counselor adds and maintains their own; administrators decide on them.
 * A response carries the certificate number of the one qualification the request changed, and
 * the change's audit event (same transaction) names it, so no separate read event is written.
 */

/** Adds a certificate as pending; its number is sealed under the counselor's key. */
export async function addQualification(
  ctx: CounselorContext,
  actor: Actor,
  profileId: string,
  input: QualificationInput,
): Promise<Qualification> {
  return inTransaction(ctx, actor, async (w) => {
    const row = await loadProfileFor(w.tx, actor, profileId, 'submit', { lock: true });
    requireEditable(row);
    await requireQualificationType(w.tx, row.organizationId, input.typeCode, null);
    const id = randomUUID(); // made here: the number's ciphertext is bound to it
    const numberEnc = await w.vault.encrypt(
      personOf(row),
      qualificationNumberRef(id),
      input.number,
    );
    await w.tx.insert(counselorQualifications).values({
      id,
      organizationId: row.organizationId,
      counselorId: row.id,
      typeCode: input.typeCode,
      numberEnc,
      issuer: input.issuer,
      issuedOn: input.issuedOn,
      expiresOn: input.expiresOn,
      verificationUrl: input.verificationUrl,
    });
    await auditQualification(w, row, id, 'counselor_qualification.create', {
      typeCode: { old: null, new: input.typeCode },
      number: { old: null, new: SENSITIVE },
    });
    return qualificationView(w, row, id, input.number);
  });
}

/** Corrects a pending or rejected certificate; it goes back to pending for a fresh decision. */
export async function changeQualification(
  ctx: CounselorContext,
  actor: Actor,
  profileId: string,
  qualificationId: string,
  input: QualificationInput,
): Promise<Qualification> {
  return inTransaction(ctx, actor, async (w) => {
    const { row, q } = await loadOwnQualification(w, actor, profileId, qualificationId);
    if (q.status === 'verified') {
      throw new AppError(
        'invalid_transition',
        'A verified certificate cannot be changed; add the renewed one as a new qualification.',
      );
    }
    await requireQualificationType(w.tx, row.organizationId, input.typeCode, q.typeCode);
    await updateQualification(w.tx, q.id, {
      typeCode: input.typeCode,
      numberEnc: await w.vault.encrypt(personOf(row), qualificationNumberRef(q.id), input.number),
      issuer: input.issuer,
      issuedOn: input.issuedOn,
      expiresOn: input.expiresOn,
      verificationUrl: input.verificationUrl,
      ...backToPending,
    });
    await auditQualification(w, row, q.id, 'counselor_qualification.update', {
      status: { old: q.status, new: 'pending' },
      number: { old: SENSITIVE, new: SENSITIVE },
    });
    return qualificationView(w, row, q.id, input.number);
  });
}

const backToPending = {
  status: 'pending',
  rejectionReason: null,
  verifiedBy: null,
  verifiedAt: null,
} as const;

/** Withdraws a certificate that was never verified (a verified one is part of the record). */
export async function removeQualification(
  ctx: CounselorContext,
  actor: Actor,
  profileId: string,
  qualificationId: string,
): Promise<void> {
  await inTransaction(ctx, actor, async (w) => {
    const { row, q } = await loadOwnQualification(w, actor, profileId, qualificationId);
    if (q.status === 'verified') {
      throw new AppError('invalid_transition', 'A verified certificate cannot be deleted.');
    }
    await w.tx.delete(counselorQualifications).where(eq(counselorQualifications.id, q.id));
    if (q.fileId) await deleteFile(w.tx, row.organizationId, q.fileId);
    await auditQualification(w, row, q.id, 'counselor_qualification.delete', {
      typeCode: { old: q.typeCode, new: null },
    });
  });
}

/** Attaches the scan (PDF, JPEG or PNG, sniffed), replacing any earlier one. */
export async function uploadQualificationFile(
  ctx: CounselorContext,
  actor: Actor,
  profileId: string,
  qualificationId: string,
  upload: { bytes: Buffer; name: string | null },
): Promise<Qualification> {
  return inTransaction(ctx, actor, async (w) => {
    const { row, q } = await loadOwnQualification(w, actor, profileId, qualificationId);
    if (q.status === 'verified') {
      throw new AppError(
        'invalid_transition',
        'The scan of a verified certificate cannot be replaced; add the renewed one instead.',
      );
    }
    const file = await storeFile(w.tx, w.vault, {
      ownerId: row.userId,
      purpose: 'qualification_scan',
      bytes: upload.bytes,
      name: upload.name,
      allowed: DOCUMENT_MEDIA_TYPES,
    });
    await updateQualification(w.tx, q.id, { fileId: file.id, ...backToPending });
    if (q.fileId) await deleteFile(w.tx, row.organizationId, q.fileId);
    await auditQualification(w, row, q.id, 'counselor_qualification.file.update', {
      fileId: { old: q.fileId, new: file.id },
    });
    return qualificationView(w, row, q.id, await decryptNumber(w.vault, row, q));
  });
}

/** The scan, for the owner and reviewers; the read is audited before the bytes leave. */
export async function readQualificationFile(
  ctx: CounselorContext,
  actor: Actor,
  profileId: string,
  qualificationId: string,
) {
  return inTransaction(ctx, actor, async (w) => {
    const row = await loadProfileFor(w.tx, actor, profileId, 'read');
    const q = await findQualification(w.tx, row.id, qualificationId);
    const info = q ? await fileInfo(w.tx, row.organizationId, q.fileId) : null;
    if (!q || !info) throw notFound();
    await auditQualification(w, row, q.id, 'counselor_qualification.file.read', null);
    const file = await readFile(w.tx, w.vault, info.id);
    if (!file) throw notFound();
    return file;
  });
}

/** The counselor's own qualification, profile locked, in a state the counselor may change. */
async function loadOwnQualification(
  w: Work,
  actor: Actor,
  profileId: string,
  qualificationId: string,
) {
  const row = await loadProfileFor(w.tx, actor, profileId, 'submit', { lock: true });
  const q = await findQualification(w.tx, row.id, qualificationId, { lock: true });
  if (!q) throw notFound();
  requireEditable(row);
  return { row, q };
}
