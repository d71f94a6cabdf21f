import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { guardianships } from '../../platform/db/schema/index.ts';
import { notFound } from '../../platform/http/app-error.ts';

/**
 * Whose consent a request is about: the actor's own, or their ward's when the actor is an active
 * guardian of that person (C11). Anyone else's answers 404, like a person who does not exist.
 */
export async function consentSubjectFor(
  db: Db,
  actor: Actor,
  subjectUserId: string | undefined,
): Promise<{ subjectUserId: string; signer: 'self' | 'guardian' }> {
  if (!subjectUserId || subjectUserId === actor.userId)
    return { subjectUserId: actor.userId, signer: 'self' };
  const rows = await db
    .select({ id: guardianships.id })
    .from(guardianships)
    .where(
      and(
        eq(guardianships.organizationId, actor.organizationId),
        eq(guardianships.guardianUserId, actor.userId),
        eq(guardianships.minorUserId, subjectUserId),
        eq(guardianships.status, 'active'),
      ),
    )
    .limit(1);
  if (!rows[0]) throw notFound();
  return { subjectUserId, signer: 'guardian' };
}
