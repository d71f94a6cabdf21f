import { randomUUID } from 'node:crypto';
import { problemSchema } from '@anxin/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, sessions, users } from '../../platform/db/schema/index.ts';
import { TestClient } from '../../test/http-client.ts';
import {
  codeIn,
  createMember,
  outboxFor,
  PASSWORD,
  signedInClient,
} from '../../test/identity-fixtures.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';

const registration = (email: string) => ({
  email,
  password: PASSWORD,
  realName: '王小明',
  displayName: '小明',
  birthDate: '1995-04-02',
});

/** The parts of a problem that must not differ between "unknown" and "wrong": all but the id. */
const sameAnswer = (body: string) => {
  const { requestId: _ignored, ...rest } = problemSchema.parse(JSON.parse(body));
  return rest;
};

describe('registration, verification and sign-in (A2)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('registers a client, verifies through the outbox code, and signs in', async () => {
    const email = `client.${randomUUID()}@example.org`;
    const c = new TestClient(t.app);
    const reg = await c.post('/api/v1/auth/register', registration(email));
    expect(reg.statusCode).toBe(202);
    const [message] = await outboxFor(t, email);
    expect(message?.template).toBe('verification_code');
    const code = codeIn(message?.text ?? null);

    const wrong = await c.post('/api/v1/auth/verify', {
      identifier: email,
      code: code === '000000' ? '111111' : '000000',
    });
    const unknown = await c.post('/api/v1/auth/verify', {
      identifier: `nobody.${randomUUID()}@example.org`,
      code,
    });
    expect(wrong.statusCode).toBe(400);
    expect(sameAnswer(wrong.body)).toEqual(sameAnswer(unknown.body));
    expect((await c.post('/api/v1/auth/verify', { identifier: email, code })).statusCode).toBe(204);

    const signIn = await c.post('/api/v1/auth/sign-in', { identifier: email, password: PASSWORD });
    expect(signIn.statusCode).toBe(200);
    expect(signIn.json()).toMatchObject({
      actor: { roles: ['client'], verified: true, mfa: { required: false, satisfied: true } },
    });
    const me = await c.get('/api/v1/me');
    expect(me.json()).toMatchObject({ email, realName: '王小明', birthDate: '1995-04-02' });
  });

  it('answers a second registration of the same address exactly like the first, and tells the owner', async () => {
    const email = `dup.${randomUUID()}@example.org`;
    const first = await new TestClient(t.app).post('/api/v1/auth/register', registration(email));
    const second = await new TestClient(t.app).post('/api/v1/auth/register', registration(email));
    expect([first.statusCode, second.statusCode]).toEqual([202, 202]);
    expect(second.json()).toEqual(first.json());
    expect((await outboxFor(t, email)).map((m) => m.template).sort()).toEqual([
      'account_exists',
      'verification_code',
    ]);
  });

  it('rejects common passwords, naming the field', async () => {
    const res = await new TestClient(t.app).post('/api/v1/auth/register', {
      ...registration(`w.${randomUUID()}@example.org`),
      password: 'password123',
    });
    expect(res.statusCode).toBe(400);
    expect(problemSchema.parse(res.json())).toMatchObject({
      code: 'weak_password',
      errors: [{ path: 'body.password' }],
    });
  });

  it('stores argon2id with m ≥ 19456 KiB and t ≥ 2, and never the password', async () => {
    const email = `hash.${randomUUID()}@example.org`;
    await new TestClient(t.app).post('/api/v1/auth/register', registration(email));
    const rows = await t.database.db.select({ h: users.passwordHash }).from(users);
    for (const { h } of rows) {
      const m = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(h);
      expect(m).not.toBeNull();
      expect(Number(m?.[1])).toBeGreaterThanOrEqual(19_456);
      expect(Number(m?.[2])).toBeGreaterThanOrEqual(2);
      expect(h).not.toContain(PASSWORD);
    }
  });

  it('gives unknown user and wrong password the same answer', async () => {
    const member = await createMember(t, ['client'], 'same');
    const wrong = await new TestClient(t.app).post('/api/v1/auth/sign-in', {
      identifier: member.email,
      password: 'not the password 1',
    });
    const unknown = await new TestClient(t.app).post('/api/v1/auth/sign-in', {
      identifier: `x.${randomUUID()}@example.org`,
      password: 'not the password 1',
    });
    expect([wrong.statusCode, unknown.statusCode]).toEqual([401, 401]);
    expect(sameAnswer(wrong.body)).toEqual(sameAnswer(unknown.body));
  });

  it('locks an account after 5 fast failures with 429 and Retry-After, and audits the lockout', async () => {
    const member = await createMember(t, ['client'], 'locked');
    const c = new TestClient(t.app);
    const codes: number[] = [];
    for (let i = 0; i < 6; i++)
      codes.push(
        (
          await c.post('/api/v1/auth/sign-in', {
            identifier: member.email,
            password: `wrong password ${i}`,
          })
        ).statusCode,
      );
    expect(codes).toEqual([401, 401, 401, 401, 401, 429]);
    const locked = await c.post('/api/v1/auth/sign-in', {
      identifier: member.email,
      password: PASSWORD,
    });
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    const events = await t.database.db.select().from(auditEvents);
    expect(events.some((e) => e.action === 'auth.lockout' && e.subjectId === member.userId)).toBe(
      true,
    );
  });

  it('sets an httpOnly SameSite=Lax session cookie whose token is stored only hashed', async () => {
    const member = await createMember(t, ['client'], 'cookie');
    const c = new TestClient(t.app);
    const res = await c.post('/api/v1/auth/sign-in', {
      identifier: member.email,
      password: PASSWORD,
    });
    const cookie = (
      res.cookies as { name: string; httpOnly?: boolean; sameSite?: string; value: string }[]
    ).find((x) => x.name === 'anxin_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    const stored = await t.database.db.select({ h: sessions.tokenHash }).from(sessions);
    expect(stored.map((s) => s.h)).not.toContain(cookie?.value);
  });

  it('refuses a write without the CSRF header', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { identifier: 'a@b.cn', password: 'x' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'csrf_failed' });
  });
});

describe('authorization: hidden is indistinguishable from missing', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers client A asking for client B exactly as for a nonexistent id', async () => {
    const a = await createMember(t, ['client'], 'a');
    const b = await createMember(t, ['client'], 'b');
    const client = await signedInClient(t, a);
    const hidden = await client.get(`/api/v1/users/${b.userId}`);
    const missing = await client.get(`/api/v1/users/${randomUUID()}`);
    expect([hidden.statusCode, missing.statusCode]).toEqual([404, 404]);
    expect(sameAnswer(hidden.body)).toEqual(sameAnswer(missing.body));
    expect(hidden.headers['content-length']).toBe(missing.headers['content-length']);
    expect((await client.get(`/api/v1/users/${a.userId}`)).statusCode).toBe(200);
  });

  it('lets staff without MFA do nothing but enrol', async () => {
    const staff = await createMember(t, ['counselor'], 'no-mfa');
    const c = new TestClient(t.app);
    await c.post('/api/v1/auth/sign-in', { identifier: staff.email, password: PASSWORD });
    const me = await c.get('/api/v1/me');
    expect(me.statusCode).toBe(403);
    expect(me.json()).toMatchObject({ code: 'mfa_required' });
    expect((await c.post('/api/v1/auth/mfa', { code: staff.totp() })).statusCode).toBe(200);
    expect((await c.get('/api/v1/me')).statusCode).toBe(200);
  });

  it('audits every read of identity data in the same transaction', async () => {
    const admin = await createMember(t, ['administrator'], 'admin');
    const target = await createMember(t, ['client'], 'target');
    const c = await signedInClient(t, admin);
    const res = await c.get(`/api/v1/users/${target.userId}`);
    expect(res.statusCode).toBe(200);
    const trail = await c.get(`/api/v1/audit-events?subjectId=${target.userId}`);
    expect(trail.json<{ items: { action: string; actorId: string }[] }>().items).toContainEqual(
      expect.objectContaining({ action: 'user.read', actorId: admin.userId }),
    );
  });

  it('returns no data when the read cannot be audited', async () => {
    const admin = await createMember(t, ['administrator'], 'admin-noaudit');
    const target = await createMember(t, ['client'], 'target-noaudit');
    const c = await signedInClient(t, admin);
    await t.database.query(`CREATE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit storage unavailable'; END; $$`);
    await t.database.query(`CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_events
      FOR EACH ROW EXECUTE FUNCTION refuse_audit()`);
    try {
      const res = await c.get(`/api/v1/users/${target.userId}`);
      expect(res.statusCode).toBe(500);
      expect(res.json()).toMatchObject({ code: 'internal_error' });
      for (const secret of [target.email, 'target-noaudit real'])
        expect(res.body).not.toContain(secret);
    } finally {
      await t.database.query('DROP TRIGGER refuse_audit ON audit_events');
      await t.database.query('DROP FUNCTION refuse_audit()');
    }
    const again = await c.get(`/api/v1/users/${target.userId}`);
    expect(again.statusCode).toBe(200);
    expect(again.body).toContain(target.email);
  });

  it('opens a record to a supervisor only through break-glass, audited, with administrators told', async () => {
    await createMember(t, ['administrator'], 'admin2');
    const supervisor = await createMember(t, ['supervisor'], 'sup');
    const target = await createMember(t, ['client'], 'bg-target');
    const c = await signedInClient(t, supervisor);
    expect((await c.get(`/api/v1/users/${target.userId}`)).statusCode).toBe(404);
    const tooShort = await c.post('/api/v1/break-glass', {
      resourceType: 'user',
      resourceId: target.userId,
      reason: 'urgent',
    });
    expect(tooShort.statusCode).toBe(400);
    const grant = await c.post('/api/v1/break-glass', {
      resourceType: 'user',
      resourceId: target.userId,
      reason: 'Client reported in danger; counselor unreachable tonight.',
      minutes: 30,
    });
    expect(grant.statusCode).toBe(201);
    expect((await c.get(`/api/v1/users/${target.userId}`)).statusCode).toBe(200);
    const events = await t.database.db.select().from(auditEvents);
    expect(events.filter((e) => e.subjectId === target.userId).map((e) => e.action)).toEqual(
      expect.arrayContaining(['break_glass.start', 'user.read.break_glass']),
    );
    const notices = await t.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM notification_outbox WHERE template = 'break_glass_opened'`,
    );
    expect(notices[0]?.n).toBeGreaterThan(0);
  });
});
