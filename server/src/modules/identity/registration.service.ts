import { randomUUID } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { RegisterRequest } from '@anxin/common';
import { audit, SENSITIVE_CHANGE } from './audit-helpers.ts';
import { AppError } from '../../platform/http/app-error.ts';
import type { VaultScope } from '../../platform/crypto/vault.ts';
import type { Db } from '../../platform/db/database.ts';
import { authTokens, userRoles, users } from '../../platform/db/schema/index.ts';
import { hashPassword, assertAcceptablePassword } from '../../platform/auth/passwords.ts';
import { randomCode } from '../../platform/auth/secrets.ts';
import { getDefaultOrganization } from '../organizations/organization.service.ts';
import { normalizeEmail, normalizePhone, parseIdentifier, type Contact } from './contact.ts';
import { auditKeyOf, kickDelivery, publicUrl, type IdentityContext } from './identity-context.ts';
import { notifyContact } from './notify.ts';
import { findUserForContact } from './user.repo.ts';
import { encryptUserField } from './user-fields.ts';

export const CODE_TTL_MINUTES = 15;
export const CODE_MAX_ATTEMPTS = 5;

/**
 * Client self-registration (A2). The answer never says whether the address was already known:
 * an existing owner is told by message instead (no account enumeration).
 */
export async function registerClient(ctx: IdentityContext, input: RegisterRequest): Promise<void> {
  const { db } = ctx.app.database;
  const org = await getDefaultOrganization(db);
  const contacts: Contact[] = [];
  if (input.email) contacts.push({ kind: 'email', value: normalizeEmail(input.email) });
  if (input.phone) contacts.push({ kind: 'phone', value: normalizePhone(input.phone) });
  const personal = [
    input.realName,
    input.displayName,
    ...contacts.map((c) => c.value.split('@')[0] ?? ''),
  ];
  assertAcceptablePassword(input.password, personal);
  // Hash first, whatever happens next: both outcomes then cost the same time.
  const passwordHash = await hashPassword(input.password);
  const index = (c: Contact) => ctx.app.vault.blindIndex(c.kind, c.value);
  const locale = input.locale ?? org.defaultLocale;

  await db.transaction(async (tx) => {
    const vault = ctx.app.vault.scope(tx, org.id);
    for (const c of contacts) {
      const existing = await findUserForContact(tx, ctx.app.vault, org.id, c);
      if (existing) {
        await notifyContact(
          tx,
          vault,
          { organizationId: org.id, userId: existing.id, contact: c, locale: existing.locale },
          'account_exists',
          {
            signInLink: publicUrl(ctx, '/sign-in'),
            resetLink: publicUrl(ctx, '/forgot-password'),
          },
        );
        await audit(tx, auditKeyOf(ctx), ctx.meta, {
          organizationId: org.id,
          action: 'user.register_existing',
          entityType: 'user',
          entityId: existing.id,
          subjectId: existing.id,
        });
        return;
      }
    }
    const id = randomUUID();
    const email = contacts.find((c) => c.kind === 'email');
    const phone = contacts.find((c) => c.kind === 'phone');
    await tx.insert(users).values({
      id,
      organizationId: org.id,
      emailIndex: email ? index(email) : null,
      emailEnc: await encryptUserField(vault, id, 'email', email?.value),
      phoneIndex: phone ? index(phone) : null,
      phoneEnc: await encryptUserField(vault, id, 'phone', phone?.value),
      realNameEnc: await encryptUserField(vault, id, 'realName', input.realName),
      birthDateEnc: await encryptUserField(vault, id, 'birthDate', input.birthDate),
      displayName: input.displayName,
      locale,
      passwordHash,
    });
    await tx.insert(userRoles).values({ organizationId: org.id, userId: id, role: 'client' });
    await audit(
      tx,
      auditKeyOf(ctx),
      { ...ctx.meta, actorId: id, actorRole: 'client' },
      {
        organizationId: org.id,
        action: 'user.register',
        entityType: 'user',
        entityId: id,
        subjectId: id,
        changes: {
          ...(email ? { email: SENSITIVE_CHANGE } : {}),
          ...(phone ? { phone: SENSITIVE_CHANGE } : {}),
          realName: SENSITIVE_CHANGE,
          birthDate: SENSITIVE_CHANGE,
          displayName: { old: null, new: input.displayName },
          roles: { old: [], new: ['client'] },
        },
      },
    );
    const first = email ?? phone;
    if (first)
      await sendVerificationCode(ctx, tx, vault, {
        organizationId: org.id,
        userId: id,
        contact: first,
        locale,
      });
  });
  await kickDelivery(ctx);
}

async function sendVerificationCode(
  ctx: IdentityContext,
  tx: Db,
  vault: VaultScope,
  target: { organizationId: string; userId: string; contact: Contact; locale: 'zh-CN' | 'en' },
) {
  const code = randomCode();
  await tx.insert(authTokens).values({
    organizationId: target.organizationId,
    userId: target.userId,
    purpose: target.contact.kind === 'email' ? 'verify_email' : 'verify_phone',
    tokenHash: ctx.app.vault.tokenDigest('verify', `${target.userId}:${code}`),
    expiresAt: new Date(Date.now() + CODE_TTL_MINUTES * 60_000),
  });
  await notifyContact(tx, vault, target, 'verification_code', { code, minutes: CODE_TTL_MINUTES });
}

/** Confirms a contact with the code sent to it. Unknown contact and wrong code answer the same. */
export async function verifyContact(
  ctx: IdentityContext,
  identifier: string,
  code: string,
): Promise<void> {
  const { db } = ctx.app.database;
  const org = await getDefaultOrganization(db);
  const contact = parseIdentifier(identifier);
  const invalid = () => new AppError('invalid_code', 'The code is wrong or has expired.');
  if (!contact) throw invalid();
  const ok = await db.transaction(async (tx) => {
    const user = await findUserForContact(tx, ctx.app.vault, org.id, contact);
    if (!user) return false;
    const purpose = contact.kind === 'email' ? 'verify_email' : 'verify_phone';
    const token = (
      await tx
        .select()
        .from(authTokens)
        .where(
          and(
            eq(authTokens.userId, user.id),
            eq(authTokens.purpose, purpose),
            isNull(authTokens.consumedAt),
          ),
        )
        .orderBy(desc(authTokens.createdAt))
        .limit(1)
        .for('update')
    )[0];
    if (!token || token.expiresAt < new Date() || token.attempts >= CODE_MAX_ATTEMPTS) return false;
    if (token.tokenHash !== ctx.app.vault.tokenDigest('verify', `${user.id}:${code}`)) {
      await tx
        .update(authTokens)
        .set({ attempts: token.attempts + 1 })
        .where(eq(authTokens.id, token.id));
      return false;
    }
    const now = new Date();
    await tx.update(authTokens).set({ consumedAt: now }).where(eq(authTokens.id, token.id));
    await tx
      .update(users)
      .set(contact.kind === 'email' ? { emailVerifiedAt: now } : { phoneVerifiedAt: now })
      .where(eq(users.id, user.id));
    await audit(
      tx,
      auditKeyOf(ctx),
      { ...ctx.meta, actorId: user.id },
      {
        organizationId: org.id,
        action: `user.verify_${contact.kind}`,
        entityType: 'user',
        entityId: user.id,
        subjectId: user.id,
      },
    );
    return true;
  });
  if (!ok) throw invalid();
}

/** Sends a fresh code if the contact belongs to an unverified account; always answers the same. */
export async function resendVerification(ctx: IdentityContext, identifier: string): Promise<void> {
  const { db } = ctx.app.database;
  const org = await getDefaultOrganization(db);
  const contact = parseIdentifier(identifier);
  if (!contact) return;
  await db.transaction(async (tx) => {
    const user = await findUserForContact(tx, ctx.app.vault, org.id, contact);
    const verified = contact.kind === 'email' ? user?.emailVerifiedAt : user?.phoneVerifiedAt;
    if (!user || verified) return;
    await sendVerificationCode(ctx, tx, ctx.app.vault.scope(tx, org.id), {
      organizationId: org.id,
      userId: user.id,
      contact,
      locale: user.locale,
    });
  });
  await kickDelivery(ctx);
}
