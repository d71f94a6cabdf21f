import { randomUUID } from 'node:crypto';
import { and, gt, isNull, eq } from 'drizzle-orm';
import type { Role } from '@anxin/common';
import { hashPassword, assertAcceptablePassword } from '../../platform/auth/passwords.ts';
import { randomToken } from '../../platform/auth/secrets.ts';
import { createSession } from '../../platform/auth/session-store.ts';
import type { Db } from '../../platform/db/database.ts';
import { organizations, setupTokens, userRoles, users } from '../../platform/db/schema/index.ts';
import { AppError } from '../../platform/http/app-error.ts';
import type { Vault } from '../../platform/crypto/vault.ts';
import {
  DEFAULT_ORGANIZATION_SLUG,
  findOrganizationBySlug,
} from '../organizations/organization.repo.ts';
import { audit, SENSITIVE_CHANGE } from './audit-helpers.ts';
import { normalizeEmail } from './contact.ts';
import { auditKeyOf, type IdentityContext } from './identity-context.ts';
import { encryptUserField } from './user-fields.ts';
import { seedOrganizationDefaults } from '../organizations/organization.service.ts';

const SETUP_HOURS = 24;

/**
 * On an empty database, a one-time setup link (printed at start-up) lets someone at the console
 * create the organisation and its first administrator. Each start replaces the previous link.
 */
export async function issueSetupToken(db: Db, vault: Vault): Promise<string | null> {
  if (await findOrganizationBySlug(db, DEFAULT_ORGANIZATION_SLUG)) return null;
  const token = randomToken();
  await db.transaction(async (tx) => {
    await tx.delete(setupTokens);
    await tx.insert(setupTokens).values({
      tokenHash: vault.tokenDigest('setup', token),
      expiresAt: new Date(Date.now() + SETUP_HOURS * 3_600_000),
    });
  });
  return token;
}

export interface SetupInput {
  token: string;
  organization: { name: string; timeZone: string };
  admin: { email: string; password: string; realName: string; displayName: string };
}

export async function completeSetup(ctx: IdentityContext, input: SetupInput): Promise<string> {
  try {
    new Intl.DateTimeFormat('en', { timeZone: input.organization.timeZone });
  } catch {
    throw new AppError('validation_failed', 'Unknown time zone.', [
      { path: 'body.organization.timeZone', message: 'Unknown time zone', code: 'invalid_value' },
    ]);
  }
  assertAcceptablePassword(
    input.admin.password,
    [input.admin.realName, input.admin.displayName],
    'body.admin.password',
  );
  const passwordHash = await hashPassword(input.admin.password);
  return ctx.app.database.db.transaction(async (tx) => {
    const row = (
      await tx
        .select()
        .from(setupTokens)
        .where(
          and(
            eq(setupTokens.tokenHash, ctx.app.vault.tokenDigest('setup', input.token)),
            isNull(setupTokens.usedAt),
            gt(setupTokens.expiresAt, new Date()),
          ),
        )
        .for('update')
    )[0];
    if (!row || (await findOrganizationBySlug(tx, DEFAULT_ORGANIZATION_SLUG))) {
      throw new AppError(
        'invalid_token',
        'The setup link is not valid. Restart the server for a new one.',
      );
    }
    await tx.update(setupTokens).set({ usedAt: new Date() }).where(eq(setupTokens.id, row.id));
    const [org] = await tx
      .insert(organizations)
      .values({ slug: DEFAULT_ORGANIZATION_SLUG, ...input.organization })
      .returning();
    if (!org) throw new Error('organisation not created');
    await seedOrganizationDefaults(tx, org.id);
    const { userId, token } = await createPerson(tx, ctx.app.vault, org.id, {
      ...input.admin,
      roles: ['administrator'],
      passwordHash,
      isDemo: false,
      meta: ctx.meta,
    });
    await audit(
      tx,
      auditKeyOf(ctx),
      { ...ctx.meta, actorId: userId, actorRole: 'administrator' },
      {
        organizationId: org.id,
        action: 'organization.setup',
        entityType: 'organization',
        entityId: org.id,
        changes: {
          name: { old: null, new: org.name },
          administrator: { old: null, new: userId },
          email: SENSITIVE_CHANGE,
        },
      },
    );
    return token;
  });
}

/** A verified account with roles and a fresh session (setup and demo seeding). */
export async function createPerson(
  tx: Db,
  vault: Vault,
  organizationId: string,
  p: {
    email: string;
    realName: string;
    displayName: string;
    roles: Role[];
    passwordHash: string;
    isDemo: boolean;
    meta: { ip: string; userAgent: string | null } | null;
  },
) {
  const id = randomUUID();
  const scope = vault.scope(tx, organizationId);
  const email = normalizeEmail(p.email);
  await tx.insert(users).values({
    id,
    organizationId,
    emailIndex: vault.blindIndex('email', email),
    emailEnc: await encryptUserField(scope, id, 'email', email),
    realNameEnc: await encryptUserField(scope, id, 'realName', p.realName),
    displayName: p.displayName,
    passwordHash: p.passwordHash,
    emailVerifiedAt: new Date(),
    isDemo: p.isDemo,
  });
  await tx.insert(userRoles).values(p.roles.map((role) => ({ organizationId, userId: id, role })));
  const session = await createSession(tx, {
    organizationId,
    userId: id,
    roles: p.roles,
    mfaVerified: false,
    ip: p.meta?.ip ?? null,
    userAgent: p.meta?.userAgent ?? null,
  });
  return { userId: id, token: session.token };
}
