import { randomUUID } from 'node:crypto';
import * as OTPAuth from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from '../../test/http-client.ts';
import { createMember, outboxFor, PASSWORD, signedInClient } from '../../test/identity-fixtures.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';

describe('staff onboarding: invitation, TOTP enrolment, sessions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('invites a counselor who accepts, must enrol TOTP, and then works', async () => {
    const admin = await signedInClient(t, await createMember(t, ['administrator'], 'admin'));
    const email = `counselor.${randomUUID()}@example.org`;
    const invite = await admin.post('/api/v1/invitations', { email, roles: ['counselor'] });
    expect(invite.statusCode).toBe(201);
    const link = invite.json<{ link: string }>().link;
    expect((await outboxFor(t, email)).map((m) => m.template)).toEqual(['invitation']);
    const token = new URL(link).searchParams.get('token') ?? '';

    const c = new TestClient(t.app);
    expect((await c.get(`/api/v1/invitations/lookup?token=${token}`)).json()).toMatchObject({
      roles: ['counselor'],
    });
    const accepted = await c.post('/api/v1/invitations/accept', {
      token,
      password: PASSWORD,
      realName: '林医生',
      displayName: '林老师',
    });
    expect(accepted.json()).toMatchObject({
      actor: { roles: ['counselor'], mfa: { required: true, enrolled: false, satisfied: false } },
    });
    expect((await c.get('/api/v1/me')).statusCode).toBe(403);

    const begin = await c.post('/api/v1/me/mfa/totp');
    const { secret } = begin.json<{ secret: string }>();
    const code = new OTPAuth.TOTP({
      secret: OTPAuth.Secret.fromBase32(secret),
      digits: 6,
      period: 30,
    }).generate();
    const confirm = await c.post('/api/v1/me/mfa/totp/confirm', { code });
    expect(confirm.json<{ backupCodes: string[] }>().backupCodes).toHaveLength(10);
    expect((await c.get('/api/v1/me')).statusCode).toBe(200);

    // Single use: the link cannot be accepted twice.
    const again = await new TestClient(t.app).post('/api/v1/invitations/accept', {
      token,
      password: PASSWORD,
      realName: 'x',
      displayName: 'y',
    });
    expect(again.json()).toMatchObject({ code: 'invalid_token' });
  });

  it('never accepts the same TOTP code twice', async () => {
    const staff = await createMember(t, ['supervisor'], 'replay');
    const code = staff.totp();
    const a = new TestClient(t.app);
    await a.post('/api/v1/auth/sign-in', { identifier: staff.email, password: PASSWORD });
    expect((await a.post('/api/v1/auth/mfa', { code })).statusCode).toBe(200);
    const b = new TestClient(t.app);
    await b.post('/api/v1/auth/sign-in', { identifier: staff.email, password: PASSWORD });
    expect((await b.post('/api/v1/auth/mfa', { code })).json()).toMatchObject({
      code: 'invalid_code',
    });
  });

  it('accepts a backup code once as the second factor', async () => {
    const staff = await createMember(t, ['operator'], 'op');
    const first = await signedInClient(t, staff);
    const codes = (await first.post('/api/v1/me/mfa/backup-codes')).json<{
      backupCodes: string[];
    }>().backupCodes;
    const c = new TestClient(t.app);
    await c.post('/api/v1/auth/sign-in', { identifier: staff.email, password: PASSWORD });
    expect((await c.post('/api/v1/auth/mfa', { backupCode: codes[0] })).statusCode).toBe(200);
    const c2 = new TestClient(t.app);
    await c2.post('/api/v1/auth/sign-in', { identifier: staff.email, password: PASSWORD });
    expect((await c2.post('/api/v1/auth/mfa', { backupCode: codes[0] })).statusCode).toBe(400);
  });

  it('signs out, lets an administrator revoke all sessions, and ends sessions on a role change', async () => {
    const member = await createMember(t, ['client'], 'sess');
    const admin = await signedInClient(t, await createMember(t, ['administrator'], 'admin3'));
    const c1 = await signedInClient(t, member);
    const c2 = await signedInClient(t, member);
    expect((await c1.post('/api/v1/auth/sign-out')).statusCode).toBe(204);
    expect((await c1.get('/api/v1/me')).statusCode).toBe(401);
    expect((await c2.get('/api/v1/me')).statusCode).toBe(200);
    expect((await admin.post(`/api/v1/users/${member.userId}/revoke-sessions`)).statusCode).toBe(
      204,
    );
    expect((await c2.get('/api/v1/me')).statusCode).toBe(401);

    const c3 = await signedInClient(t, member);
    const put = await admin.request('PUT', `/api/v1/users/${member.userId}/roles`, {
      roles: ['client', 'guardian'],
    });
    expect(put.statusCode).toBe(200);
    expect((await c3.get('/api/v1/me')).statusCode).toBe(401);
  });

  it('ends a staff session after 15 idle minutes', async () => {
    const staff = await createMember(t, ['counselor'], 'idle');
    const c = await signedInClient(t, staff);
    await t.database.query(
      `UPDATE sessions SET last_seen_at = now() - interval '16 minutes' WHERE user_id = $1`,
      [staff.userId],
    );
    expect((await c.get('/api/v1/me')).statusCode).toBe(401);
  });
});
