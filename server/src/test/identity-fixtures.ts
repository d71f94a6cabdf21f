import * as OTPAuth from 'otpauth';
import type { Role } from '@anxin/common';
import { createPerson } from '../modules/identity/setup.service.ts';
import { listOutboxForDevelopment } from '../modules/notifications/notification.service.ts';
import { hashPassword } from '../platform/auth/passwords.ts';
import { mfaTotp, sessions } from '../platform/db/schema/index.ts';
import { eq } from 'drizzle-orm';
import { TestClient } from './http-client.ts';
import type { TestApp } from './test-app.ts';

export const PASSWORD = 'correct horse battery staple 7';

/**
 * One argon2id hash of PASSWORD for every fixture member: hashing is deliberately slow, and tests
 * that create dozens of members would otherwise spend their time (and CI's cores) on it.
 */
let passwordHash: Promise<string> | undefined;
export function fixturePasswordHash(): Promise<string> {
  passwordHash ??= hashPassword(PASSWORD);
  return passwordHash;
}

/** A staff member (or client) with an enrolled TOTP whose secret the test knows. */
export async function createMember(t: TestApp, roles: Role[], name = roles.join('+')) {
  const org = (await t.database.query<{ id: string }>(`SELECT id FROM organizations LIMIT 1`))[0];
  if (!org) throw new Error('no organisation');
  const email = `${name}.${Math.random().toString(36).slice(2, 8)}@example.org`;
  const secret = new OTPAuth.Secret({ size: 20 });
  const userId = await t.database.db.transaction(async (tx) => {
    const { userId: id } = await createPerson(tx, t.ctx.vault, org.id, {
      email,
      realName: `${name} real`,
      displayName: name,
      roles,
      passwordHash: await fixturePasswordHash(),
      isDemo: false,
      meta: null,
    });
    await tx.delete(sessions).where(eq(sessions.userId, id));
    const secretEnc = await t.ctx.vault
      .scope(tx, org.id)
      .encrypt(
        { type: 'person', id },
        { table: 'mfa_totp', field: 'secret', recordId: id },
        secret.base32,
      );
    await tx
      .insert(mfaTotp)
      .values({ organizationId: org.id, userId: id, secretEnc, confirmedAt: new Date() });
    return id;
  });
  const totp = () => new OTPAuth.TOTP({ secret, digits: 6, period: 30 }).generate();
  return { userId, email, organizationId: org.id, totp, secret };
}

/**
 * Signs in through the API and answers the MFA challenge; returns the client. A TOTP step is
 * accepted once per user, so for a second session within the same 30 s the test forgets the last
 * used step (as if the next step had come).
 */
export async function signedInClient(
  t: TestApp,
  member: { userId?: string; email: string; totp: () => string },
) {
  if (member.userId)
    await t.database.query(`UPDATE mfa_totp SET last_used_step = NULL WHERE user_id = $1`, [
      member.userId,
    ]);
  const client = new TestClient(t.app);
  const res = await client.post('/api/v1/auth/sign-in', {
    identifier: member.email,
    password: PASSWORD,
  });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.body}`);
  const mfa = await client.post('/api/v1/auth/mfa', { code: member.totp() });
  if (mfa.statusCode !== 200) throw new Error(`mfa failed: ${mfa.body}`);
  return client;
}

/** The messages queued for `to`, decrypted (what the development outbox page shows). */
export async function outboxFor(t: TestApp, to: string) {
  const org = (await t.database.query<{ id: string }>(`SELECT id FROM organizations LIMIT 1`))[0];
  if (!org) return [];
  const rows = await listOutboxForDevelopment(
    t.database.db,
    t.ctx.vault.scope(t.database.db, org.id),
    org.id,
    { limit: 200, env: 'development' },
  );
  return rows.filter((r) => r.to === to);
}

export function codeIn(text: string | null): string {
  const m = /\b(\d{6})\b/.exec(text ?? '');
  if (!m?.[1]) throw new Error('no code in message');
  return m[1];
}
