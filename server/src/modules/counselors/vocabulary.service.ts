import {
  type CounselorSettings,
  type Permission,
  type VocabularyKind,
  type VocabularyTerm,
} from '@anxin/common';
import { isStaff, type Actor } from '../../platform/auth/actor.ts';
import { abilitiesOf } from '../../platform/auth/abilities.ts';
import type { Changes } from '../../platform/audit/audit.ts';
import { AppError, notFound } from '../../platform/http/app-error.ts';
import { audit } from '../identity/audit-helpers.ts';
import { auditKeyOf, type IdentityContext } from '../identity/identity-context.ts';
import type { AppContext } from '../../app-context.ts';
import { getCounselorSettings, putCounselorSettings } from './counselor-settings.service.ts';
import { resolveOrganization } from './directory.service.ts';
import {
  findTerm,
  insertTerm,
  listTerms,
  updateTerm,
  type VocabularyPatch,
  type VocabularyRow,
} from './vocabulary.repo.ts';

/**
 * The module's organisation-editable configuration: controlled vocabularies (specialties,
 * approaches, languages, qualification types) and the counselor settings (A3 re-check cycle,
 * C5 training hours, A8 review period). Only administrators change them; every change is
 * audited with its old and new values (none of this is personal data).
 */

/** Refuses unless the actor's roles grant `permission` (the same derivation the UI uses). */
export function requirePermission(app: AppContext, actor: Actor, permission: Permission): void {
  if (!abilitiesOf(actor, app.config.env).includes(permission)) throw new AppError('forbidden');
}

export function presentTerm(row: VocabularyRow): VocabularyTerm {
  return {
    id: row.id,
    kind: row.kind,
    code: row.code,
    labelZh: row.labelZh,
    labelEn: row.labelEn,
    active: row.active,
    sortOrder: row.sortOrder,
    qualifies: row.qualifies,
  };
}

/** Each field that differs, as `{ old, new }`. */
export function changesBetween<T extends object>(before: T, after: Partial<T>): Changes {
  const out: Changes = {};
  for (const key of Object.keys(after) as (keyof T & string)[]) {
    const next = after[key];
    if (next === undefined) continue;
    if (JSON.stringify(before[key]) !== JSON.stringify(next)) {
      out[key] = { old: before[key], new: next };
    }
  }
  return out;
}

/** The fields of a new record, as changes from nothing. */
export function createdChanges(input: object): Changes {
  return Object.fromEntries(
    Object.entries(input).map(([key, value]) => [key, { old: null, new: value as unknown }]),
  );
}

/**
 * Public: the web app labels codes and offers filters before anyone signs in. Retired terms are
 * shown only to those who may edit them.
 */
export async function listVocabulary(
  app: AppContext,
  actor: Actor | null,
  q: { kind?: VocabularyKind | undefined; includeRetired: boolean },
) {
  const org = await resolveOrganization(app.database.db, actor);
  const editor = actor ? abilitiesOf(actor, app.config.env).includes('vocabulary.update') : false;
  const rows = await listTerms(app.database.db, org.id, {
    kind: q.kind,
    includeRetired: q.includeRetired && editor,
  });
  return { items: rows.map(presentTerm) };
}

export async function createTerm(
  ctx: IdentityContext,
  actor: Actor,
  input: Pick<VocabularyRow, 'kind' | 'code' | 'labelZh' | 'labelEn' | 'sortOrder' | 'qualifies'>,
): Promise<VocabularyTerm> {
  requirePermission(ctx.app, actor, 'vocabulary.update');
  return ctx.app.database.db.transaction(async (tx) => {
    const row = await insertTerm(tx, { ...input, organizationId: actor.organizationId });
    if (!row) {
      throw new AppError('conflict', 'This code is already used in this vocabulary.', [
        { path: 'body.code', message: 'Already used (perhaps by a retired term)', code: 'taken' },
      ]);
    }
    await audit(tx, auditKeyOf(ctx), ctx.meta, {
      organizationId: actor.organizationId,
      action: 'vocabulary.create',
      entityType: 'vocabulary_term',
      entityId: row.id,
      changes: createdChanges(input),
    });
    return presentTerm(row);
  });
}

/** Edits a term; `active: false` retires it (never deleted: old profiles still name it). */
export async function editTerm(
  ctx: IdentityContext,
  actor: Actor,
  id: string,
  patch: VocabularyPatch,
): Promise<VocabularyTerm> {
  requirePermission(ctx.app, actor, 'vocabulary.update');
  return ctx.app.database.db.transaction(async (tx) => {
    const before = await findTerm(tx, actor.organizationId, id, { lock: true });
    if (!before) throw notFound();
    const changes = changesBetween(before, patch);
    if (Object.keys(changes).length === 0) return presentTerm(before);
    const row = await updateTerm(tx, actor.organizationId, id, patch);
    if (!row) throw notFound();
    await audit(tx, auditKeyOf(ctx), ctx.meta, {
      organizationId: actor.organizationId,
      action: 'vocabulary.update',
      entityType: 'vocabulary_term',
      entityId: row.id,
      changes,
    });
    return presentTerm(row);
  });
}

/** Staff need the cycle and requirements to plan; clients have no use for them. */
export async function readSettings(app: AppContext, actor: Actor): Promise<CounselorSettings> {
  if (!isStaff(actor.roles)) throw new AppError('forbidden');
  return getCounselorSettings(app.database.db, actor.organizationId);
}

export async function updateSettings(
  ctx: IdentityContext,
  actor: Actor,
  value: CounselorSettings,
): Promise<CounselorSettings> {
  requirePermission(ctx.app, actor, 'counselor.settings.update');
  return ctx.app.database.db.transaction(async (tx) => {
    const before = await putCounselorSettings(tx, actor.organizationId, value);
    const changes = changesBetween(before, value);
    if (Object.keys(changes).length) {
      await audit(tx, auditKeyOf(ctx), ctx.meta, {
        organizationId: actor.organizationId,
        action: 'counselor_settings.update',
        entityType: 'organization_settings',
        entityId: actor.organizationId,
        changes,
      });
    }
    return value;
  });
}
