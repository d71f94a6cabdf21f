import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomToken } from './secrets.ts';

export const SESSION_COOKIE = 'anxin_session';
export const CSRF_COOKIE = 'anxin_csrf';
export const CSRF_HEADER = 'x-csrf-token';

const secure = (request: FastifyRequest) => request.protocol === 'https';

export function setSessionCookies(reply: FastifyReply, token: string, tokenKey: Buffer): void {
  const isSecure = secure(reply.request);
  // No Max-Age: the server decides expiry (idle and absolute); a browser restart ends the cookie.
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: isSecure,
    path: '/',
  });
  reply.setCookie(CSRF_COOKIE, csrfForSession(tokenKey, token), {
    httpOnly: false,
    sameSite: 'lax',
    secure: isSecure,
    path: '/',
  });
}

export function clearSessionCookies(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
  reply.setCookie(CSRF_COOKIE, randomToken(), {
    httpOnly: false,
    sameSite: 'lax',
    secure: secure(reply.request),
    path: '/',
  });
}

/** A visitor without a CSRF cookie gets a random one (double-submit before sign-in). */
export function ensureCsrfCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  tokenKey: Buffer,
): void {
  const session = request.cookies[SESSION_COOKIE];
  const expected = session && request.actor ? csrfForSession(tokenKey, session) : undefined;
  const current = request.cookies[CSRF_COOKIE];
  if (current && (!expected || current === expected)) return;
  reply.setCookie(CSRF_COOKIE, expected ?? randomToken(), {
    httpOnly: false,
    sameSite: 'lax',
    secure: secure(request),
    path: '/',
  });
}

/** Bound to the session: a token read from one session is useless with another. */
export function csrfForSession(tokenKey: Buffer, sessionToken: string): string {
  return createHmac('sha256', tokenKey).update(`csrf:${sessionToken}`).digest('base64url');
}

/**
 * Double-submit check: the header must equal the cookie (a cross-site page can send the cookie
 * but cannot read it), and with a session the cookie must be the session's own token.
 */
export function csrfValid(request: FastifyRequest, tokenKey: Buffer): boolean {
  const header = request.headers[CSRF_HEADER];
  const cookie = request.cookies[CSRF_COOKIE];
  if (typeof header !== 'string' || !cookie || !equal(header, cookie)) return false;
  const session = request.cookies[SESSION_COOKIE];
  return !session || !request.actor || equal(cookie, csrfForSession(tokenKey, session));
}

function equal(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
