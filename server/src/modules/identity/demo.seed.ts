import { and, eq } from 'drizzle-orm';
import * as OTPAuth from 'otpauth';
import type { Role } from '@anxin/common';
import { appendAudit } from '../../platform/audit/audit.ts';
import { hashPassword } from '../../platform/auth/passwords.ts';
import type { Vault } from '../../platform/crypto/vault.ts';
import type { Db } from '../../platform/db/database.ts';
import { mfaTotp, organizations, sessions, users } from '../../platform/db/schema/index.ts';
import {
  DEFAULT_ORGANIZATION_SLUG,
  findOrganizationBySlug,
} from '../organizations/organization.repo.ts';
import { seedOrganizationDefaults } from '../organizations/organization.service.ts';
import { createPerson } from './setup.service.ts';

/** Published on purpose: the demo is for trying the product, never for real people. */
export const DEMO_PASSWORD = 'anxin-demo-2026';
const DEMO_ACCOUNTS: { role: Role; name: string; realName: string }[] = [
  { role: 'client', name: '小安（演示来访者）', realName: '演示来访者' },
  { role: 'guardian', name: '安家长（演示监护人）', realName: '演示监护人' },
  { role: 'counselor', name: '林咨询师（演示）', realName: '演示咨询师' },
  { role: 'operator', name: '周接线员（演示）', realName: '演示接线员' },
  { role: 'supervisor', name: '陈督导（演示）', realName: '演示督导' },
  { role: 'administrator', name: '管理员（演示）', realName: '演示管理员' },
  { role: 'evaluator', name: '外部评估专家（演示）', realName: '演示评估专家' },
];

export interface DemoLogin {
  role: Role;
  email: string;
  password: string;
  totpSecret: string | null;
}

/**
 * Seeds a clearly marked demo organisation with one account per role on an empty database.
 * Staff accounts get TOTP with a published secret so a newcomer can sign in as each of them.
 */
export async function seedDemo(
  db: Db,
  vault: Vault,
  auditKey: Buffer,
): Promise<DemoLogin[] | null> {
  if (await findOrganizationBySlug(db, DEFAULT_ORGANIZATION_SLUG)) return null;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction(async (tx) => {
    const [org] = await tx
      .insert(organizations)
      .values({
        slug: DEFAULT_ORGANIZATION_SLUG,
        name: '安心演示中心 (Demo)',
        timeZone: 'Asia/Shanghai',
        isDemo: true,
      })
      .returning();
    if (!org) throw new Error('demo organisation not created');
    await seedOrganizationDefaults(tx, org.id);
    const logins: DemoLogin[] = [];
    for (const a of DEMO_ACCOUNTS) {
      const email = `${a.role}@demo.anxin.local`;
      const { userId } = await createPerson(tx, vault, org.id, {
        email,
        realName: a.realName,
        displayName: a.name,
        roles: [a.role],
        passwordHash,
        isDemo: true,
        meta: null,
      });
      await tx.delete(sessions).where(eq(sessions.userId, userId)); // seeding signs nobody in
      let totpSecret: string | null = null;
      if (a.role !== 'client' && a.role !== 'guardian') {
        totpSecret = new OTPAuth.Secret({ size: 20 }).base32;
        const secretEnc = await vault
          .scope(tx, org.id)
          .encrypt(
            { type: 'person', id: userId },
            { table: 'mfa_totp', field: 'secret', recordId: userId },
            totpSecret,
          );
        await tx
          .insert(mfaTotp)
          .values({ organizationId: org.id, userId, secretEnc, confirmedAt: new Date() });
      }
      logins.push({ role: a.role, email, password: DEMO_PASSWORD, totpSecret });
    }
    await appendAudit(tx, auditKey, {
      organizationId: org.id,
      action: 'system.demo_seed',
      entityType: 'organization',
      entityId: org.id,
    });
    return logins;
  });
}

/**
 * The demo logins again, for a later start of a demo installation: whoever restarts it should not
 * have to dig the first start's output out of their scrollback. Demo data only (the organisation
 * is marked and its password published); nothing of a real organisation is ever printed.
 */
export async function existingDemoLogins(db: Db, vault: Vault): Promise<DemoLogin[] | null> {
  const org = await findOrganizationBySlug(db, DEFAULT_ORGANIZATION_SLUG);
  if (!org?.isDemo) return null;
  const scope = vault.scope(db, org.id);
  const logins: DemoLogin[] = [];
  for (const a of DEMO_ACCOUNTS) {
    const email = `${a.role}@demo.anxin.local`;
    const user = (
      await db
        .select({ id: users.id, isDemo: users.isDemo })
        .from(users)
        .where(
          and(
            eq(users.organizationId, org.id),
            eq(users.emailIndex, vault.blindIndex('email', email)),
          ),
        )
    )[0];
    if (!user?.isDemo) continue;
    const totp = (
      await db
        .select({ secretEnc: mfaTotp.secretEnc })
        .from(mfaTotp)
        .where(eq(mfaTotp.userId, user.id))
    )[0];
    const totpSecret = totp
      ? await scope.decryptOrNull(
          { type: 'person', id: user.id },
          { table: 'mfa_totp', field: 'secret', recordId: user.id },
          totp.secretEnc,
        )
      : null;
    logins.push({ role: a.role, email, password: DEMO_PASSWORD, totpSecret });
  }
  return logins;
}
