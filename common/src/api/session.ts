import { z } from 'zod';
import { actorSchema } from './identity.ts';

/** GET /api/v1/session: the signed-in actor, or null for a visitor. */
export const sessionResponseSchema = z.object({ actor: actorSchema.nullable() });
export type SessionResponse = z.infer<typeof sessionResponseSchema>;
