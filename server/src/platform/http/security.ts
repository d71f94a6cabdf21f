import type { FastifyInstance } from 'fastify';

export const CSP_REPORT_PATH = '/api/v1/csp-reports';

/**
 * The web app is built without inline scripts or styles, so the policy can be strict; violations
 * are reported to our own endpoint. Camera and microphone are for the session room only.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "media-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  `report-uri ${CSP_REPORT_PATH}`,
].join('; ');

/**
 * The same headers on every response, computed once. (A per-request header middleware showed up
 * in the profile of the health endpoint re-parsing its own options on every call.)
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'x-dns-prefetch-control': 'off',
  'x-permitted-cross-domain-policies': 'none',
  'permissions-policy': 'camera=(self), microphone=(self), geolocation=(), payment=(), usb=()',
};

const HSTS = 'max-age=31536000; includeSubDomains';

export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    reply.headers(SECURITY_HEADERS);
    // HSTS only means something on a response that arrived over TLS (directly or via a proxy
    // trusted with ANXIN_TRUST_PROXY).
    if (request.protocol === 'https') reply.header('strict-transport-security', HSTS);
    // Responses of the API may carry personal data: no shared or browser cache keeps them.
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });
}
