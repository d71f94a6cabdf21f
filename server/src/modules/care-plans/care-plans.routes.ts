import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.ts';
import { goalsRoutes } from './goals.routes.ts';
import { referralsRoutes } from './referrals.routes.ts';

/** Care plans (issue 8.5, 8.6): goals with progress reviews, the referral directory, referrals. */
export const carePlansRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  await app.register(goalsRoutes, { ctx });
  await app.register(referralsRoutes, { ctx });
};
