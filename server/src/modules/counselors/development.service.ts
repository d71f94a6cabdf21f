import { randomUUID } from 'node:crypto';
import { DOCUMENT_MEDIA_TYPES } from '@anxin/common';
import { eq } from 'drizzle-orm';
import type { AppContext } from '../../app-context.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { supervisionSessions, trainingRecords } from '../../platform/db/schema/index.ts';
import { deleteFile, readFile, storeFile } from '../../platform/files/file-store.ts';
import { AppError, notFound } from '../../platform/http/app-error.ts';
import { audit, SENSITIVE_CHANGE } from '../identity/audit-helpers.ts';
import { auditKeyOf, type IdentityContext } from '../identity/identity-context.ts';
import { loadProfileFor, type CounselorProfileRow } from './counselor-access.ts';
import { getCounselorSettings } from './counselor-settings.service.ts';
import {
  findSupervision,
  findTraining,
  isSupervisor,
  listShortfall,
  listSupervision,
  listTraining,
  yearRange,
} from './development.repo.ts';
import {
  fromTenths,
  notesRef,
  owner,
  presentSupervision,
  presentTraining,
  toTenths,
  yearIn,
} from './development.presenter.ts';
import { resolveOrganization } from './directory.service.ts';
import { createdChanges, requirePermission } from './vocabulary.service.ts';

/**
 * Continuing education and supervision (C5). Hours are kept in tenths so sums are exact.
 * Supervision notes are clinical reflection, sealed under the counselor's key: any answer that
 * carries them is an audited read.
 */

const subjectOf = (actor: Actor, profile: CounselorProfileRow, action: string) => ({
  organizationId: actor.organizationId,
  action,
  subjectId: profile.userId,
});

/** One year's record against the requirement; the read is audited before notes are decrypted. */
export async function readDevelopment(
  ctx: IdentityContext,
  actor: Actor,
  profileId: string,
  year: number | undefined,
) {
  const { db } = ctx.app.database;
  const org = await resolveOrganization(db, actor);
  const y = year ?? yearIn(org.timeZone);
  const range = yearRange(y);
  return db.transaction(async (tx) => {
    const profile = await loadProfileFor(tx, actor, profileId, 'development.read');
    await audit(tx, auditKeyOf(ctx), ctx.meta, {
      ...subjectOf(actor, profile, 'counselor.development.read'),
      entityType: 'counselor_profile',
      entityId: profile.id,
    });
    const settings = await getCounselorSettings(tx, actor.organizationId);
    const training = await listTraining(tx, actor.organizationId, profile.id, range);
    const sessions = await listSupervision(tx, actor.organizationId, profile.id, range);
    const vault = ctx.app.vault.scope(tx, actor.organizationId);
    const supervision = [];
    for (const s of sessions) supervision.push(await presentSupervision(vault, profile, s));
    const trainingTenths = training.reduce((n, t) => n + t.record.hoursTenths, 0);
    const requiredTenths = settings.ceHoursPerYear * 10;
    return {
      year: y,
      requiredHours: settings.ceHoursPerYear,
      trainingHours: fromTenths(trainingTenths),
      supervisionHours: fromTenths(sessions.reduce((n, s) => n + s.hoursTenths, 0)),
      shortfallHours: fromTenths(Math.max(0, requiredTenths - trainingTenths)),
      training: training.map((t) => presentTraining(t.record, t.evidence)),
      supervision,
    };
  });
}

export async function addTraining(
  ctx: IdentityContext,
  actor: Actor,
  profileId: string,
  input: { title: string; provider: string; category: string; hours: number; completedOn: string },
) {
  return ctx.app.database.db.transaction(async (tx) => {
    const profile = await loadProfileFor(tx, actor, profileId, 'development.write');
    const { hours, ...rest } = input;
    const [row] = await tx
      .insert(trainingRecords)
      .values({
        ...rest,
        organizationId: actor.organizationId,
        counselorId: profile.id,
        hoursTenths: toTenths(hours),
      })
      .returning();
    if (!row) throw new Error('training record not stored');
    await audit(tx, auditKeyOf(ctx), ctx.meta, {
      ...subjectOf(actor, profile, 'counselor.training.create'),
      entityType: 'training_record',
      entityId: row.id,
      changes: createdChanges(input),
    });
    return presentTraining(row, null);
  });
}

export async function removeTraining(
  ctx: IdentityContext,
  actor: Actor,
  profileId: string,
  trainingId: string,
) {
  await ctx.app.database.db.transaction(async (tx) => {
    const profile = await loadProfileFor(tx, actor, profileId, 'development.write');
    const row = await findTraining(tx, actor.organizationId, profile.id, trainingId);
    if (!row) throw notFound();
    await tx.delete(trainingRecords).where(eq(trainingRecords.id, row.id));
    if (row.evidenceFileId) await deleteFile(tx, actor.organizationId, row.evidenceFileId);
    await audit(tx, auditKeyOf(ctx), ctx.meta, {
      ...subjectOf(actor, profile, 'counselor.training.delete'),
      entityType: 'training_record',
      entityId: row.id,
      changes: {
        title: { old: row.title, new: null },
        hours: { old: fromTenths(row.hoursTenths), new: null },
        completedOn: { old: row.completedOn, new: null },
      },
    });
  });
}

/** Attaches (or replaces) the certificate of attendance; its type is sniffed from the bytes. */
export async function attachEvidence(
  ctx: IdentityContext,
  actor: Actor,
  ids: { profileId: string; trainingId: string },
  upload: { bytes: Buffer; name: string | null },
) {
  return ctx.app.database.db.transaction(async (tx) => {
    const profile = await loadProfileFor(tx, actor, ids.profileId, 'development.write');
    const row = await findTraining(tx, actor.organizationId, profile.id, ids.trainingId);
    if (!row) throw notFound();
    const file = await storeFile(tx, ctx.app.vault.scope(tx, actor.organizationId), {
      ownerId: profile.userId,
      purpose: 'training_evidence',
      bytes: upload.bytes,
      name: upload.name,
      allowed: DOCUMENT_MEDIA_TYPES,
    });
    const [updated] = await tx
      .update(trainingRecords)
      .set({ evidenceFileId: file.id, updatedAt: new Date() })
      .where(eq(trainingRecords.id, row.id))
      .returning();
    if (!updated) throw notFound();
    if (row.evidenceFileId) await deleteFile(tx, actor.organizationId, row.evidenceFileId);
    await audit(tx, auditKeyOf(ctx), ctx.meta, {
      ...subjectOf(actor, profile, 'counselor.training.evidence.upload'),
      entityType: 'training_record',
      entityId: row.id,
      changes: { evidence: { old: row.evidenceFileId, new: file.id } },
    });
    return presentTraining(updated, file);
  });
}

/** The evidence file, for download: the read is audited first, in the same transaction. */
export async function readEvidence(
  ctx: IdentityContext,
  actor: Actor,
  ids: { profileId: string; trainingId: string },
) {
  return ctx.app.database.db.transaction(async (tx) => {
    const profile = await loadProfileFor(tx, actor, ids.profileId, 'development.read');
    const row = await findTraining(tx, actor.organizationId, profile.id, ids.trainingId);
    if (!row?.evidenceFileId) throw notFound();
    await audit(tx, auditKeyOf(ctx), ctx.meta, {
      ...subjectOf(actor, profile, 'counselor.training.evidence.read'),
      entityType: 'stored_file',
      entityId: row.evidenceFileId,
    });
    const file = await readFile(
      tx,
      ctx.app.vault.scope(tx, actor.organizationId),
      row.evidenceFileId,
    );
    if (!file) throw notFound();
    return file;
  });
}

export async function addSupervision(
  ctx: IdentityContext,
  actor: Actor,
  profileId: string,
  input: {
    supervisorUserId?: string | undefined;
    supervisorName: string;
    heldOn: string;
    hours: number;
    notes?: string | undefined;
  },
) {
  return ctx.app.database.db.transaction(async (tx) => {
    const profile = await loadProfileFor(tx, actor, profileId, 'development.write');
    if (
      input.supervisorUserId &&
      !(await isSupervisor(tx, actor.organizationId, input.supervisorUserId))
    ) {
      throw new AppError('validation_failed', 'One or more fields are not valid.', [
        {
          path: 'body.supervisorUserId',
          message: 'Not a supervisor of this organisation',
          code: 'invalid_value',
        },
      ]);
    }
    const vault = ctx.app.vault.scope(tx, actor.organizationId);
    const { notes, ...visible } = input;
    const id = randomUUID(); // made here: the notes' ciphertext is bound to it
    const [row] = await tx
      .insert(supervisionSessions)
      .values({
        id,
        organizationId: actor.organizationId,
        counselorId: profile.id,
        supervisorUserId: input.supervisorUserId ?? null,
        supervisorName: input.supervisorName,
        heldOn: input.heldOn,
        hoursTenths: toTenths(input.hours),
        notesEnc: await vault.encryptOrNull(owner(profile), notesRef(id), notes || null),
      })
      .returning();
    if (!row) throw new Error('supervision session not stored');
    await audit(tx, auditKeyOf(ctx), ctx.meta, {
      ...subjectOf(actor, profile, 'counselor.supervision.create'),
      entityType: 'supervision_session',
      entityId: id,
      changes: {
        ...createdChanges(visible),
        ...(notes ? { notes: SENSITIVE_CHANGE } : {}),
      },
    });
    return presentSupervision(vault, profile, row);
  });
}

export async function removeSupervision(
  ctx: IdentityContext,
  actor: Actor,
  profileId: string,
  sessionId: string,
) {
  await ctx.app.database.db.transaction(async (tx) => {
    const profile = await loadProfileFor(tx, actor, profileId, 'development.write');
    const row = await findSupervision(tx, actor.organizationId, profile.id, sessionId);
    if (!row) throw notFound();
    await tx.delete(supervisionSessions).where(eq(supervisionSessions.id, row.id));
    await audit(tx, auditKeyOf(ctx), ctx.meta, {
      ...subjectOf(actor, profile, 'counselor.supervision.delete'),
      entityType: 'supervision_session',
      entityId: row.id,
      changes: {
        heldOn: { old: row.heldOn, new: null },
        hours: { old: fromTenths(row.hoursTenths), new: null },
        ...(row.notesEnc ? { notes: SENSITIVE_CHANGE } : {}),
      },
    });
  });
}

/** Who is behind on the yearly requirement (administrators). Hours only: nothing decrypted. */
export async function readShortfall(app: AppContext, actor: Actor, year: number | undefined) {
  requirePermission(app, actor, 'counselor.development.report');
  const { db } = app.database;
  const org = await resolveOrganization(db, actor);
  const y = year ?? yearIn(org.timeZone);
  const { ceHoursPerYear } = await getCounselorSettings(db, actor.organizationId);
  const rows = await listShortfall(db, actor.organizationId, yearRange(y), ceHoursPerYear * 10);
  return {
    year: y,
    requiredHours: ceHoursPerYear,
    items: rows.map((r) => ({
      counselorId: r.id,
      displayName: r.displayName,
      status: r.status,
      trainingHours: fromTenths(r.tenths),
      requiredHours: ceHoursPerYear,
      shortfallHours: fromTenths(ceHoursPerYear * 10 - r.tenths),
    })),
  };
}
