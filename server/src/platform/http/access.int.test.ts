import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { enforceRouteAccess, listRoutes, markScopePublic, UnguardedRouteError } from './access.ts';

describe('default-deny at the router', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('gives every route of the product an access rule', () => {
    const routes = listRoutes(t.app);
    const urls = routes.map((r) => r.url);
    expect(urls).toEqual(expect.arrayContaining(['/health', '/ready', '/api/v1/meta', '/docs']));
    const unmarked = routes.filter(
      (r) => !['public', 'signed-in', 'enrolment'].includes(String(r.config?.access)),
    );
    expect(unmarked.map((r) => r.url)).toEqual([]);
    // The account and administration API is not public.
    const accessOf = (url: string, method: string) =>
      routes.find((r) => r.url === url && r.method === method)?.config?.access;
    expect(accessOf('/api/v1/users', 'GET')).toBe('signed-in');
    expect(accessOf('/api/v1/me', 'GET')).toBe('signed-in');
    expect(accessOf('/api/v1/audit-events', 'GET')).toBe('signed-in');
    expect(accessOf('/api/v1/auth/mfa', 'POST')).toBe('enrolment');
  });

  it('refuses to start when a route has no access rule', async () => {
    const app = Fastify();
    enforceRouteAccess(app);
    app.get('/open', { config: { access: 'public' } }, () => 'ok');
    app.get('/forgotten', () => 'oops');
    await expect(app.ready()).rejects.toThrow(UnguardedRouteError);
    await expect(app.ready()).rejects.toThrow(/GET \/forgotten/);
  });

  it('accepts routes of a scope marked public as a whole', async () => {
    const app = Fastify();
    enforceRouteAccess(app);
    await app.register(async (scope) => {
      markScopePublic(scope);
      scope.get('/static-thing', () => 'ok');
    });
    await expect(app.ready()).resolves.toBeDefined();
    await app.close();
  });
});
