import { healthResponseSchema, readyResponseSchema } from '@anxin/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.ts';
import { checkReadiness } from './readiness.service.ts';

/**
 * Probes for orchestrators. Not rate limited: a load balancer polls them all day, and they reveal
 * nothing but the backend kind and the migration count.
 */
export const systemRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/health',
    {
      config: { access: 'public', rateLimit: false },
      schema: {
        tags: ['system'],
        summary: 'Liveness: the process answers',
        response: { 200: healthResponseSchema },
      },
    },
    () => ({ status: 'ok' as const }),
  );

  app.get(
    '/ready',
    {
      config: { access: 'public', rateLimit: false },
      schema: {
        tags: ['system'],
        summary: 'Readiness: database reachable, migrations applied, jobs running',
        response: { 200: readyResponseSchema, 503: readyResponseSchema },
      },
    },
    async (_request, reply) => {
      const result = await checkReadiness(ctx);
      return reply.status(result.status === 'ready' ? 200 : 503).send(result);
    },
  );
};
