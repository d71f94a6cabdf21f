import type { FastifyInstance, RouteOptions } from 'fastify';

/**
 * Default-deny at the router: every route states its access. `public` is an explicit mark;
 * `signed-in` requires a session that passed MFA where it applies; `enrolment` a session that may
 * not have (MFA enrolment and challenge). Resource-level rules are the modules' policies. A
 * route with no access stops the server at start-up.
 */
export type RouteAccess = 'public' | 'signed-in' | 'enrolment';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}

export class UnguardedRouteError extends Error {
  constructor(readonly routes: string[]) {
    super(
      `Routes without an access rule (mark them public or authorize them): ${routes.join(', ')}`,
    );
  }
}

const catalogs = new WeakMap<FastifyInstance, RouteOptions[]>();

/** Every route the app registered, with its options (for the route-enumerating tests). */
export function listRoutes(app: FastifyInstance): readonly RouteOptions[] {
  return catalogs.get(app) ?? [];
}

/** Call first on the root instance: it sees every route registered after it. */
export function enforceRouteAccess(app: FastifyInstance): void {
  const seen: RouteOptions[] = [];
  catalogs.set(app, seen);
  app.addHook('onRoute', (route) => {
    seen.push(route);
  });
  app.addHook('onReady', async () => {
    const unguarded = seen
      .filter((r) => !r.config?.access)
      .map((r) => `${String(r.method)} ${r.url}`);
    if (unguarded.length) throw new UnguardedRouteError(unguarded);
  });
}

/**
 * For a plugin whose routes we do not write (static files, the API docs UI): registered inside
 * the plugin's scope, it marks all of them public, which is a decision made once, here.
 */
export function markScopePublic(scope: FastifyInstance): void {
  scope.addHook('onRoute', (route) => {
    route.config = { ...route.config, access: 'public' };
  });
}
