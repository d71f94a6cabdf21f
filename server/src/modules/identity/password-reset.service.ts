import { and, eq, gt, isNull } from 'drizzle-orm';
import { hashPassword, assertAcceptablePassword } from '../../platform/auth/passwords.ts';
import { randomToken } from '../../platform/auth/secrets.ts';
import { revokeUserSessions } from '../../platform/auth/session-store.ts';
import { authTokens, users } from '../../platform/db/schema/index.ts';
import { AppError } from '../../platform/http/app-error.ts';
import { getDefaultOrganization } from '../organizations/organization.service.ts';
import { audit } from './audit-helpers.ts';
import { parseIdentifier } from './contact.ts';
import { auditKeyOf, kickDelivery, publicUrl, type IdentityContext } from './identity-context.ts';
import { notifyContact } from './notify.ts';
import { findUserForContact } from './user.repo.ts';

export const RESET_TTL_MINUTES = 30;

/** Sends a reset link when the contact belongs to an account; the answer is the same either way. */
export async function requestPasswordReset(
  ctx: IdentityContext,
  identifier: string,
): Promise<void> {
  const { db } = ctx.app.database;
  const org = await getDefaultOrganization(db);
  const contact = parseIdentifier(identifier);
  if (!contact) return;
  await db.transaction(async (tx) => {
    const user = await findUserForContact(tx, ctx.app.vault, org.id, contact);
    if (!user || user.status !== 'active') return;
    const token = randomToken();
    await tx.insert(authTokens).values({
      organizationId: org.id,
      userId: user.id,
      purpose: 'reset_password',
      tokenHash: ctx.app.vault.tokenDigest('reset', token),
      expiresAt: new Date(Date.now() + RESET_TTL_MINUTES * 60_000),
    });
    await notifyContact(
      tx,
      ctx.app.vault.scope(tx, org.id),
      { organizationId: org.id, userId: user.id, contact, locale: user.locale },
      'password_reset',
      {
        link: publicUrl(ctx, `/reset-password?token=${token}`),
        minutes: RESET_TTL_MINUTES,
      },
    );
    await audit(tx, auditKeyOf(ctx), ctx.meta, {
      organizationId: org.id,
      action: 'user.password_reset_request',
      entityType: 'user',
      entityId: user.id,
      subjectId: user.id,
    });
  });
  await kickDelivery(ctx);
}

/** Sets a new password with a single-use link; every session of the account ends. */
export async function completePasswordReset(
  ctx: IdentityContext,
  token: string,
  password: string,
): Promise<void> {
  const { db } = ctx.app.database;
  const org = await getDefaultOrganization(db);
  assertAcceptablePassword(password, []);
  const passwordHash = await hashPassword(password);
  const done = await db.transaction(async (tx) => {
    const row = (
      await tx
        .select()
        .from(authTokens)
        .where(
          and(
            eq(authTokens.organizationId, org.id),
            eq(authTokens.purpose, 'reset_password'),
            eq(authTokens.tokenHash, ctx.app.vault.tokenDigest('reset', token)),
            isNull(authTokens.consumedAt),
            gt(authTokens.expiresAt, new Date()),
          ),
        )
        .for('update')
    )[0];
    if (!row) return false;
    await tx.update(authTokens).set({ consumedAt: new Date() }).where(eq(authTokens.id, row.id));
    await tx.update(users).set({ passwordHash }).where(eq(users.id, row.userId));
    const revoked = await revokeUserSessions(tx, row.userId, 'password_reset');
    await audit(
      tx,
      auditKeyOf(ctx),
      { ...ctx.meta, actorId: row.userId },
      {
        organizationId: org.id,
        action: 'user.password_reset',
        entityType: 'user',
        entityId: row.userId,
        subjectId: row.userId,
        changes: {
          password: { old: '[sensitive]', new: '[sensitive]' },
          sessionsRevoked: { old: null, new: revoked },
        },
      },
    );
    return true;
  });
  if (!done)
    throw new AppError('invalid_token', 'The link is not valid or has expired. Ask for a new one.');
}
