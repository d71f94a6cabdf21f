import { sessionResponseSchema } from '@anxin/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/**
 * Who is signed in. Accounts and sign-in arrive with the identity module; until then every
 * visitor is anonymous, and the web shell already builds its navigation from this answer.
 */
export const sessionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/session',
    {
      config: { access: 'public' },
      schema: {
        tags: ['identity'],
        summary: 'The signed-in actor, or null',
        response: { 200: sessionResponseSchema },
      },
    },
    () => ({ actor: null }),
  );
};
