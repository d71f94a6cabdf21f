import { randomUUID } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.ts';
import type { VaultScope } from '../../platform/crypto/vault.ts';
import type { Db } from '../../platform/db/database.ts';
import { counselorRelationships } from '../../platform/db/schema/index.ts';
import { AppError, notFound } from '../../platform/http/app-error.ts';
import { audit, SENSITIVE_CHANGE } from '../identity/audit-helpers.ts';
import { parseIdentifier } from '../identity/contact.ts';
import { auditKeyOf, type IdentityContext } from '../identity/identity-context.ts';
import { loadProfileFor, type CounselorProfileRow } from './counselor-access.ts';

/**
 * Declared dual relationships (C2). The counselor names the other person by e-mail or mobile
 * number; only its blind index can be matched, against clients' contact indexes at booking time
 * (`hasDeclaredConflict`). Nothing here ever looks the person up, so the answer cannot tell the
 * counselor whether that person is a client: that fact is itself confidential.
 */

type RelationshipRow = typeof counselorRelationships.$inferSelect;
const r = counselorRelationships;

const owner = (profile: CounselorProfileRow) => ({ type: 'person' as const, id: profile.userId });
const ref = (id: string, field: 'clientIdentifier' | 'description') => ({
  table: 'counselor_relationships',
  field,
  recordId: id,
});

async function presentRelationship(
  vault: VaultScope,
  profile: CounselorProfileRow,
  row: RelationshipRow,
) {
  return {
    id: row.id,
    clientIdentifier: await vault.decryptOrNull(
      owner(profile),
      ref(row.id, 'clientIdentifier'),
      row.clientIdentifierEnc,
    ),
    // Null only once the counselor's key is shredded; the contract wants text.
    description:
      (await vault.decryptOrNull(owner(profile), ref(row.id, 'description'), row.descriptionEnc)) ??
      '',
    endedAt: row.endedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

async function findRelationship(tx: Db, profile: CounselorProfileRow, id: string) {
  const rows = await tx
    .select()
    .from(r)
    .where(
      and(
        eq(r.organizationId, profile.organizationId),
        eq(r.counselorId, profile.id),
        eq(r.id, id),
      ),
    )
    .for('update');
  return rows[0];
}

/** The counselor's declarations, decrypted: an audited read, recorded before anything returns. */
export async function listRelationships(ctx: IdentityContext, actor: Actor, profileId: string) {
  return ctx.app.database.db.transaction(async (tx) => {
    const profile = await loadProfileFor(tx, actor, profileId, 'relationships.read');
    await audit(tx, auditKeyOf(ctx), ctx.meta, {
      organizationId: actor.organizationId,
      action: 'counselor.relationships.read',
      entityType: 'counselor_profile',
      entityId: profile.id,
      subjectId: profile.userId,
    });
    const rows = await tx
      .select()
      .from(r)
      .where(and(eq(r.organizationId, actor.organizationId), eq(r.counselorId, profile.id)))
      .orderBy(desc(r.createdAt), desc(r.id));
    const vault = ctx.app.vault.scope(tx, actor.organizationId);
    const items = [];
    for (const row of rows) items.push(await presentRelationship(vault, profile, row));
    return { items };
  });
}

export async function declareRelationship(
  ctx: IdentityContext,
  actor: Actor,
  profileId: string,
  input: { clientIdentifier?: string | undefined; description: string },
) {
  const typed = input.clientIdentifier?.trim();
  const contact = typed === undefined ? null : parseIdentifier(typed);
  if (typed !== undefined && !contact) {
    throw new AppError('validation_failed', 'One or more fields are not valid.', [
      {
        path: 'body.clientIdentifier',
        message: 'An e-mail address or mobile number',
        code: 'invalid_format',
      },
    ]);
  }
  return ctx.app.database.db.transaction(async (tx) => {
    const profile = await loadProfileFor(tx, actor, profileId, 'relationships.write');
    const vault = ctx.app.vault.scope(tx, actor.organizationId);
    const id = randomUUID(); // made here: the ciphertexts are bound to it
    const [row] = await tx
      .insert(r)
      .values({
        id,
        organizationId: actor.organizationId,
        counselorId: profile.id,
        // The same keyed index as users.email_index / phone_index, so a match needs no lookup.
        clientContactIndex: contact ? ctx.app.vault.blindIndex(contact.kind, contact.value) : null,
        clientIdentifierEnc: await vault.encryptOrNull(
          owner(profile),
          ref(id, 'clientIdentifier'),
          typed,
        ),
        descriptionEnc: await vault.encrypt(
          owner(profile),
          ref(id, 'description'),
          input.description,
        ),
      })
      .returning();
    if (!row) throw new Error('relationship not stored');
    await audit(tx, auditKeyOf(ctx), ctx.meta, {
      organizationId: actor.organizationId,
      action: 'counselor.relationship.declare',
      entityType: 'counselor_relationship',
      entityId: id,
      subjectId: profile.userId,
      changes: {
        description: SENSITIVE_CHANGE,
        ...(typed ? { clientIdentifier: SENSITIVE_CHANGE } : {}),
      },
    });
    return presentRelationship(vault, profile, row);
  });
}

/** Ends a declaration: from now on it no longer blocks booking between the pair. */
export async function endRelationship(
  ctx: IdentityContext,
  actor: Actor,
  profileId: string,
  relationshipId: string,
) {
  return ctx.app.database.db.transaction(async (tx) => {
    const profile = await loadProfileFor(tx, actor, profileId, 'relationships.write');
    const found = await findRelationship(tx, profile, relationshipId);
    if (!found) throw notFound();
    if (found.endedAt) throw new AppError('conflict', 'This relationship has already ended.');
    const endedAt = new Date();
    const [row] = await tx
      .update(r)
      .set({ endedAt, updatedAt: endedAt })
      .where(eq(r.id, found.id))
      .returning();
    if (!row) throw notFound();
    await audit(tx, auditKeyOf(ctx), ctx.meta, {
      organizationId: actor.organizationId,
      action: 'counselor.relationship.end',
      entityType: 'counselor_relationship',
      entityId: row.id,
      subjectId: profile.userId,
      changes: { endedAt: { old: null, new: endedAt.toISOString() } },
    });
    return presentRelationship(ctx.app.vault.scope(tx, actor.organizationId), profile, row);
  });
}
