import type { CounselorProfile, CounselorProfileInput } from '@anxin/common';
import { PHOTO_MEDIA_TYPES } from '@anxin/common';
import type { Actor } from '../../platform/auth/actor.ts';
import { deleteFile, readFile, storeFile } from '../../platform/files/file-store.ts';
import { AppError, notFound } from '../../platform/http/app-error.ts';
import { findProfileByUser, loadProfileFor, type CounselorProfileRow } from './counselor-access.ts';
import {
  inTransaction,
  presentAudited,
  type CounselorContext,
  type Work,
} from './counselor-context.ts';
import { profileChanges, profileValues, requireKnownCodes } from './counselor-input.ts';
import { counselorPolicy } from './counselor.policy.ts';
import { insertProfile, updateProfile } from './counselor.repo.ts';
import { requireEditable } from './review-rules.ts';

/** Applying is submitting one's own application: the policy's `submit` rule, on oneself. */
function requireApplicant(actor: Actor): void {
  const self = { id: '', organizationId: actor.organizationId, userId: actor.userId };
  if (!counselorPolicy.can(actor, 'submit', self)) {
    throw new AppError('forbidden', 'Only counselors have a counselor profile.');
  }
}

/** The actor's own profile (audited read: it carries their certificate numbers). */
export async function readOwnProfile(
  ctx: CounselorContext,
  actor: Actor,
): Promise<CounselorProfile> {
  requireApplicant(actor);
  return inTransaction(ctx, actor, async (w) => {
    const own = await findProfileByUser(w.tx, actor.organizationId, actor.userId);
    if (!own) throw notFound('You have no counselor profile yet.');
    return presentAudited(w, actor, await loadProfileFor(w.tx, actor, own.id, 'read'));
  });
}

/** Owner or administrator; hidden answers the same 404 as missing. Audited before returning. */
export async function readProfile(
  ctx: CounselorContext,
  actor: Actor,
  id: string,
): Promise<CounselorProfile> {
  return inTransaction(ctx, actor, async (w) =>
    presentAudited(w, actor, await loadProfileFor(w.tx, actor, id, 'read')),
  );
}

/** Creates the actor's profile as an applicant, or updates it (A8: saving confirms it current). */
export async function saveOwnProfile(
  ctx: CounselorContext,
  actor: Actor,
  input: CounselorProfileInput,
): Promise<CounselorProfile> {
  requireApplicant(actor);
  return inTransaction(ctx, actor, async (w) => {
    const existing = await findProfileByUser(w.tx, actor.organizationId, actor.userId);
    if (!existing) {
      await requireKnownCodes(w.tx, actor.organizationId, input, null);
      const created = await insertProfile(w.tx, {
        organizationId: actor.organizationId,
        userId: actor.userId,
        status: 'applicant',
        ...profileValues(input, w.now),
      });
      if (created) {
        await w.audit({
          organizationId: actor.organizationId,
          action: 'counselor_profile.create',
          entityType: 'counselor_profile',
          entityId: created.id,
          subjectId: actor.userId,
          changes: profileChanges(null, created),
        });
        return presentAudited(w, actor, created);
      }
    }
    // Either it existed, or a concurrent first save won the insert: update that one.
    const again = existing ?? (await findProfileByUser(w.tx, actor.organizationId, actor.userId));
    if (!again) throw new Error('counselor profile neither inserted nor found');
    const row = await loadProfileFor(w.tx, actor, again.id, 'update', { lock: true });
    return presentAudited(w, actor, await updateFields(w, row, input));
  });
}

/** The owner or an administrator edits the public fields (A8). */
export async function saveProfile(
  ctx: CounselorContext,
  actor: Actor,
  id: string,
  input: CounselorProfileInput,
): Promise<CounselorProfile> {
  return inTransaction(ctx, actor, async (w) => {
    const row = await loadProfileFor(w.tx, actor, id, 'update', { lock: true });
    return presentAudited(w, actor, await updateFields(w, row, input));
  });
}

async function updateFields(w: Work, row: CounselorProfileRow, input: CounselorProfileInput) {
  requireEditable(row);
  await requireKnownCodes(w.tx, row.organizationId, input, row);
  const updated = await updateProfile(w.tx, row.id, profileValues(input, w.now));
  await w.audit({
    organizationId: row.organizationId,
    action: 'counselor_profile.update',
    entityType: 'counselor_profile',
    entityId: row.id,
    subjectId: row.userId,
    changes: profileChanges(row, updated),
  });
  return updated;
}

/** A8: the owner or an administrator confirms the profile is still accurate. */
export async function confirmCurrent(
  ctx: CounselorContext,
  actor: Actor,
  id: string,
): Promise<CounselorProfile> {
  return inTransaction(ctx, actor, async (w) => {
    const row = await loadProfileFor(w.tx, actor, id, 'update', { lock: true });
    if (row.status === 'removed') {
      throw new AppError('invalid_transition', 'A removed profile is no longer kept current.');
    }
    const updated = await updateProfile(w.tx, row.id, { lastReviewedAt: w.now });
    await w.audit({
      organizationId: row.organizationId,
      action: 'counselor_profile.confirm_current',
      entityType: 'counselor_profile',
      entityId: row.id,
      subjectId: row.userId,
      changes: {
        lastReviewedAt: {
          old: row.lastReviewedAt?.toISOString() ?? null,
          new: w.now.toISOString(),
        },
      },
    });
    return presentAudited(w, actor, updated);
  });
}

/** Replaces the portrait; the bytes are sniffed (JPEG or PNG only) and sealed under the owner. */
export async function uploadPhoto(
  ctx: CounselorContext,
  actor: Actor,
  id: string,
  upload: { bytes: Buffer; name: string | null },
): Promise<CounselorProfile> {
  return inTransaction(ctx, actor, async (w) => {
    const row = await loadProfileFor(w.tx, actor, id, 'update', { lock: true });
    requireEditable(row);
    const file = await storeFile(w.tx, w.vault, {
      ownerId: row.userId,
      purpose: 'profile_photo',
      bytes: upload.bytes,
      name: upload.name,
      allowed: PHOTO_MEDIA_TYPES,
    });
    const updated = await updateProfile(w.tx, row.id, { photoFileId: file.id });
    if (row.photoFileId) await deleteFile(w.tx, row.organizationId, row.photoFileId);
    await w.audit({
      organizationId: row.organizationId,
      action: 'counselor_profile.photo.update',
      entityType: 'counselor_profile',
      entityId: row.id,
      subjectId: row.userId,
      changes: { photoFileId: { old: row.photoFileId, new: file.id } },
    });
    return presentAudited(w, actor, updated);
  });
}

/**
 * The portrait, for the owner and administrators. Not audited: it is the picture the directory
 * shows to clients, not confidential data.
 */
export async function readPhoto(ctx: CounselorContext, actor: Actor, id: string) {
  const { db } = ctx.app.database;
  const row = await loadProfileFor(db, actor, id, 'read');
  const file = row.photoFileId
    ? await readFile(db, ctx.app.vault.scope(db, actor.organizationId), row.photoFileId)
    : null;
  if (!file) throw notFound();
  return file;
}
