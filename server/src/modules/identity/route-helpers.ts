import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app-context.ts';
import { requestMeta } from '../../platform/audit/request-audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { setSessionCookies } from '../../platform/auth/cookies.ts';
import { AppError } from '../../platform/http/app-error.ts';
import type { IdentityContext } from './identity-context.ts';
import { presentActor } from './user.presenter.ts';
import { ThrottledError } from './sign-in.service.ts';

export const identityCtx = (app: AppContext, request: FastifyRequest): IdentityContext => ({
  app,
  meta: requestMeta(request),
});

/** The actor of a route whose access mode guarantees one. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('unauthenticated');
  return request.actor;
}

/** Sets the new session's cookies and answers with the actor. */
export function signedInReply(app: AppContext, reply: FastifyReply, token: string, actor: Actor) {
  setSessionCookies(reply, token, app.vault.keyring.tokenKey);
  return { actor: presentActor(actor, app.config.env, 'zh-CN') };
}

/** Throttled sign-in answers 429 with Retry-After, like the per-IP limiter. */
export async function withRetryAfter<T>(reply: FastifyReply, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof ThrottledError) reply.header('retry-after', String(err.retryAfterSeconds));
    throw err;
  }
}
