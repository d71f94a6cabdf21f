import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { markScopePublic } from './access.ts';

/** OpenAPI 3.1 generated from the routes' zod schemas; served raw and through a docs UI. */
export async function registerOpenApi(app: FastifyInstance, version: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Anxin API',
        description:
          'Counseling service and support hotline. Errors are RFC 9457 problem+json with a stable `code`.',
        version,
        license: { name: 'AGPL-3.0-or-later', identifier: 'AGPL-3.0-or-later' },
      },
      servers: [{ url: '/' }],
    },
    transform: jsonSchemaTransform,
  });

  await app.register(async (scope) => {
    markScopePublic(scope);
    await scope.register(swaggerUi, { routePrefix: '/docs', staticCSP: false });
    scope.get('/openapi.json', { schema: { hide: true } }, () => scope.swagger());
  });
}
