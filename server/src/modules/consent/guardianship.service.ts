import type { Guardianship } from '@anxin/common';
import { aliasedTable, and, desc, eq, or, type SQL } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.ts';
import { abilitiesOf } from '../../platform/auth/abilities.ts';
import type { Db } from '../../platform/db/database.ts';
import { guardianships, users } from '../../platform/db/schema/index.ts';
import { AppError, notFound } from '../../platform/http/app-error.ts';
import { sqlStateOf } from '../scheduling/appointment-context.ts';
import { parseIdentifier } from '../identity/contact.ts';
import { audit } from '../identity/audit-helpers.ts';
import { auditKeyOf, type IdentityContext } from '../identity/identity-context.ts';
import { findUserForContact } from '../identity/user.repo.ts';

/**
 * Guardians of minors (C11). A guardian asks to be linked to a minor's account (named by its
 * e-mail address or mobile number); the link counts only once an administrator has verified it
 * (proof of the relationship is checked outside the system), and either side's administrator
 * may revoke it. The guardian then signs the minor's consent and sees their appointments.
 */

const guardian = aliasedTable(users, 'guardian');
const minor = aliasedTable(users, 'minor');
const g = guardianships;

const canVerify = (ctx: IdentityContext, actor: Actor) =>
  abilitiesOf(actor, ctx.app.config.env).includes('guardianship.verify');

async function select(db: Db, where: SQL | undefined): Promise<Guardianship[]> {
  const rows = await db
    .select({ g, guardianName: guardian.displayName, minorName: minor.displayName })
    .from(g)
    .innerJoin(guardian, eq(guardian.id, g.guardianUserId))
    .innerJoin(minor, eq(minor.id, g.minorUserId))
    .where(where)
    .orderBy(desc(g.createdAt));
  return rows.map((r) => ({
    id: r.g.id,
    guardianUserId: r.g.guardianUserId,
    guardianName: r.guardianName,
    minorUserId: r.g.minorUserId,
    minorName: r.minorName,
    relationship: r.g.relationship,
    status: r.g.status,
    verifiedAt: r.g.verifiedAt?.toISOString() ?? null,
    createdAt: r.g.createdAt.toISOString(),
  }));
}

/** Mine as guardian or as minor; an administrator who verifies links sees all of them. */
export async function listGuardianships(ctx: IdentityContext, actor: Actor) {
  const mine = or(eq(g.guardianUserId, actor.userId), eq(g.minorUserId, actor.userId));
  const where = and(
    eq(g.organizationId, actor.organizationId),
    canVerify(ctx, actor) ? undefined : mine,
  );
  return { items: await select(ctx.app.database.db, where) };
}

export async function requestGuardianship(
  ctx: IdentityContext,
  actor: Actor,
  input: { minorContact: string; relationship: 'parent' | 'legal_guardian' },
): Promise<Guardianship> {
  const db = ctx.app.database.db;
  const contact = parseIdentifier(input.minorContact);
  const person = contact
    ? await findUserForContact(db, ctx.app.vault, actor.organizationId, contact)
    : undefined;
  // Nobody learns whether an account exists by asking: no match and oneself answer alike.
  if (!person || person.id === actor.userId) {
    throw new AppError('validation_failed', 'No client account matches.', [
      { path: 'body.minorContact', message: 'No client account matches.', code: 'not_found' },
    ]);
  }
  try {
    const id = await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(g)
        .values({
          organizationId: actor.organizationId,
          guardianUserId: actor.userId,
          minorUserId: person.id,
          relationship: input.relationship,
        })
        .returning();
      if (!row) throw new Error('guardianship not inserted');
      await auditLink(tx, ctx, actor, row.id, person.id, { status: { old: null, new: 'pending' } });
      return row.id;
    });
    return await one(db, actor, id);
  } catch (err) {
    if (sqlStateOf(err) === '23505')
      throw new AppError('conflict', 'This link has already been asked for.');
    throw err;
  }
}

/** An administrator verifies (pending → active) or anyone of the link, or staff, revokes. */
export async function decideGuardianship(
  ctx: IdentityContext,
  actor: Actor,
  id: string,
  decision: 'verify' | 'revoke',
): Promise<Guardianship> {
  const db = ctx.app.database.db;
  await db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(g)
      .where(and(eq(g.organizationId, actor.organizationId), eq(g.id, id)))
      .for('update');
    const party = row && (row.guardianUserId === actor.userId || row.minorUserId === actor.userId);
    if (!row || (!party && !canVerify(ctx, actor))) throw notFound();
    if (decision === 'verify' && !canVerify(ctx, actor)) throw new AppError('forbidden');
    const from = decision === 'verify' ? 'pending' : row.status;
    if (row.status !== from || row.status === 'revoked')
      throw new AppError('invalid_transition', `A ${row.status} link cannot be changed so.`);
    const now = new Date();
    const patch =
      decision === 'verify'
        ? { status: 'active' as const, verifiedBy: actor.userId, verifiedAt: now }
        : { status: 'revoked' as const, revokedAt: now };
    await tx.update(g).set(patch).where(eq(g.id, id));
    await auditLink(tx, ctx, actor, id, row.minorUserId, {
      status: { old: row.status, new: patch.status },
    });
  });
  return one(db, actor, id);
}

async function one(db: Db, actor: Actor, id: string): Promise<Guardianship> {
  const [item] = await select(db, and(eq(g.organizationId, actor.organizationId), eq(g.id, id)));
  if (!item) throw notFound();
  return item;
}

function auditLink(
  tx: Db,
  ctx: IdentityContext,
  actor: Actor,
  id: string,
  minorUserId: string,
  changes: Record<string, { old: unknown; new: unknown }>,
) {
  return audit(tx, auditKeyOf(ctx), ctx.meta, {
    organizationId: actor.organizationId,
    action: 'guardianship.update',
    entityType: 'guardianship',
    entityId: id,
    subjectId: minorUserId,
    changes,
  });
}
