import cookie from '@fastify/cookie';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/database.ts';
import { AppError } from '../http/app-error.ts';
import { SESSION_COOKIE, csrfValid } from './cookies.ts';
import { resolveSession } from './session-store.ts';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Browser-originated posts without our header (CSP reports) opt out of the CSRF check. */
    csrf?: false;
  }
}

/**
 * Resolves the actor from the session cookie on every request, then applies the route's access
 * mode: `public` needs nothing; `enrolment` needs a session (a staff member who has not finished
 * MFA may only enrol or answer the challenge); `signed-in` needs a session that has passed MFA
 * where MFA applies. Writes authenticated by cookie must carry the CSRF header.
 */
export async function registerAuthentication(
  app: FastifyInstance,
  deps: { db: () => Db; tokenKey: Buffer },
): Promise<void> {
  await app.register(cookie);
  app.decorateRequest('actor', null);

  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.access;
    if (!access) return; // unknown route: the 404 handler answers
    const token = request.cookies[SESSION_COOKIE];
    request.actor = token ? await resolveSession(deps.db(), token) : null;

    // Every write, signed in or not (sign-in itself included: no login CSRF). API clients get
    // the cookie from GET /api/v1/session and echo it in the header.
    if (
      UNSAFE.has(request.method) &&
      request.routeOptions.config.csrf !== false &&
      !csrfValid(request, deps.tokenKey)
    ) {
      throw new AppError('csrf_failed', 'Reload the page and try again.');
    }
    if (access === 'public') return;
    if (!request.actor) throw new AppError('unauthenticated', 'Sign in to continue.');
    if (access === 'signed-in' && !request.actor.mfaSatisfied) {
      throw new AppError('mfa_required', 'Complete two-step verification first.');
    }
  });
}
