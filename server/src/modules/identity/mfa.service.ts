import { eq } from 'drizzle-orm';
import * as OTPAuth from 'otpauth';
import type { Actor } from '../../platform/auth/actor.ts';
import { mfaRequired } from '../../platform/auth/actor.ts';
import { randomBackupCode } from '../../platform/auth/secrets.ts';
import type { Db } from '../../platform/db/database.ts';
import { mfaBackupCodes, mfaTotp } from '../../platform/db/schema/index.ts';
import { AppError } from '../../platform/http/app-error.ts';
import { audit } from './audit-helpers.ts';
import { auditKeyOf, type IdentityContext } from './identity-context.ts';
import { checkTotp, normalizeBackup, rotateSession, type SignedIn } from './sign-in.service.ts';

const BACKUP_CODES = 10;
const secretRef = (userId: string) => ({ table: 'mfa_totp', field: 'secret', recordId: userId });

/** Starts (or restarts) enrolment: a new secret, stored encrypted and unconfirmed. */
export async function beginTotpEnrolment(ctx: IdentityContext, actor: Actor) {
  const { db } = ctx.app.database;
  const secret = new OTPAuth.Secret({ size: 20 });
  await db.transaction(async (tx) => {
    const existing = (
      await tx.select().from(mfaTotp).where(eq(mfaTotp.userId, actor.userId)).for('update')
    )[0];
    if (existing?.confirmedAt)
      throw new AppError('conflict', 'Two-step verification is already set up.');
    const secretEnc = await ctx.app.vault
      .scope(tx, actor.organizationId)
      .encrypt({ type: 'person', id: actor.userId }, secretRef(actor.userId), secret.base32);
    if (existing) {
      await tx
        .update(mfaTotp)
        .set({ secretEnc, lastUsedStep: null })
        .where(eq(mfaTotp.id, existing.id));
    } else {
      await tx
        .insert(mfaTotp)
        .values({ organizationId: actor.organizationId, userId: actor.userId, secretEnc });
    }
  });
  const totp = new OTPAuth.TOTP({
    issuer: 'Anxin',
    label: actor.displayName,
    secret,
    digits: 6,
    period: 30,
    algorithm: 'SHA1',
  });
  return { secret: secret.base32, otpauthUrl: totp.toString() };
}

/** Confirms enrolment with a first code; returns backup codes (shown once) and a new session. */
export async function confirmTotpEnrolment(
  ctx: IdentityContext,
  actor: Actor,
  code: string,
): Promise<SignedIn & { backupCodes: string[] }> {
  const { db } = ctx.app.database;
  const backupCodes = await db.transaction(async (tx) => {
    const row = (
      await tx.select().from(mfaTotp).where(eq(mfaTotp.userId, actor.userId)).for('update')
    )[0];
    if (!row || row.confirmedAt) throw new AppError('conflict', 'Start the set-up first.');
    const step = await checkTotp(ctx, tx, actor, row.secretEnc, code);
    if (step === null)
      throw new AppError('invalid_code', 'The code is not correct. Check the time on your phone.');
    await tx
      .update(mfaTotp)
      .set({ confirmedAt: new Date(), lastUsedStep: step })
      .where(eq(mfaTotp.id, row.id));
    const codes = await replaceBackupCodes(ctx, tx, actor);
    await audit(tx, auditKeyOf(ctx), ctx.meta, {
      organizationId: actor.organizationId,
      action: 'mfa.enrol',
      entityType: 'user',
      entityId: actor.userId,
      subjectId: actor.userId,
    });
    return codes;
  });
  const signedIn = await rotateSession(ctx, actor, true, 'mfa.enrol');
  return { ...signedIn, backupCodes };
}

export async function regenerateBackupCodes(ctx: IdentityContext, actor: Actor): Promise<string[]> {
  return ctx.app.database.db.transaction(async (tx) => {
    const codes = await replaceBackupCodes(ctx, tx, actor);
    await audit(tx, auditKeyOf(ctx), ctx.meta, {
      organizationId: actor.organizationId,
      action: 'mfa.backup_codes.regenerate',
      entityType: 'user',
      entityId: actor.userId,
      subjectId: actor.userId,
    });
    return codes;
  });
}

/** Clients may turn MFA off; staff may not (it is mandatory for them). */
export async function disableTotp(ctx: IdentityContext, actor: Actor): Promise<void> {
  if (mfaRequired(actor.roles))
    throw new AppError('forbidden', 'Two-step verification is required for staff.');
  await ctx.app.database.db.transaction(async (tx) => {
    await tx.delete(mfaTotp).where(eq(mfaTotp.userId, actor.userId));
    await tx.delete(mfaBackupCodes).where(eq(mfaBackupCodes.userId, actor.userId));
    await audit(tx, auditKeyOf(ctx), ctx.meta, {
      organizationId: actor.organizationId,
      action: 'mfa.disable',
      entityType: 'user',
      entityId: actor.userId,
      subjectId: actor.userId,
    });
  });
}

async function replaceBackupCodes(ctx: IdentityContext, tx: Db, actor: Actor): Promise<string[]> {
  await tx.delete(mfaBackupCodes).where(eq(mfaBackupCodes.userId, actor.userId));
  const codes = Array.from({ length: BACKUP_CODES }, randomBackupCode);
  await tx.insert(mfaBackupCodes).values(
    codes.map((c) => ({
      organizationId: actor.organizationId,
      userId: actor.userId,
      codeHash: ctx.app.vault.tokenDigest('backup', `${actor.userId}:${normalizeBackup(c)}`),
    })),
  );
  return codes;
}
