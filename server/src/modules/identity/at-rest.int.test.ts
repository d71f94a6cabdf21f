import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from '../../test/http-client.ts';
import { codeIn, createMember, outboxFor, signedInClient } from '../../test/identity-fixtures.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { databaseDump } from '../../test/database-dump.ts';

/**
 * Sends canary values through the API into every sensitive field, then reads the whole database
 * as an attacker with a dump would: none of the canaries may appear in it (B6).
 */
describe('nothing sensitive is stored in clear', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('keeps contact details, names, secrets, codes and reasons out of a database dump', async () => {
    const tag = randomUUID().slice(0, 8);
    const canaries = {
      email: `canary.mail.${tag}@example.org`,
      phone: `139${String(Date.now()).slice(-8)}`,
      realName: `CanaryName${tag}`,
      password: `CanaryPassword-${tag}-x`,
      correctedName: `CanaryCorrected${tag}`,
      reason: `CanaryReason ${tag} client at risk and counselor unreachable`,
    };
    const c = new TestClient(t.app);
    expect(
      (
        await c.post('/api/v1/auth/register', {
          email: canaries.email,
          phone: canaries.phone,
          password: canaries.password,
          realName: canaries.realName,
          displayName: 'Dove',
          birthDate: '1990-01-01',
        })
      ).statusCode,
    ).toBe(202);
    const code = codeIn((await outboxFor(t, canaries.email))[0]?.text ?? null);
    await c.post('/api/v1/auth/verify', { identifier: canaries.email, code });
    await c.post('/api/v1/auth/sign-in', {
      identifier: canaries.email,
      password: canaries.password,
    });
    expect(
      (await c.request('PATCH', '/api/v1/me', { realName: canaries.correctedName })).statusCode,
    ).toBe(200);
    const me = (await c.get('/api/v1/me')).json<{ id: string }>();

    await createMember(t, ['administrator'], 'adm');
    const supervisor = await signedInClient(t, await createMember(t, ['supervisor'], 'sup'));
    expect(
      (
        await supervisor.post('/api/v1/break-glass', {
          resourceType: 'user',
          resourceId: me.id,
          reason: canaries.reason,
        })
      ).statusCode,
    ).toBe(201);

    const dump = await databaseDump(t);
    expect(dump.length).toBeGreaterThan(10_000);
    expect(dump).toContain('Dove'); // the display name is public by design: the dump is readable
    for (const [field, value] of Object.entries(canaries)) {
      expect({ field, found: dump.includes(value) }).toEqual({ field, found: false });
    }
    expect(dump).not.toContain(code);
  });
});
