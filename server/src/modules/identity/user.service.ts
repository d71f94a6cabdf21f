import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Role } from '@anxin/common';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { revokeSession, revokeUserSessions } from '../../platform/auth/session-store.ts';
import { sessions, users } from '../../platform/db/schema/index.ts';
import { AppError, notFound } from '../../platform/http/app-error.ts';
import { auditRead } from '../../platform/audit/request-audit.ts';
import { audit, SENSITIVE_CHANGE } from './audit-helpers.ts';
import { auditKeyOf, type IdentityContext } from './identity-context.ts';
import { presentListItem, presentProfile } from './user.presenter.ts';
import { breakGlassGrantFor, userPolicy } from './user.policy.ts';
import {
  findUserById,
  listUsersPage,
  mfaEnrolledMany,
  replaceRoles,
  rolesOf,
  rolesOfMany,
} from './user.repo.ts';
import { decryptUser, encryptUserField } from './user-fields.ts';

/**
 * The user, if the actor may act on them: hidden answers 404 (as missing), visible but not
 * allowed answers 403.
 */
async function loadUserFor(
  tx: Db,
  actor: Actor,
  userId: string,
  action: 'roles.update' | 'sessions.revoke',
) {
  const user = await findUserById(tx, actor.organizationId, userId);
  if (!user || !userPolicy.can(actor, 'read', user)) throw notFound();
  if (!userPolicy.can(actor, action, user)) throw new AppError('forbidden');
  return user;
}

/**
 * One person's identity and contact details. Hidden and missing answer the same 404. The read is
 * audited before anything is returned (group-committed, see read-audit.ts): no audit, no data.
 */
export async function readUser(ctx: IdentityContext, actor: Actor, userId: string) {
  const { db } = ctx.app.database;
  const user = await findUserById(db, actor.organizationId, userId);
  if (!user || !userPolicy.can(actor, 'read', user)) throw notFound();
  const grant = breakGlassGrantFor(actor, user.id);
  const [roles, secrets, enrolled] = await Promise.all([
    rolesOf(db, user.id),
    decryptUser(ctx.app.vault.scope(db, actor.organizationId), user),
    mfaEnrolledMany(db, [user.id]),
  ]);
  await auditRead(ctx.app, ctx.meta, {
    organizationId: actor.organizationId,
    action: grant ? 'user.read.break_glass' : 'user.read',
    entityType: 'user',
    entityId: user.id,
    subjectId: user.id,
    reason: grant ? `break_glass:${grant}` : null,
  });
  return { user, profile: presentProfile(user, roles, secrets, enrolled.has(user.id)) };
}

/** The administrators' list: no sensitive fields, so no decryption and no per-row audit. */
export async function listUsers(
  ctx: IdentityContext,
  actor: Actor,
  q: { role?: Role | undefined; limit: number; after?: string | undefined },
) {
  const { db } = ctx.app.database;
  const rows = await listUsersPage(
    db,
    userPolicy.filter(actor, 'list', users),
    q.after,
    q.role ? 1000 : q.limit,
  );
  const roleMap = await rolesOfMany(
    db,
    rows.map((r) => r.id),
  );
  const filtered = q.role ? rows.filter((r) => roleMap.get(r.id)?.includes(q.role as Role)) : rows;
  const page = filtered.slice(0, q.limit);
  const enrolled = await mfaEnrolledMany(
    db,
    page.map((r) => r.id),
  );
  return {
    items: page.map((u) => presentListItem(u, roleMap.get(u.id) ?? [], enrolled.has(u.id))),
    nextCursor: filtered.length > q.limit ? (page.at(-1)?.id ?? null) : null,
  };
}

/** A role change ends the person's sessions: their next sign-in carries the new privileges. */
export async function updateRoles(
  ctx: IdentityContext,
  actor: Actor,
  userId: string,
  roles: Role[],
) {
  await ctx.app.database.db.transaction(async (tx) => {
    const user = await loadUserFor(tx, actor, userId, 'roles.update');
    if (user.id === actor.userId && !roles.includes('administrator')) {
      throw new AppError('conflict', 'You cannot remove your own administrator role.');
    }
    const before = await replaceRoles(tx, actor.organizationId, user.id, roles, actor.userId);
    await revokeUserSessions(
      tx,
      user.id,
      'privilege_change',
      user.id === actor.userId ? actor.sessionId : undefined,
    );
    await audit(tx, auditKeyOf(ctx), ctx.meta, {
      organizationId: actor.organizationId,
      action: 'user.roles.update',
      entityType: 'user',
      entityId: user.id,
      subjectId: user.id,
      changes: { roles: { old: before.sort(), new: [...new Set(roles)].sort() } },
    });
  });
}

export async function revokeAllSessions(ctx: IdentityContext, actor: Actor, userId: string) {
  await ctx.app.database.db.transaction(async (tx) => {
    const user = await loadUserFor(tx, actor, userId, 'sessions.revoke');
    const n = await revokeUserSessions(
      tx,
      user.id,
      'administrator',
      user.id === actor.userId ? actor.sessionId : undefined,
    );
    await audit(tx, auditKeyOf(ctx), ctx.meta, {
      organizationId: actor.organizationId,
      action: 'session.revoke_all',
      entityType: 'user',
      entityId: user.id,
      subjectId: user.id,
      changes: { revoked: { old: null, new: n } },
    });
  });
}

export async function updateOwnProfile(
  ctx: IdentityContext,
  actor: Actor,
  patch: {
    displayName?: string | undefined;
    realName?: string | undefined;
    locale?: 'zh-CN' | 'en' | undefined;
  },
) {
  await ctx.app.database.db.transaction(async (tx) => {
    const user = await findUserById(tx, actor.organizationId, actor.userId);
    if (!user) throw notFound();
    const vault = ctx.app.vault.scope(tx, actor.organizationId);
    await tx
      .update(users)
      .set({
        ...(patch.displayName ? { displayName: patch.displayName } : {}),
        ...(patch.locale ? { locale: patch.locale } : {}),
        ...(patch.realName
          ? { realNameEnc: await encryptUserField(vault, user.id, 'realName', patch.realName) }
          : {}),
      })
      .where(eq(users.id, user.id));
    await audit(tx, auditKeyOf(ctx), ctx.meta, {
      organizationId: actor.organizationId,
      action: 'user.update',
      entityType: 'user',
      entityId: user.id,
      subjectId: user.id,
      changes: {
        ...(patch.displayName
          ? { displayName: { old: user.displayName, new: patch.displayName } }
          : {}),
        ...(patch.locale ? { locale: { old: user.locale, new: patch.locale } } : {}),
        ...(patch.realName ? { realName: SENSITIVE_CHANGE } : {}),
      },
    });
  });
}

export async function listOwnSessions(ctx: IdentityContext, actor: Actor) {
  const rows = await ctx.app.database.db
    .select()
    .from(sessions)
    .where(and(eq(sessions.userId, actor.userId), isNull(sessions.revokedAt)))
    .orderBy(desc(sessions.lastSeenAt));
  return rows.map((s) => ({
    id: s.id,
    current: s.id === actor.sessionId,
    kind: s.kind,
    createdAt: s.createdAt.toISOString(),
    lastSeenAt: s.lastSeenAt.toISOString(),
    ip: s.ip,
    userAgent: s.userAgent,
  }));
}

export async function revokeOwnSession(
  ctx: IdentityContext,
  actor: Actor,
  sessionId: string | { others: true },
) {
  await ctx.app.database.db.transaction(async (tx) => {
    if (typeof sessionId !== 'string') {
      await revokeUserSessions(tx, actor.userId, 'sign_out_others', actor.sessionId);
    } else {
      const row = (
        await tx
          .select()
          .from(sessions)
          .where(and(eq(sessions.id, sessionId), eq(sessions.userId, actor.userId)))
      )[0];
      if (!row) throw notFound();
      await revokeSession(tx, row.id, 'sign_out_device');
    }
    await audit(tx, auditKeyOf(ctx), ctx.meta, {
      organizationId: actor.organizationId,
      action: 'session.revoke',
      entityType: 'session',
      entityId: typeof sessionId === 'string' ? sessionId : null,
      subjectId: actor.userId,
    });
  });
}
