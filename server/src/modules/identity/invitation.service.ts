import { randomUUID } from 'node:crypto';
import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import type { Role } from '@anxin/common';
import type { Actor } from '../../platform/auth/actor.ts';
import { hashPassword, assertAcceptablePassword } from '../../platform/auth/passwords.ts';
import { randomToken } from '../../platform/auth/secrets.ts';
import { createSession } from '../../platform/auth/session-store.ts';
import { invitations, userRoles, users } from '../../platform/db/schema/index.ts';
import { AppError, notFound } from '../../platform/http/app-error.ts';
import { getDefaultOrganization } from '../organizations/organization.service.ts';
import { audit, SENSITIVE_CHANGE } from './audit-helpers.ts';
import { normalizeEmail } from './contact.ts';
import { auditKeyOf, kickDelivery, publicUrl, type IdentityContext } from './identity-context.ts';
import { notifyContact } from './notify.ts';
import { findUserByContact } from './user.repo.ts';
import { encryptUserField } from './user-fields.ts';

export const INVITATION_HOURS = 72;
const emailRef = (id: string) => ({ table: 'invitations', field: 'email', recordId: id });

function statusOf(
  row: typeof invitations.$inferSelect,
): 'pending' | 'accepted' | 'expired' | 'revoked' {
  if (row.acceptedAt) return 'accepted';
  if (row.revokedAt) return 'revoked';
  return row.expiresAt < new Date() ? 'expired' : 'pending';
}

const requireAdmin = (actor: Actor) => {
  if (!actor.roles.includes('administrator')) throw new AppError('forbidden');
};

/** Staff join by a single-use link that expires in 72 hours (sent by e-mail, shown once). */
export async function createInvitation(
  ctx: IdentityContext,
  actor: Actor,
  input: { email: string; roles: Role[] },
) {
  requireAdmin(actor);
  const email = normalizeEmail(input.email);
  const token = randomToken();
  const id = randomUUID();
  const link = publicUrl(ctx, `/invite?token=${token}`);
  const result = await ctx.app.database.db.transaction(async (tx) => {
    const org = await getDefaultOrganization(tx);
    const vault = ctx.app.vault.scope(tx, actor.organizationId);
    const orgOwner = { type: 'organization' as const, id: actor.organizationId };
    const expiresAt = new Date(Date.now() + INVITATION_HOURS * 3_600_000);
    const [row] = await tx
      .insert(invitations)
      .values({
        id,
        organizationId: actor.organizationId,
        emailIndex: ctx.app.vault.blindIndex('email', email),
        emailEnc: await vault.encrypt(orgOwner, emailRef(id), email),
        roles: [...new Set(input.roles)],
        tokenHash: ctx.app.vault.tokenDigest('invitation', token),
        expiresAt,
        invitedBy: actor.userId,
      })
      .returning();
    await notifyContact(
      tx,
      vault,
      {
        organizationId: actor.organizationId,
        userId: null,
        contact: { kind: 'email', value: email },
        locale: org.defaultLocale,
      },
      'invitation',
      {
        link,
        organizationName: org.name,
        roles: input.roles,
        hours: INVITATION_HOURS,
      },
    );
    await audit(tx, auditKeyOf(ctx), ctx.meta, {
      organizationId: actor.organizationId,
      action: 'invitation.create',
      entityType: 'invitation',
      entityId: id,
      changes: { email: SENSITIVE_CHANGE, roles: { old: null, new: input.roles } },
    });
    if (!row) throw new Error('invitation not stored');
    return { row, email };
  });
  await kickDelivery(ctx);
  return { ...present(result.row, result.email), link };
}

function present(row: typeof invitations.$inferSelect, email: string) {
  return {
    id: row.id,
    email,
    roles: row.roles,
    status: statusOf(row),
    expiresAt: row.expiresAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
  };
}

export async function listInvitations(ctx: IdentityContext, actor: Actor) {
  requireAdmin(actor);
  return ctx.app.database.db.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(invitations)
      .where(eq(invitations.organizationId, actor.organizationId))
      .orderBy(desc(invitations.createdAt))
      .limit(200);
    const vault = ctx.app.vault.scope(tx, actor.organizationId);
    const orgOwner = { type: 'organization' as const, id: actor.organizationId };
    await audit(tx, auditKeyOf(ctx), ctx.meta, {
      organizationId: actor.organizationId,
      action: 'invitation.list',
      entityType: 'invitation',
    });
    return Promise.all(
      rows.map(async (r) =>
        present(r, (await vault.decryptOrNull(orgOwner, emailRef(r.id), r.emailEnc)) ?? ''),
      ),
    );
  });
}

export async function revokeInvitation(ctx: IdentityContext, actor: Actor, id: string) {
  requireAdmin(actor);
  await ctx.app.database.db.transaction(async (tx) => {
    const rows = await tx
      .update(invitations)
      .set({ revokedAt: new Date() })
      .where(
        and(
          eq(invitations.organizationId, actor.organizationId),
          eq(invitations.id, id),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
        ),
      )
      .returning({ id: invitations.id });
    if (!rows.length) throw notFound();
    await audit(tx, auditKeyOf(ctx), ctx.meta, {
      organizationId: actor.organizationId,
      action: 'invitation.revoke',
      entityType: 'invitation',
      entityId: id,
    });
  });
}

async function findPending(ctx: IdentityContext, token: string) {
  const org = await getDefaultOrganization(ctx.app.database.db);
  const row = (
    await ctx.app.database.db
      .select()
      .from(invitations)
      .where(
        and(
          eq(invitations.organizationId, org.id),
          eq(invitations.tokenHash, ctx.app.vault.tokenDigest('invitation', token)),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
          gt(invitations.expiresAt, new Date()),
        ),
      )
  )[0];
  if (!row) throw new AppError('invalid_token', 'The invitation is not valid or has expired.');
  return { org, row };
}

export async function lookupInvitation(ctx: IdentityContext, token: string) {
  const { org, row } = await findPending(ctx, token);
  return { organizationName: org.name, roles: row.roles, expiresAt: row.expiresAt.toISOString() };
}

/** Creates the staff account from the invitation and signs it in (MFA enrolment comes next). */
export async function acceptInvitation(
  ctx: IdentityContext,
  input: { token: string; password: string; realName: string; displayName: string },
) {
  const { org, row } = await findPending(ctx, input.token);
  assertAcceptablePassword(input.password, [input.realName, input.displayName]);
  const passwordHash = await hashPassword(input.password);
  return ctx.app.database.db.transaction(async (tx) => {
    const locked = (
      await tx
        .select()
        .from(invitations)
        .where(and(eq(invitations.id, row.id), isNull(invitations.acceptedAt)))
        .for('update')
    )[0];
    if (!locked) throw new AppError('invalid_token', 'The invitation was already used.');
    if (await findUserByContact(tx, org.id, 'email', row.emailIndex))
      throw new AppError(
        'conflict',
        'An account with this e-mail address exists. Sign in instead.',
      );
    const vault = ctx.app.vault.scope(tx, org.id);
    const email = await vault.decrypt(
      { type: 'organization', id: org.id },
      emailRef(row.id),
      row.emailEnc,
    );
    const id = randomUUID();
    const now = new Date();
    await tx.insert(users).values({
      id,
      organizationId: org.id,
      emailIndex: row.emailIndex,
      emailEnc: await encryptUserField(vault, id, 'email', email),
      realNameEnc: await encryptUserField(vault, id, 'realName', input.realName),
      displayName: input.displayName,
      locale: org.defaultLocale,
      passwordHash,
      emailVerifiedAt: now, // the link itself proves the address
    });
    await tx.insert(userRoles).values(
      row.roles.map((role) => ({
        organizationId: org.id,
        userId: id,
        role,
        grantedBy: row.invitedBy,
      })),
    );
    await tx
      .update(invitations)
      .set({ acceptedAt: now, acceptedUserId: id })
      .where(eq(invitations.id, row.id));
    const session = await createSession(tx, {
      organizationId: org.id,
      userId: id,
      roles: row.roles,
      mfaVerified: false,
      ip: ctx.meta.ip,
      userAgent: ctx.meta.userAgent,
    });
    await audit(
      tx,
      auditKeyOf(ctx),
      { ...ctx.meta, actorId: id },
      {
        organizationId: org.id,
        action: 'invitation.accept',
        entityType: 'user',
        entityId: id,
        subjectId: id,
        changes: {
          roles: { old: [], new: row.roles },
          email: SENSITIVE_CHANGE,
          realName: SENSITIVE_CHANGE,
        },
      },
    );
    return session.token;
  });
}
