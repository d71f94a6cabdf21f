import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/test-app.ts';

/**
 * Plants distinct canary values in every part of a request a client controls and checks that
 * none reaches the log, while the requests themselves are logged (so the test cannot pass by
 * logging nothing).
 */
describe('logs never contain what clients send', () => {
  let t: TestApp;
  const canary = (n: number) => `CANARY${n}x${Math.random().toString(36).slice(2, 10)}`;
  const canaries: string[] = [];
  const plant = () => {
    const c = canary(canaries.length);
    canaries.push(c);
    return c;
  };

  beforeAll(async () => {
    t = await createTestApp({ bodyLimit: 2048 });
  });
  afterAll(() => t.close());

  it('keeps credentials, cookies, query values and bodies out of the log', async () => {
    const requests = [
      t.app.inject({
        url: `/api/v1/meta?token=${plant()}&email=${plant()}%40example.com`,
        headers: { authorization: `Bearer ${plant()}`, cookie: `anxin_session=${plant()}` },
      }),
      t.app.inject({
        method: 'POST',
        url: '/api/v1/csp-reports',
        payload: {
          'csp-report': {
            'document-uri': `https://anxin.example/clients/${plant()}`,
            'blocked-uri': `https://evil.example/x?password=${plant()}`,
            'violated-directive': `script-src ${plant()}`,
          },
        },
      }),
      t.app.inject({
        method: 'POST',
        url: '/api/v1/csp-reports',
        headers: { 'content-type': 'application/json' },
        payload: `{"password": "${plant()}", "broken`,
      }),
      t.app.inject({
        method: 'POST',
        url: '/api/v1/csp-reports',
        payload: { 'csp-report': { 'document-uri': 7, note: plant() }, secret: plant() },
      }),
      t.app.inject({
        method: 'POST',
        url: '/api/v1/csp-reports',
        payload: { 'csp-report': { 'document-uri': plant().repeat(200) } },
      }),
      t.app.inject({ url: `/api/v1/clients/${plant()}`, headers: { cookie: `sid=${plant()}` } }),
    ];
    const responses = await Promise.all(requests);
    expect(responses.map((r) => r.statusCode)).toEqual([200, 204, 400, 400, 413, 404]);

    const log = t.logs.join('\n');
    for (const r of responses) expect(log).toContain(String(r.headers['x-request-id']));
    expect(log).toContain('content security policy violation');
    expect(log).toContain('https://evil.example');
    for (const c of canaries) expect(log).not.toContain(c);
  });
});
