import type {
  ReferralResource,
  ReferralResourceInput,
  ReferralResourceUpdate,
} from '@anxin/common';
import { audit } from '../../platform/audit/request-audit.ts';
import { abilitiesOf } from '../../platform/auth/abilities.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { notFound } from '../../platform/http/app-error.ts';
import {
  changesBetween,
  createdChanges,
  requirePermission,
} from '../counselors/vocabulary.service.ts';
import type { CarePlansContext } from './care-access.ts';
import {
  findResource,
  insertResource,
  listResources,
  updateResource,
  type ReferralResourcePatch,
  type ReferralResourceRow,
} from './referral-resource.repo.ts';

const ENTITY = 'referral_resource';

export function presentResource(row: ReferralResourceRow): ReferralResource {
  return {
    id: row.id,
    kind: row.kind,
    code: row.code,
    nameZh: row.nameZh,
    nameEn: row.nameEn,
    phone: row.phone,
    address: row.address,
    hours: row.hours,
    notes: row.notes,
    active: row.active,
    sortOrder: row.sortOrder,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * The columns a request changes: given fields only, and an emptied optional text as null so a
 * form can remove an address.
 */
function toPatch(input: ReferralResourceUpdate): ReferralResourcePatch {
  const patch: ReferralResourcePatch = {};
  if (input.kind !== undefined) patch.kind = input.kind;
  if (input.nameZh !== undefined) patch.nameZh = input.nameZh;
  if (input.nameEn !== undefined) patch.nameEn = input.nameEn;
  if (input.phone !== undefined) patch.phone = input.phone;
  if (input.address !== undefined) patch.address = input.address || null;
  if (input.hours !== undefined) patch.hours = input.hours || null;
  if (input.notes !== undefined) patch.notes = input.notes || null;
  if (input.active !== undefined) patch.active = input.active;
  if (input.sortOrder !== undefined) patch.sortOrder = input.sortOrder;
  return patch;
}

/**
 * The directory (C6) for those who may have to give a number: staff who read it see the active
 * entries; retired ones only those who manage it, when they ask. Organisation data, not personal
 * data: reads are not audited, changes are.
 */
export async function listReferralResources(
  ctx: CarePlansContext,
  actor: Actor,
  includeInactive: boolean,
): Promise<{ items: ReferralResource[] }> {
  requirePermission(ctx.app, actor, 'referral_resource.read');
  const manager = abilitiesOf(actor, ctx.app.config.env).includes('referral_resource.manage');
  const rows = await listResources(
    ctx.app.database.db,
    actor.organizationId,
    includeInactive && manager,
  );
  return { items: rows.map(presentResource) };
}

export async function createReferralResource(
  ctx: CarePlansContext,
  actor: Actor,
  input: ReferralResourceInput,
): Promise<ReferralResource> {
  requirePermission(ctx.app, actor, 'referral_resource.manage');
  return ctx.app.database.db.transaction(async (tx) => {
    const values = toPatch(input);
    const row = await insertResource(tx, {
      ...values,
      kind: input.kind,
      nameZh: input.nameZh,
      nameEn: input.nameEn,
      phone: input.phone,
      organizationId: actor.organizationId,
    });
    await audit(tx, ctx.app.vault.keyring.auditKey, ctx.meta, {
      organizationId: actor.organizationId,
      action: 'referral_resource.create',
      entityType: ENTITY,
      entityId: row.id,
      changes: createdChanges(values),
    });
    return presentResource(row);
  });
}

/** Edits an entry; `active: false` retires it (never deleted: referrals point at it). */
export async function updateReferralResource(
  ctx: CarePlansContext,
  actor: Actor,
  id: string,
  input: ReferralResourceUpdate,
): Promise<ReferralResource> {
  requirePermission(ctx.app, actor, 'referral_resource.manage');
  return ctx.app.database.db.transaction(async (tx) => {
    const before = await findResource(tx, actor.organizationId, id, { lock: true });
    if (!before) throw notFound();
    const patch = toPatch(input);
    const changes = changesBetween(before, patch);
    if (Object.keys(changes).length === 0) return presentResource(before);
    const row = await updateResource(tx, id, patch);
    await audit(tx, ctx.app.vault.keyring.auditKey, ctx.meta, {
      organizationId: actor.organizationId,
      action: 'referral_resource.update',
      entityType: ENTITY,
      entityId: id,
      changes,
    });
    return presentResource(row);
  });
}
