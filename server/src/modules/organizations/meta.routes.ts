import { LOCALES, metaResponseSchema, problemSchema } from '@anxin/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.ts';
import { DEFAULT_ORGANIZATION_SLUG, findOrganizationBySlug } from './organization.repo.ts';
import { presentOrganizationPublic } from './organization.presenter.ts';

export const metaRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    '/meta',
    {
      config: { access: 'public' },
      schema: {
        tags: ['meta'],
        summary: 'Product version, organisation and languages, for the web shell before sign-in',
        response: { 200: metaResponseSchema, 404: problemSchema },
      },
    },
    async () => {
      const org = await findOrganizationBySlug(ctx.database.db, DEFAULT_ORGANIZATION_SLUG);
      return {
        product: 'anxin' as const,
        version: ctx.version,
        organization: org ? presentOrganizationPublic(org) : null,
        setupRequired: !org,
        locales: [...LOCALES],
      };
    },
  );
};
