import { and, eq, isNull } from 'drizzle-orm';
import * as OTPAuth from 'otpauth';
import type { Actor } from '../../platform/auth/actor.ts';
import {
  burnPasswordCheck,
  hashPassword,
  needsRehash,
  verifyPassword,
} from '../../platform/auth/passwords.ts';
import { createSession, resolveSession, revokeSession } from '../../platform/auth/session-store.ts';
import type { Db } from '../../platform/db/database.ts';
import { mfaBackupCodes, mfaTotp, users } from '../../platform/db/schema/index.ts';
import { AppError } from '../../platform/http/app-error.ts';
import { getDefaultOrganization } from '../organizations/organization.service.ts';
import { audit } from './audit-helpers.ts';
import { parseIdentifier } from './contact.ts';
import { auditKeyOf, kickDelivery, type IdentityContext } from './identity-context.ts';
import { notifyContact } from './notify.ts';
import { recordFailure, recordSuccess, throttleState } from './throttle.service.ts';
import { findUserForContact, rolesOf } from './user.repo.ts';

export class ThrottledError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super('rate_limited', 'Too many attempts. Wait before trying again.');
  }
}

const invalidCredentials = () =>
  new AppError('invalid_credentials', 'The identifier or the password is not correct.');

export interface SignedIn {
  token: string;
  actor: Actor;
}

/**
 * Sign-in. Unknown identifier, wrong password and disabled account give the same answer after
 * the same work; the failure counter is keyed by the identifier's blind index, so an unknown
 * identifier is throttled exactly like a known one.
 */
export async function signIn(
  ctx: IdentityContext,
  identifier: string,
  password: string,
): Promise<SignedIn> {
  const { db } = ctx.app.database;
  const org = await getDefaultOrganization(db);
  const contact = parseIdentifier(identifier);
  const key = `sign-in:${contact ? ctx.app.vault.blindIndex(contact.kind, contact.value) : 'invalid'}`;
  await assertNotLocked(db, org.id, key);

  const user = contact ? await findUserForContact(db, ctx.app.vault, org.id, contact) : undefined;
  const ok = user
    ? await verifyPassword(user.passwordHash, password)
    : (await burnPasswordCheck(password), false);
  if (!user || !ok || user.status !== 'active') {
    const lockedUntil = await recordFailure(db, org.id, key);
    if (lockedUntil) await onLockout(ctx, org.id, user?.id ?? null, lockedUntil, contact);
    throw invalidCredentials();
  }
  await recordSuccess(db, org.id, key);
  const roles = await rolesOf(db, user.id);
  const token = await db.transaction(async (tx) => {
    if (needsRehash(user.passwordHash)) {
      await tx
        .update(users)
        .set({ passwordHash: await hashPassword(password) })
        .where(eq(users.id, user.id));
    }
    const created = await createSession(tx, {
      organizationId: org.id,
      userId: user.id,
      roles,
      mfaVerified: false,
      ip: ctx.meta.ip,
      userAgent: ctx.meta.userAgent,
    });
    await audit(
      tx,
      auditKeyOf(ctx),
      { ...ctx.meta, actorId: user.id },
      {
        organizationId: org.id,
        action: 'session.create',
        entityType: 'session',
        entityId: created.session.id,
        subjectId: user.id,
      },
    );
    return created.token;
  });
  return { token, actor: await resolveNewSession(db, token) };
}

async function assertNotLocked(db: Db, organizationId: string, key: string) {
  const { lockedUntil } = await throttleState(db, organizationId, key);
  if (lockedUntil) throw new ThrottledError(Math.ceil((lockedUntil.getTime() - Date.now()) / 1000));
}

async function onLockout(
  ctx: IdentityContext,
  organizationId: string,
  userId: string | null,
  lockedUntil: Date,
  contact: ReturnType<typeof parseIdentifier>,
) {
  const minutes = Math.ceil((lockedUntil.getTime() - Date.now()) / 60_000);
  await ctx.app.database.db.transaction(async (tx) => {
    await audit(tx, auditKeyOf(ctx), ctx.meta, {
      organizationId,
      action: 'auth.lockout',
      entityType: 'user',
      entityId: userId,
      subjectId: userId,
      changes: { lockedUntil: { old: null, new: lockedUntil.toISOString() } },
    });
    if (userId && contact) {
      const vault = ctx.app.vault.scope(tx, organizationId);
      await notifyContact(
        tx,
        vault,
        { organizationId, userId, contact, locale: 'zh-CN' },
        'sign_in_locked',
        { minutes },
      );
    }
  });
  await kickDelivery(ctx);
}

/** The actor of a session this request has just created. */
export async function resolveNewSession(db: Db, token: string): Promise<Actor> {
  const actor = await resolveSession(db, token);
  if (!actor) throw new Error('a session just created did not resolve');
  return actor;
}

/**
 * The second step: a TOTP code (never the same 30-second step twice) or an unused backup code.
 * Success replaces the session with a new token (a privilege change rotates the token).
 */
export async function answerMfaChallenge(
  ctx: IdentityContext,
  actor: Actor,
  answer: { code?: string | undefined; backupCode?: string | undefined },
): Promise<SignedIn> {
  const { db } = ctx.app.database;
  const key = `mfa:${actor.userId}`;
  await assertNotLocked(db, actor.organizationId, key);
  const accepted = await db.transaction(async (tx) => {
    const totp = (
      await tx.select().from(mfaTotp).where(eq(mfaTotp.userId, actor.userId)).for('update')
    )[0];
    if (!totp?.confirmedAt) return false;
    if (answer.code) {
      const step = await checkTotp(ctx, tx, actor, totp.secretEnc, answer.code);
      if (step === null || (totp.lastUsedStep !== null && step <= totp.lastUsedStep)) return false;
      await tx.update(mfaTotp).set({ lastUsedStep: step }).where(eq(mfaTotp.id, totp.id));
      return true;
    }
    const digest = ctx.app.vault.tokenDigest(
      'backup',
      `${actor.userId}:${normalizeBackup(answer.backupCode ?? '')}`,
    );
    const used = await tx
      .update(mfaBackupCodes)
      .set({ usedAt: new Date() })
      .where(
        and(
          eq(mfaBackupCodes.userId, actor.userId),
          eq(mfaBackupCodes.codeHash, digest),
          isNull(mfaBackupCodes.usedAt),
        ),
      )
      .returning({ id: mfaBackupCodes.id });
    return used.length === 1;
  });
  if (!accepted) {
    const lockedUntil = await recordFailure(db, actor.organizationId, key);
    if (lockedUntil) await onLockout(ctx, actor.organizationId, actor.userId, lockedUntil, null);
    throw new AppError('invalid_code', 'The code is not correct.');
  }
  await recordSuccess(db, actor.organizationId, key);
  return rotateSession(ctx, actor, true, answer.code ? 'mfa.totp' : 'mfa.backup_code');
}

export const normalizeBackup = (code: string) =>
  code
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

/** The 30-second step the code belongs to (±1 step of clock drift), or null. */
export async function checkTotp(
  ctx: IdentityContext,
  db: Db,
  actor: Actor,
  secretEnc: string,
  code: string,
) {
  const vault = ctx.app.vault.scope(db, actor.organizationId);
  const secret = await vault.decrypt(
    { type: 'person', id: actor.userId },
    { table: 'mfa_totp', field: 'secret', recordId: actor.userId },
    secretEnc,
  );
  const totp = new OTPAuth.TOTP({
    secret: OTPAuth.Secret.fromBase32(secret),
    digits: 6,
    period: 30,
    algorithm: 'SHA1',
  });
  const delta = totp.validate({ token: code, window: 1 });
  return delta === null ? null : Math.floor(Date.now() / 30_000) + delta;
}

/** Issues a new session token for the same user and revokes the old one. */
export async function rotateSession(
  ctx: IdentityContext,
  actor: Actor,
  mfaVerified: boolean,
  reason: string,
): Promise<SignedIn> {
  const { db } = ctx.app.database;
  const token = await db.transaction(async (tx) => {
    const roles = await rolesOf(tx, actor.userId);
    const created = await createSession(tx, {
      organizationId: actor.organizationId,
      userId: actor.userId,
      roles,
      mfaVerified,
      ip: ctx.meta.ip,
      userAgent: ctx.meta.userAgent,
    });
    await revokeSession(tx, actor.sessionId, 'rotated');
    await audit(tx, auditKeyOf(ctx), ctx.meta, {
      organizationId: actor.organizationId,
      action: 'session.rotate',
      entityType: 'session',
      entityId: created.session.id,
      subjectId: actor.userId,
      reason,
    });
    return created.token;
  });
  return { token, actor: await resolveNewSession(db, token) };
}

export async function signOut(ctx: IdentityContext, actor: Actor): Promise<void> {
  await ctx.app.database.db.transaction(async (tx) => {
    await revokeSession(tx, actor.sessionId, 'sign_out');
    await audit(tx, auditKeyOf(ctx), ctx.meta, {
      organizationId: actor.organizationId,
      action: 'session.revoke',
      entityType: 'session',
      entityId: actor.sessionId,
      subjectId: actor.userId,
      reason: 'sign_out',
    });
  });
}
