import { z } from 'zod';

export const healthResponseSchema = z.object({ status: z.literal('ok') });

export const readinessCheckSchema = z.object({
  name: z.enum(['database', 'migrations', 'jobs']),
  ok: z.boolean(),
  detail: z.string().optional(),
});

/** GET /ready answers 200 when every check passes, 503 otherwise, with the same body shape. */
export const readyResponseSchema = z.object({
  status: z.enum(['ready', 'not_ready']),
  checks: z.array(readinessCheckSchema),
});
export type ReadyResponse = z.infer<typeof readyResponseSchema>;
