import type { PolicyDocument, PolicyDocumentDraft, PolicyDocumentQuery } from '@anxin/common';
import { POLICY_DOCUMENT_KIND_NAMES } from '@anxin/common';
import type { AppContext } from '../../app-context.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { abilitiesOf } from '../../platform/auth/abilities.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError, notFound } from '../../platform/http/app-error.ts';
import { requirePermission } from '../counselors/vocabulary.service.ts';
import { resolveOrganization } from '../counselors/directory.service.ts';
import { audit } from '../identity/audit-helpers.ts';
import { auditKeyOf, type IdentityContext } from '../identity/identity-context.ts';
import { sqlStateOf } from '../scheduling/appointment-context.ts';
import { documentHash } from './document-hash.ts';
import { presentDocument } from './policy-document.presenter.ts';
import {
  findCurrentDocument,
  findDocument,
  insertDocument,
  listDocuments,
  nextVersion,
  updateDocument,
} from './policy-document.repo.ts';

/**
 * Rule texts (A12): administrators write drafts and publish them with an effective date; a
 * published version is fixed (the database refuses changes) and stays readable for good. The
 * texts are the organisation's, not personal data: visitors read the published ones.
 */

const canManage = (app: AppContext, actor: Actor | null) =>
  !!actor && abilitiesOf(actor, app.config.env).includes('policy_document.manage');

/** The trigger's refusal of a change to a published row, as the API's answer. */
function asImmutable(err: unknown): unknown {
  return sqlStateOf(err) === '23514'
    ? new AppError('conflict', 'A published document never changes; write a new version.')
    : err;
}

export async function listPolicyDocuments(
  app: AppContext,
  actor: Actor | null,
  q: PolicyDocumentQuery,
): Promise<{ items: PolicyDocument[] }> {
  const db = app.database.db;
  const org = await resolveOrganization(db, actor);
  const rows = await listDocuments(db, org.id, {
    kind: q.kind,
    publishedOnly: !canManage(app, actor),
  });
  return { items: rows.map(presentDocument) };
}

/** The versions in force now, one per kind (a kind never published is left out). */
export async function currentPolicyDocuments(
  app: AppContext,
  actor: Actor | null,
): Promise<{ items: PolicyDocument[] }> {
  const db = app.database.db;
  const org = await resolveOrganization(db, actor);
  const now = new Date();
  const items: PolicyDocument[] = [];
  for (const kind of POLICY_DOCUMENT_KIND_NAMES) {
    const row = await findCurrentDocument(db, org.id, kind, now);
    if (row) items.push(presentDocument(row));
  }
  return { items };
}

/** A published version for anyone; a draft only for those who manage documents (else 404). */
export async function readPolicyDocument(
  app: AppContext,
  actor: Actor | null,
  id: string,
): Promise<PolicyDocument> {
  const db = app.database.db;
  const org = await resolveOrganization(db, actor);
  const row = await findDocument(db, org.id, id);
  if (!row || (row.status !== 'published' && !canManage(app, actor))) throw notFound();
  return presentDocument(row);
}

export async function createPolicyDocument(
  ctx: IdentityContext,
  actor: Actor,
  input: PolicyDocumentDraft,
): Promise<PolicyDocument> {
  requirePermission(ctx.app, actor, 'policy_document.manage');
  return ctx.app.database.db.transaction(async (tx) => {
    // The version is taken under the (organisation, kind, version) unique key: a racing second
    // draft fails instead of sharing a number.
    const row = await insertDocument(tx, {
      organizationId: actor.organizationId,
      kind: input.kind,
      version: await nextVersion(tx, actor.organizationId, input.kind),
      titleZh: input.titleZh,
      titleEn: input.titleEn,
      bodyZh: input.bodyZh,
      bodyEn: input.bodyEn,
      material: input.material,
      createdBy: actor.userId,
    });
    await auditDocument(tx, ctx, row.organizationId, 'policy_document.create', row.id, {
      kind: { old: null, new: row.kind },
      version: { old: null, new: row.version },
    });
    return presentDocument(row);
  });
}

export async function editPolicyDocument(
  ctx: IdentityContext,
  actor: Actor,
  id: string,
  patch: Partial<Omit<PolicyDocumentDraft, 'kind'>>,
): Promise<PolicyDocument> {
  requirePermission(ctx.app, actor, 'policy_document.manage');
  try {
    return await ctx.app.database.db.transaction(async (tx) => {
      const row = await findDocument(tx, actor.organizationId, id, { lock: true });
      if (!row) throw notFound();
      if (row.status === 'published') throw publishedConflict();
      const updated = await updateDocument(tx, id, stripUndefined(patch));
      await auditDocument(tx, ctx, row.organizationId, 'policy_document.update', id, {
        ...(patch.material !== undefined
          ? { material: { old: row.material, new: patch.material } }
          : {}),
        fields: { old: null, new: Object.keys(stripUndefined(patch)).join(',') },
      });
      return presentDocument(updated);
    });
  } catch (err) {
    throw asImmutable(err);
  }
}

/** Fixes the text: the hash, the effective date (now or later) and who published it. */
export async function publishPolicyDocument(
  ctx: IdentityContext,
  actor: Actor,
  id: string,
  input: { effectiveAt?: string | undefined },
): Promise<PolicyDocument> {
  requirePermission(ctx.app, actor, 'policy_document.manage');
  try {
    return await ctx.app.database.db.transaction(async (tx) => {
      const row = await findDocument(tx, actor.organizationId, id, { lock: true });
      if (!row) throw notFound();
      if (row.status === 'published') throw publishedConflict();
      const now = new Date();
      const effectiveAt = input.effectiveAt ? new Date(input.effectiveAt) : now;
      const updated = await updateDocument(tx, id, {
        status: 'published',
        contentHash: documentHash(row),
        effectiveAt,
        publishedAt: now,
        publishedBy: actor.userId,
      });
      await auditDocument(tx, ctx, row.organizationId, 'policy_document.publish', id, {
        status: { old: 'draft', new: 'published' },
        effectiveAt: { old: null, new: effectiveAt.toISOString() },
        contentHash: { old: null, new: updated.contentHash },
      });
      return presentDocument(updated);
    });
  } catch (err) {
    throw asImmutable(err);
  }
}

const publishedConflict = () =>
  new AppError('conflict', 'A published document never changes; write a new version.');

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function auditDocument(
  tx: Db,
  ctx: IdentityContext,
  organizationId: string,
  action: string,
  id: string,
  changes: Record<string, { old: unknown; new: unknown }>,
) {
  return audit(tx, auditKeyOf(ctx), ctx.meta, {
    organizationId,
    action,
    entityType: 'policy_document',
    entityId: id,
    changes,
  });
}
