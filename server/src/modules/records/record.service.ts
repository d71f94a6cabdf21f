import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  addendumInputSchema,
  ClinicalRecord,
  createRecordInputSchema,
  RecordContent,
  saveDraftInputSchema,
} from '@anxin/common';
import type { AppContext } from '../../app-context.ts';
import { audit, auditRead, type RequestMeta } from '../../platform/audit/request-audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { VaultScope } from '../../platform/crypto/vault.ts';
import type { Db } from '../../platform/db/database.ts';
import {
  appointments,
  clinicalRecords,
  clinicalRecordVersions,
  counselorProfiles,
} from '../../platform/db/schema/index.ts';
import { AppError, notFound } from '../../platform/http/app-error.ts';
import { findCurrentEpisode } from '../scheduling/episode.repo.ts';
import { checkContent, normalizeContent } from './record-content.ts';
import { versionHash, type VersionFacts } from './record-hash.ts';
import { checkRecordTransition, type RecordEvent } from './record-status.ts';
import { recordPolicy, type RecordResource } from './record.policy.ts';
import { readEvent } from './record-read-event.ts';
import { presentRecord, type OpenedVersion } from './record.presenter.ts';
import {
  activeTemplate,
  findRecord,
  templatesById,
  versionsOf,
  type RecordRow,
  type TemplateRow,
} from './record.repo.ts';
import { getRecordsSettings } from './records-settings.ts';

export interface RecordsContext {
  app: AppContext;
  meta: RequestMeta;
}

export const owner = (clientUserId: string) => ({ type: 'person' as const, id: clientUserId });
const draftRef = (id: string) => ({ table: 'clinical_records', field: 'draft', recordId: id });
const versionRef = (field: 'content' | 'reason', id: string) => ({
  table: 'clinical_record_versions',
  field,
  recordId: id,
});

function invalid(errors: ReturnType<typeof checkContent>): never {
  throw new AppError(
    'validation_failed',
    'The record’s content does not fit its template.',
    errors,
  );
}

function transition(row: RecordRow, event: RecordEvent, trainee = false) {
  const check = checkRecordTransition(row.status, event, { trainee });
  if (!check.ok)
    throw new AppError('invalid_transition', `A ${row.status} record cannot ${event}.`);
  return check.to;
}

/** What the caller may do now, for the editor's buttons (the server checks again on each). */
function abilities(actor: Actor, row: RecordRow, r: RecordResource): ClinicalRecord['can'] {
  const edit = row.status === 'draft' && recordPolicy.can(actor, 'edit_draft', r);
  return {
    editDraft: edit,
    sign: edit,
    amend: checkRecordTransition(row.status, 'amend').ok && recordPolicy.can(actor, 'amend', r),
    cosign: row.status === 'cosign_pending' && recordPolicy.can(actor, 'cosign', r),
  };
}

/** A draft is its author's alone: to anyone else it does not exist yet. */
const visible = (actor: Actor, row: RecordRow, r: RecordResource) =>
  recordPolicy.can(actor, 'read', r) &&
  (row.status !== 'draft' || row.authorUserId === actor.userId);

/** Loads a record the actor may see, or answers 404 as for a missing one. */
export async function loadVisible(db: Db, actor: Actor, id: string, lock = false) {
  const hit = await findRecord(db, actor.organizationId, id, lock);
  if (!hit || !visible(actor, hit.row, hit.resource)) throw notFound();
  return hit;
}

export async function openVersions(
  vault: VaultScope,
  row: RecordRow,
  versions: Awaited<ReturnType<typeof versionsOf>>,
): Promise<OpenedVersion[]> {
  const who = owner(row.clientUserId);
  return Promise.all(
    versions.map(async (v) => ({
      row: v,
      content: JSON.parse(
        await vault.decrypt(who, versionRef('content', v.id), v.contentEnc),
      ) as RecordContent,
      reason: await vault.decryptOrNull(who, versionRef('reason', v.id), v.reasonEnc),
    })),
  );
}

async function openDraft(vault: VaultScope, actor: Actor, row: RecordRow) {
  if (row.status !== 'draft' || row.authorUserId !== actor.userId || !row.draftEnc) return null;
  return JSON.parse(
    await vault.decrypt(owner(row.clientUserId), draftRef(row.id), row.draftEnc),
  ) as RecordContent;
}

/** Builds the response of one record: decrypts what the actor may see of it. */
export async function build(
  db: Db,
  vault: VaultScope,
  actor: Actor,
  hit: NonNullable<Awaited<ReturnType<typeof findRecord>>>,
  template: TemplateRow,
  versions?: Awaited<ReturnType<typeof versionsOf>>,
): Promise<ClinicalRecord> {
  const all = versions ?? (await versionsOf(db, [hit.row.id]));
  return presentRecord({
    row: hit.row,
    authorName: hit.authorName,
    template,
    draft: await openDraft(vault, actor, hit.row),
    versions: await openVersions(vault, hit.row, all),
    can: abilities(actor, hit.row, hit.resource),
  });
}

export async function templateOf(db: Db, row: RecordRow): Promise<TemplateRow> {
  const t = (await templatesById(db, row.organizationId, [row.templateId])).get(row.templateId);
  if (!t) throw new Error('record template missing');
  return t;
}

/**
 * Starts a record (a draft) for a client of the actor's current episode (C1). A counselor with
 * no current episode with the person gets 404, as if there were no such client.
 */
export async function createRecord(
  ctx: RecordsContext,
  actor: Actor,
  input: z.infer<typeof createRecordInputSchema>,
): Promise<ClinicalRecord> {
  return ctx.app.database.db.transaction((tx) => createRecordIn(tx, ctx, actor, input));
}

/** `createRecord` inside the caller's transaction (which may hold locks it relies on). */
export async function createRecordIn(
  tx: Db,
  ctx: RecordsContext,
  actor: Actor,
  input: z.infer<typeof createRecordInputSchema>,
): Promise<ClinicalRecord> {
  {
    const [profile] = await tx
      .select({ id: counselorProfiles.id })
      .from(counselorProfiles)
      .where(
        and(
          eq(counselorProfiles.organizationId, actor.organizationId),
          eq(counselorProfiles.userId, actor.userId),
        ),
      );
    if (!profile || !actor.roles.includes('counselor')) throw notFound();
    const episode = await findCurrentEpisode(tx, input.clientUserId, profile.id);
    if (!episode || episode.organizationId !== actor.organizationId) throw notFound();
    if (input.appointmentId) {
      const [appt] = await tx
        .select({ id: appointments.id })
        .from(appointments)
        .where(
          and(eq(appointments.id, input.appointmentId), eq(appointments.episodeId, episode.id)),
        );
      if (!appt)
        throw new AppError('validation_failed', 'The appointment is not of this episode.', [
          {
            path: 'body.appointmentId',
            message: 'Not an appointment of this episode',
            code: 'not_found',
          },
        ]);
    }
    const code =
      input.recordType === 'session_note'
        ? (await getRecordsSettings(tx, actor.organizationId)).sessionNoteTemplate
        : input.recordType;
    const template = await activeTemplate(tx, actor.organizationId, input.recordType, code);
    if (!template)
      throw new AppError('conflict', 'The organisation has no template for this record type.');
    const content = input.content ?? {};
    const errors = checkContent(template.fields, content, 'draft');
    if (errors.length) invalid(errors);
    const id = randomUUID();
    const vault = ctx.app.vault.scope(tx, actor.organizationId);
    await tx.insert(clinicalRecords).values({
      id,
      organizationId: actor.organizationId,
      recordType: input.recordType,
      templateId: template.id,
      clientUserId: input.clientUserId,
      episodeId: episode.id,
      appointmentId: input.appointmentId ?? null,
      authorUserId: actor.userId,
      authorCounselorId: profile.id,
      draftEnc: await vault.encrypt(
        owner(input.clientUserId),
        draftRef(id),
        JSON.stringify(content),
      ),
    });
    await audit(tx, ctx.app.vault.keyring.auditKey, ctx.meta, {
      organizationId: actor.organizationId,
      action: 'clinical_record.create',
      entityType: 'clinical_record',
      entityId: id,
      subjectId: input.clientUserId,
      changes: { recordType: { old: null, new: input.recordType } },
    });
    const hit = await loadVisible(tx, actor, id);
    return build(tx, vault, actor, hit, template, []);
  }
}

/** One record, decrypted as far as the actor may see it; an audited read. */
export async function readRecord(ctx: RecordsContext, actor: Actor, id: string) {
  const db = ctx.app.database.db;
  const hit = await loadVisible(db, actor, id);
  const out = await build(
    db,
    ctx.app.vault.scope(db, actor.organizationId),
    actor,
    hit,
    await templateOf(db, hit.row),
  );
  await auditRead(ctx.app, ctx.meta, {
    organizationId: actor.organizationId,
    ...readEvent(actor, hit.resource),
    entityType: 'clinical_record',
    entityId: id,
    subjectId: hit.row.clientUserId,
  });
  return out;
}

/** Loads a record for a change: locked, visible, and the action allowed (else 404 / 403). */
async function loadForChange(
  tx: Db,
  actor: Actor,
  id: string,
  action: 'edit_draft' | 'amend' | 'cosign',
) {
  const hit = await loadVisible(tx, actor, id, true);
  if (!recordPolicy.can(actor, action, hit.resource)) throw new AppError('forbidden');
  return hit;
}

/** Autosave of a draft: refused when another save came in between (the revision moved on). */
export async function saveDraft(
  ctx: RecordsContext,
  actor: Actor,
  id: string,
  input: z.infer<typeof saveDraftInputSchema>,
): Promise<ClinicalRecord> {
  return ctx.app.database.db.transaction(async (tx) => {
    const hit = await loadForChange(tx, actor, id, 'edit_draft');
    transition(hit.row, 'save_draft');
    if (hit.row.draftRevision !== input.revision)
      throw new AppError('conflict', 'The draft was saved from elsewhere since; reload it.');
    const template = await templateOf(tx, hit.row);
    const errors = checkContent(template.fields, input.content, 'draft');
    if (errors.length) invalid(errors);
    const vault = ctx.app.vault.scope(tx, actor.organizationId);
    const [row] = await tx
      .update(clinicalRecords)
      .set({
        draftEnc: await vault.encrypt(
          owner(hit.row.clientUserId),
          draftRef(id),
          JSON.stringify(input.content),
        ),
        draftRevision: hit.row.draftRevision + 1,
        updatedAt: new Date(),
      })
      .where(eq(clinicalRecords.id, id))
      .returning();
    if (!row) throw notFound();
    await audit(tx, ctx.app.vault.keyring.auditKey, ctx.meta, {
      organizationId: actor.organizationId,
      action: 'clinical_record.draft_save',
      entityType: 'clinical_record',
      entityId: id,
      subjectId: row.clientUserId,
      changes: { draftRevision: { old: hit.row.draftRevision, new: row.draftRevision } },
    });
    return build(tx, vault, actor, { ...hit, row }, template, []);
  });
}

/** Appends a signed version (the original or an addendum) and moves the head to it. */
async function appendVersion(
  tx: Db,
  vault: VaultScope,
  o: {
    row: RecordRow;
    template: TemplateRow;
    kind: 'original' | 'addendum';
    actor: Actor;
    content: RecordContent;
    reason: string | null;
    now: Date;
  },
) {
  const id = randomUUID();
  const facts: VersionFacts = {
    recordId: o.row.id,
    recordType: o.row.recordType,
    clientUserId: o.row.clientUserId,
    template: { id: o.template.id, version: o.template.version },
    version: o.row.headVersion + 1,
    kind: o.kind,
    authorUserId: o.actor.userId,
    signedAt: o.now,
    reason: o.reason,
    content: o.content,
    prevHash: o.row.headHash,
  };
  const hash = versionHash(facts);
  const who = owner(o.row.clientUserId);
  await tx.insert(clinicalRecordVersions).values({
    id,
    organizationId: o.row.organizationId,
    recordId: o.row.id,
    version: facts.version,
    kind: o.kind,
    authorUserId: o.actor.userId,
    signedAt: o.now,
    contentEnc: await vault.encrypt(who, versionRef('content', id), JSON.stringify(o.content)),
    reasonEnc: await vault.encryptOrNull(who, versionRef('reason', id), o.reason),
    prevHash: o.row.headHash,
    hash,
  });
  return { version: facts.version, hash };
}

/**
 * Signs the draft (B8): the content is checked against the template, locked as version 1 with
 * its hash, and the draft emptied. A trainee's signature waits for a supervisor's co-signature.
 */
export async function signRecord(
  ctx: RecordsContext,
  actor: Actor,
  id: string,
  revision: number,
): Promise<ClinicalRecord> {
  return ctx.app.database.db.transaction(async (tx) => {
    const hit = await loadForChange(tx, actor, id, 'edit_draft');
    const [profile] = hit.row.authorCounselorId
      ? await tx
          .select({ isTrainee: counselorProfiles.isTrainee })
          .from(counselorProfiles)
          .where(eq(counselorProfiles.id, hit.row.authorCounselorId))
      : [];
    const trainee = profile?.isTrainee ?? false;
    const to = transition(hit.row, 'sign', trainee);
    if (hit.row.draftRevision !== revision)
      throw new AppError('conflict', 'The draft was saved from elsewhere since; reload it.');
    const template = await templateOf(tx, hit.row);
    const vault = ctx.app.vault.scope(tx, actor.organizationId);
    const draft = (await openDraft(vault, actor, hit.row)) ?? {};
    const errors = checkContent(template.fields, draft, 'sign');
    if (errors.length) invalid(errors);
    const now = new Date();
    const head = await appendVersion(tx, vault, {
      row: hit.row,
      template,
      kind: 'original',
      actor,
      content: normalizeContent(template.fields, draft),
      reason: null,
      now,
    });
    const [row] = await tx
      .update(clinicalRecords)
      .set({
        status: to,
        draftEnc: null,
        signedAt: now,
        needsCosign: trainee,
        headVersion: head.version,
        headHash: head.hash,
        updatedAt: now,
      })
      .where(eq(clinicalRecords.id, id))
      .returning();
    if (!row) throw notFound();
    await audit(tx, ctx.app.vault.keyring.auditKey, ctx.meta, {
      organizationId: actor.organizationId,
      action: 'clinical_record.sign',
      entityType: 'clinical_record',
      entityId: id,
      subjectId: row.clientUserId,
      changes: { status: { old: hit.row.status, new: to }, hash: { old: null, new: head.hash } },
    });
    return build(tx, vault, actor, { ...hit, row }, template);
  });
}

/** Changes a signed record the only way it can change: a new version with a reason. */
export async function addAddendum(
  ctx: RecordsContext,
  actor: Actor,
  id: string,
  input: z.infer<typeof addendumInputSchema>,
): Promise<ClinicalRecord> {
  return ctx.app.database.db.transaction(async (tx) => {
    const hit = await loadForChange(tx, actor, id, 'amend');
    const to = transition(hit.row, 'amend');
    const template = await templateOf(tx, hit.row);
    const errors = checkContent(template.fields, input.content, 'sign');
    if (errors.length) invalid(errors);
    const vault = ctx.app.vault.scope(tx, actor.organizationId);
    const now = new Date();
    const head = await appendVersion(tx, vault, {
      row: hit.row,
      template,
      kind: 'addendum',
      actor,
      content: normalizeContent(template.fields, input.content),
      reason: input.reason,
      now,
    });
    const [row] = await tx
      .update(clinicalRecords)
      .set({ status: to, headVersion: head.version, headHash: head.hash, updatedAt: now })
      .where(eq(clinicalRecords.id, id))
      .returning();
    if (!row) throw notFound();
    await audit(tx, ctx.app.vault.keyring.auditKey, ctx.meta, {
      organizationId: actor.organizationId,
      action: 'clinical_record.amend',
      entityType: 'clinical_record',
      entityId: id,
      subjectId: row.clientUserId,
      changes: {
        version: { old: hit.row.headVersion, new: head.version },
        hash: { old: hit.row.headHash, new: head.hash },
      },
    });
    return build(tx, vault, actor, { ...hit, row }, template);
  });
}

/** A supervisor of the trainee co-signs what the trainee signed (B8). */
export async function cosignRecord(ctx: RecordsContext, actor: Actor, id: string) {
  return ctx.app.database.db.transaction(async (tx) => {
    const hit = await loadForChange(tx, actor, id, 'cosign');
    const to = transition(hit.row, 'cosign');
    const now = new Date();
    const [row] = await tx
      .update(clinicalRecords)
      .set({ status: to, cosignedBy: actor.userId, cosignedAt: now, updatedAt: now })
      .where(eq(clinicalRecords.id, id))
      .returning();
    if (!row) throw notFound();
    await audit(tx, ctx.app.vault.keyring.auditKey, ctx.meta, {
      organizationId: actor.organizationId,
      action: 'clinical_record.cosign',
      entityType: 'clinical_record',
      entityId: id,
      subjectId: row.clientUserId,
      changes: { status: { old: hit.row.status, new: to } },
    });
    const vault = ctx.app.vault.scope(tx, actor.organizationId);
    return build(tx, vault, actor, { ...hit, row }, await templateOf(tx, row));
  });
}
