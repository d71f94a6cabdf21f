import { and, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { careEpisodes, counselorProfiles } from '../../platform/db/schema/index.ts';
import { notFound } from '../../platform/http/app-error.ts';

/**
 * The episode a counselor writes goals and referrals in: their own, open or active (C1), in
 * their organisation. Anyone else, or a closed episode, gets 404, as if there were no episode
 * (a counselor who handed the client on no longer plans their care).
 */
export async function requireCurrentEpisodeOf(tx: Db, actor: Actor, episodeId: string) {
  if (!actor.roles.includes('counselor')) throw notFound();
  const [hit] = await tx
    .select({ episode: careEpisodes, profileId: counselorProfiles.id })
    .from(careEpisodes)
    .innerJoin(counselorProfiles, eq(counselorProfiles.id, careEpisodes.counselorId))
    .where(
      and(
        eq(careEpisodes.organizationId, actor.organizationId),
        eq(careEpisodes.id, episodeId),
        eq(counselorProfiles.userId, actor.userId),
        inArray(careEpisodes.status, ['open', 'active']),
      ),
    )
    .for('update', { of: careEpisodes });
  if (!hit) throw notFound();
  return hit;
}
