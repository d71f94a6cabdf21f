import { z } from 'zod';
import { localeSchema } from '../locales.ts';

/** GET /api/v1/meta: what the web shell needs before anyone signs in. */
export const metaResponseSchema = z.object({
  product: z.literal('anxin'),
  version: z.string(),
  /** Null until the one-time setup has created the organisation. */
  organization: z
    .object({
      id: z.uuid(),
      name: z.string(),
      defaultLocale: localeSchema,
      timeZone: z.string(),
      isDemo: z.boolean(),
    })
    .nullable(),
  setupRequired: z.boolean(),
  locales: z.array(localeSchema),
});
export type MetaResponse = z.infer<typeof metaResponseSchema>;
