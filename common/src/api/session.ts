import { z } from 'zod';
import { roleSchema } from '../roles.ts';

/**
 * GET /api/v1/session: who is signed in. Until identity lands every visitor is anonymous;
 * the web shell already builds its navigation from `roles`.
 */
export const sessionResponseSchema = z.object({
  actor: z
    .object({
      id: z.uuid(),
      displayName: z.string(),
      roles: z.array(roleSchema),
    })
    .nullable(),
});
export type SessionResponse = z.infer<typeof sessionResponseSchema>;
