import { sql } from 'drizzle-orm';
import { anyInOrganization, definePolicy, type Relation } from '../../platform/auth/policy.ts';
import { counselorProfiles, type careEpisodes } from '../../platform/db/schema/index.ts';

/** An episode of care as the policy sees it. */
export interface EpisodeResource {
  id: string;
  organizationId: string;
  /** The user behind the episode's counselor profile. */
  counselorUserId: string;
}
type EpisodesTable = typeof careEpisodes;

const ownCounselor: Relation<EpisodeResource, EpisodesTable> = {
  name: 'counselor',
  test: (actor, e) => e.counselorUserId === actor.userId,
  where: (actor, t) =>
    sql`${t.counselorId} IN (SELECT ${counselorProfiles.id} FROM ${counselorProfiles}
          WHERE ${counselorProfiles.userId} = ${actor.userId})`,
};
const any = anyInOrganization<EpisodeResource, EpisodesTable>();

/**
 * Episodes of care (C1): the counselor of the pair and administrators read and close them.
 * Clients see their appointments, not the episode bookkeeping around them.
 */
export const episodePolicy = definePolicy<EpisodeResource, EpisodesTable, 'read' | 'close'>({
  read: [
    { roles: ['counselor'], relation: ownCounselor },
    { roles: ['administrator'], relation: any },
  ],
  close: [
    { roles: ['counselor'], relation: ownCounselor },
    { roles: ['administrator'], relation: any },
  ],
});
