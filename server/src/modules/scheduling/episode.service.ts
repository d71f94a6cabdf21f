import type { z } from 'zod';
import type { episodeSchema } from '@anxin/common';
import { and, eq, type SQL } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { careEpisodes } from '../../platform/db/schema/index.ts';
import { AppError, notFound } from '../../platform/http/app-error.ts';
import { findProfile } from '../counselors/counselor-access.ts';
import { inSchedulingTransaction, type SchedulingContext } from './appointment-context.ts';
import { episodePolicy } from './episode.policy.ts';
import { findEpisode, listEpisodes, updateEpisode, type EpisodeRow } from './episode.repo.ts';

export type Episode = z.infer<typeof episodeSchema>;
type CloseReason = NonNullable<EpisodeRow['closeReason']>;

const present = (e: EpisodeRow): Episode => ({
  id: e.id,
  clientUserId: e.clientUserId,
  counselorId: e.counselorId,
  status: e.status,
  closeReason: e.closeReason,
  createdAt: e.createdAt.toISOString(),
  closedAt: e.closedAt?.toISOString() ?? null,
});

/** The episode with the user behind its counselor, for the policy. */
async function asResource(tx: Db, e: EpisodeRow) {
  const profile = await findProfile(tx, e.organizationId, e.counselorId);
  return { ...e, counselorUserId: profile?.userId ?? '' };
}

/** Episodes the actor may read (C1): a counselor's own pairs, or all for administrators. */
export async function listEpisodesFor(
  ctx: SchedulingContext,
  actor: Actor,
  q: { clientId?: string | undefined },
): Promise<{ items: Episode[] }> {
  const where = and(
    episodePolicy.filter(actor, 'read', careEpisodes),
    q.clientId ? eq(careEpisodes.clientUserId, q.clientId) : undefined,
  ) as SQL;
  return { items: (await listEpisodes(ctx.app.database.db, where)).map(present) };
}

/**
 * Closes an episode of care with a reason (C1). Booked appointments still ahead in it are left
 * as they are: cancelling them is a separate, deliberate step with its own refunds (A5).
 */
export async function closeEpisode(
  ctx: SchedulingContext,
  actor: Actor,
  id: string,
  reason: CloseReason,
): Promise<Episode> {
  return inSchedulingTransaction(ctx, actor, async (w) => {
    const row = await findEpisode(w.tx, actor.organizationId, id, { lock: true });
    const resource = row ? await asResource(w.tx, row) : undefined;
    if (!row || !resource || !episodePolicy.can(actor, 'read', resource)) throw notFound();
    if (!episodePolicy.can(actor, 'close', resource)) throw new AppError('forbidden');
    if (row.status === 'closed')
      throw new AppError('invalid_transition', 'This episode is already closed.');
    // The closing summary (clinical records, next issues) hooks in here: written with the
    // closure and linked through care_episodes.closing_summary_id.
    const closed = await updateEpisode(w.tx, row.id, {
      status: 'closed',
      closeReason: reason,
      closedAt: w.now,
    });
    await w.audit({
      organizationId: row.organizationId,
      action: 'episode.close',
      entityType: 'care_episode',
      entityId: row.id,
      subjectId: row.clientUserId,
      changes: {
        status: { old: row.status, new: 'closed' },
        closeReason: { old: null, new: reason },
      },
    });
    return present(closed);
  });
}
