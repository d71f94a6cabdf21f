import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.ts';

// Placeholder: filled in by the feature's implementation.
export const schedulingSettingsRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (
  _app,
  { ctx: _ctx },
) => {};
