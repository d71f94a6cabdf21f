import { and, asc, eq } from 'drizzle-orm';
import { careEpisodes, counselorProfiles, users } from '../../../../platform/db/schema/index.ts';
import { iso, type ExportSource } from '../export-source.ts';

/** Episodes of care the person is the client of (C1). */
export const careEpisodesSource: ExportSource = {
  name: 'careEpisodes',
  async collect(tx, _vault, subject) {
    const rows = await tx
      .select({ e: careEpisodes, counselorName: users.displayName })
      .from(careEpisodes)
      .leftJoin(counselorProfiles, eq(counselorProfiles.id, careEpisodes.counselorId))
      .leftJoin(users, eq(users.id, counselorProfiles.userId))
      .where(
        and(
          eq(careEpisodes.organizationId, subject.organizationId),
          eq(careEpisodes.clientUserId, subject.userId),
        ),
      )
      .orderBy(asc(careEpisodes.createdAt));
    return rows.map(({ e, counselorName }) => ({
      id: e.id,
      counselor: counselorName,
      status: e.status,
      closeReason: e.closeReason,
      createdAt: iso(e.createdAt),
      closedAt: iso(e.closedAt),
    }));
  },
};
