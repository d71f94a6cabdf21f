import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { markScopePublic } from './access.ts';

/** Paths that belong to the server; an unknown path under them is a 404 problem, never the SPA. */
const SERVER_PREFIXES = ['/api/', '/docs', '/openapi.json', '/health', '/ready', '/assets/'];

/**
 * Serves the built web app. Hashed assets are cached for a year; index.html never, so a deploy
 * is picked up at the next navigation. A browser navigation to a path the server does not know
 * gets index.html and the web app's router decides (including its own 404 page).
 */
export type PageFallback = (
  request: FastifyRequest,
  reply: FastifyReply,
) => FastifyReply | undefined;

export async function registerWebApp(
  app: FastifyInstance,
  webDist: string,
): Promise<PageFallback | undefined> {
  const indexHtml = join(webDist, 'index.html');
  if (!existsSync(indexHtml)) {
    app.log.warn({ webDist }, 'web app not built: serving the API only (run npm run build)');
    return undefined;
  }
  // Read once: it is small, and the fallback below answers from memory.
  const html = readFileSync(indexHtml);
  const sendIndex = (reply: FastifyReply) =>
    reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(html);

  await app.register(async (scope) => {
    markScopePublic(scope);
    await scope.register(fastifyStatic, {
      root: webDist,
      wildcard: false,
      index: false,
      decorateReply: false,
      setHeaders(reply, path) {
        reply.header(
          'cache-control',
          path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
    scope.get('/', { schema: { hide: true } }, (_req, reply) => sendIndex(reply));
  });

  return (request, reply) => (isPageNavigation(request) ? sendIndex(reply) : undefined);
}

function isPageNavigation(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  if (SERVER_PREFIXES.some((p) => request.url.startsWith(p))) return false;
  return (request.headers.accept ?? '').includes('text/html');
}
