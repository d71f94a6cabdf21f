import { randomUUID } from 'node:crypto';
import type { ErasureCertificate, RetentionRecordType } from '@anxin/common';
import { and, eq, gt, inArray } from 'drizzle-orm';
import type { AuditFields } from '../../../platform/audit/request-audit.ts';
import type { Vault } from '../../../platform/crypto/vault.ts';
import type { Db } from '../../../platform/db/database.ts';
import { appointments, seals, userRoles, users } from '../../../platform/db/schema/index.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import { readRetentionSettings } from '../retention/retention-settings.ts';
import { activeHoldsFor } from '../retention/legal-hold.repo.ts';
import { floorMs, type ErasureRun, type SealSource } from './erasure-source.ts';
import { reencryptRows } from './sealed-fields.ts';
import { ERASURE_SOURCES } from './sources/index.ts';

/** One table's part of a seal, with when its floor passes (kept for after a hold is released). */
export interface SealedRecords {
  table: string;
  ids: string[];
  floorUntil: string;
}

export interface ErasureInput {
  organizationId: string;
  subjectUserId: string;
  requestId: string | null;
  now: Date;
}

/** Only these roles can be erased in this version; staff records have their own duties. */
const ERASABLE_ROLES = new Set(['client', 'guardian']);

/**
 * Deletes a person (B11) inside `tx`: every source erases, seals or keeps its rows, then the
 * person's data key is destroyed and the account becomes a tombstone (ids stay for statistics).
 * The caller commits, then calls `vault.finishShredding` so the key's external share goes too.
 * Every destruction is audited through `audit`, in the same transaction.
 */
export async function erasePerson(
  tx: Db,
  vault: Vault,
  audit: (fields: AuditFields) => Promise<unknown>,
  input: ErasureInput,
): Promise<ErasureCertificate> {
  const { organizationId, subjectUserId, now } = input;
  const [user] = await tx
    .select()
    .from(users)
    .where(and(eq(users.organizationId, organizationId), eq(users.id, subjectUserId)))
    .for('update');
  if (!user) throw new AppError('not_found');
  if (user.status === 'erased') {
    throw new AppError('conflict', 'This person was already erased.');
  }
  await refuseUnsupported(tx, input);

  const run: ErasureRun = {
    tx,
    vault: vault.scope(tx, organizationId),
    organizationId,
    subjectUserId,
    now,
    settings: await readRetentionSettings(tx, organizationId),
  };
  const held = (await activeHoldsFor(tx, organizationId, subjectUserId)).length > 0;
  const certificate: ErasureCertificate = {
    format: 'anxin.erasure-certificate/1',
    subjectUserId,
    requestId: input.requestId,
    erasedAt: now.toISOString(),
    erased: [],
    sealed: [],
    keptWithoutIdentity: [],
  };
  const toSeal = new Map<
    RetentionRecordType,
    { source: SealSource; ids: string[]; until: Date }[]
  >();

  for (const source of ERASURE_SOURCES) {
    if (source.kind === 'keep') {
      const count = await source.count(run);
      if (count) certificate.keptWithoutIdentity.push({ category: source.category, count });
      continue;
    }
    let erasedCount: number;
    if (source.kind === 'erase') {
      erasedCount = await source.eraseAll(run);
    } else {
      const rows = await source.findSealable(run);
      const floor = floorMs(run.settings, source.recordType);
      const keep = rows.filter((r) => held || r.floorFrom.getTime() + floor > now.getTime());
      const keepIds = new Set(keep.map((r) => r.id));
      erasedCount = await source.eraseRows(
        tx,
        organizationId,
        rows.filter((r) => !keepIds.has(r.id)).map((r) => r.id),
      );
      if (keep.length) {
        const until = new Date(Math.max(...keep.map((r) => r.floorFrom.getTime() + floor)));
        const group = toSeal.get(source.recordType) ?? [];
        group.push({ source, ids: [...keepIds], until });
        toSeal.set(source.recordType, group);
      }
    }
    if (erasedCount) {
      certificate.erased.push({ category: source.category, count: erasedCount });
      await audit({
        organizationId,
        action: 'erasure.destroy',
        entityType: source.category,
        entityId: subjectUserId,
        subjectId: subjectUserId,
        reason: input.requestId ? `privacy_request:${input.requestId}` : 'retention',
        changes: { count: { old: erasedCount, new: 0 } },
      });
    }
  }

  const person = { type: 'person' as const, id: subjectUserId };
  for (const [recordType, parts] of toSeal) {
    const sealId = randomUUID();
    const floorUntil = new Date(Math.max(...parts.map((p) => p.until.getTime())));
    const records: SealedRecords[] = parts.map((p) => ({
      table: p.source.table,
      ids: p.ids,
      floorUntil: p.until.toISOString(),
    }));
    for (const p of parts) {
      await reencryptRows(tx, run.vault, p.source, p.ids, person, { type: 'seal', id: sealId });
    }
    const reason = held ? 'legal_hold' : 'retention_floor';
    const sealedUntil = held ? null : floorUntil;
    await tx.insert(seals).values({
      id: sealId,
      organizationId,
      subjectUserId,
      recordType,
      records,
      reason,
      sealedUntil,
      requestId: input.requestId,
    });
    const count = parts.reduce((n, p) => n + p.ids.length, 0);
    for (const p of parts) {
      certificate.sealed.push({
        category: p.source.category,
        count: p.ids.length,
        reason,
        sealedUntil: sealedUntil?.toISOString() ?? null,
      });
    }
    await audit({
      organizationId,
      action: 'seal.create',
      entityType: 'seal',
      entityId: sealId,
      subjectId: subjectUserId,
      reason,
      changes: {
        recordType: { old: null, new: recordType },
        count: { old: null, new: count },
        sealedUntil: { old: null, new: sealedUntil?.toISOString() ?? null },
      },
    });
  }

  await run.vault.destroyDataKey(person);
  await audit({
    organizationId,
    action: 'data_key.destroy',
    entityType: 'data_key',
    entityId: subjectUserId,
    subjectId: subjectUserId,
    reason: input.requestId ? `privacy_request:${input.requestId}` : 'retention',
  });
  await tx
    .update(users)
    .set({
      emailIndex: null,
      emailEnc: null,
      phoneIndex: null,
      phoneEnc: null,
      realNameEnc: null,
      birthDateEnc: null,
      displayName: `erased-${subjectUserId.slice(0, 8)}`,
      // No password matches this: the tombstone cannot sign in.
      passwordHash: '!erased',
      status: 'erased',
      updatedAt: now,
    })
    .where(eq(users.id, subjectUserId));
  await audit({
    organizationId,
    action: 'user.erase',
    entityType: 'user',
    entityId: subjectUserId,
    subjectId: subjectUserId,
    reason: input.requestId ? `privacy_request:${input.requestId}` : 'retention',
    changes: { status: { old: user.status, new: 'erased' } },
  });
  certificate.erased.push({ category: 'identity_and_contact', count: 1 });
  return certificate;
}

/**
 * Staff accounts (counselor profiles, qualifications, supervision notes) and people with
 * appointments still to come are not erased by this version: both need a decision first.
 */
async function refuseUnsupported(tx: Db, input: ErasureInput) {
  const roles = await tx
    .select({ role: userRoles.role })
    .from(userRoles)
    .where(eq(userRoles.userId, input.subjectUserId));
  if (roles.some((r) => !ERASABLE_ROLES.has(r.role))) {
    throw new AppError('conflict', 'Staff accounts cannot be erased here.');
  }
  const upcoming = await tx
    .select({ id: appointments.id })
    .from(appointments)
    .where(
      and(
        eq(appointments.clientUserId, input.subjectUserId),
        inArray(appointments.status, ['booked', 'pending']),
        gt(appointments.startsAt, input.now),
      ),
    )
    .limit(1);
  if (upcoming.length) {
    throw new AppError('conflict', 'Cancel the upcoming appointments before erasing.');
  }
}
