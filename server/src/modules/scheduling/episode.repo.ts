import { and, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { careEpisodes } from '../../platform/db/schema/index.ts';

export type EpisodeRow = typeof careEpisodes.$inferSelect;

/** The pair's episode that is not closed (C1: at most one is in use at a time), if any. */
export async function findCurrentEpisode(
  tx: Db,
  clientUserId: string,
  counselorId: string,
): Promise<EpisodeRow | undefined> {
  return (
    await tx
      .select()
      .from(careEpisodes)
      .where(
        and(
          eq(careEpisodes.clientUserId, clientUserId),
          eq(careEpisodes.counselorId, counselorId),
          inArray(careEpisodes.status, ['open', 'active']),
        ),
      )
      .orderBy(desc(careEpisodes.createdAt))
      .limit(1)
  )[0];
}

export async function insertEpisode(
  tx: Db,
  values: { organizationId: string; clientUserId: string; counselorId: string },
): Promise<EpisodeRow> {
  const [row] = await tx
    .insert(careEpisodes)
    .values({ ...values, status: 'open' })
    .returning();
  if (!row) throw new Error('episode not inserted');
  return row;
}

export async function updateEpisode(
  tx: Db,
  id: string,
  values: Partial<typeof careEpisodes.$inferInsert>,
): Promise<EpisodeRow> {
  const [row] = await tx
    .update(careEpisodes)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(careEpisodes.id, id))
    .returning();
  if (!row) throw new Error('episode not updated');
  return row;
}

export async function findEpisode(
  tx: Db,
  organizationId: string,
  id: string,
  options: { lock?: boolean } = {},
): Promise<EpisodeRow | undefined> {
  const q = tx
    .select()
    .from(careEpisodes)
    .where(and(eq(careEpisodes.organizationId, organizationId), eq(careEpisodes.id, id)));
  return (options.lock ? await q.for('update') : await q)[0];
}

export async function listEpisodes(tx: Db, where: SQL): Promise<EpisodeRow[]> {
  return tx.select().from(careEpisodes).where(where).orderBy(desc(careEpisodes.createdAt));
}
