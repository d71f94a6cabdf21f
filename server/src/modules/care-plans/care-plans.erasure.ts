import { and, eq, inArray } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../../platform/db/database.ts';
import {
  careEpisodes,
  goalProgressReviews,
  referrals,
  treatmentGoals,
} from '../../platform/db/schema/index.ts';
import type { ErasureSource, SealedField } from '../privacy/erasure/erasure-source.ts';

/** A care-plan table as erasure needs it: its person, its episode, its id. */
interface PersonTable {
  table: PgTable;
  id: PgColumn;
  organizationId: PgColumn;
  clientUserId: PgColumn;
}

/**
 * Goals, reviews and referrals are counseling record (C3, B9): at a person's erasure they are
 * sealed for the counseling floor counted from their episode's close (from now while it is
 * open), like clinical notes, then destroyed. Every one of these rows belongs to an episode.
 */
function careSealSource(
  category: string,
  t: PersonTable & { name: string; episodeOf: (db: Db, ids: string[]) => Promise<EpisodeClose[]> },
  fields: readonly SealedField[],
): ErasureSource {
  return {
    kind: 'seal',
    category,
    table: t.name,
    recordType: 'counseling_record',
    fields,
    async findSealable({ tx, organizationId, subjectUserId, now }) {
      const rows = (await tx
        .select({ id: t.id })
        .from(t.table)
        .where(and(eq(t.organizationId, organizationId), eq(t.clientUserId, subjectUserId)))) as {
        id: string;
      }[];
      const closes = await t.episodeOf(
        tx,
        rows.map((r) => r.id),
      );
      return closes.map((c) => ({ id: c.id, floorFrom: c.closedAt ?? now }));
    },
    async eraseRows(tx, organizationId, ids) {
      if (ids.length === 0) return 0;
      const rows = (await tx
        .delete(t.table)
        .where(and(eq(t.organizationId, organizationId), inArray(t.id, [...ids])))
        .returning({ id: t.id })) as { id: string }[];
      return rows.length;
    },
  };
}

interface EpisodeClose {
  id: string;
  closedAt: Date | null;
}

async function goalEpisodes(db: Db, ids: string[]): Promise<EpisodeClose[]> {
  if (ids.length === 0) return [];
  return db
    .select({ id: treatmentGoals.id, closedAt: careEpisodes.closedAt })
    .from(treatmentGoals)
    .innerJoin(careEpisodes, eq(careEpisodes.id, treatmentGoals.episodeId))
    .where(inArray(treatmentGoals.id, ids));
}

async function reviewEpisodes(db: Db, ids: string[]): Promise<EpisodeClose[]> {
  if (ids.length === 0) return [];
  return db
    .select({ id: goalProgressReviews.id, closedAt: careEpisodes.closedAt })
    .from(goalProgressReviews)
    .innerJoin(treatmentGoals, eq(treatmentGoals.id, goalProgressReviews.goalId))
    .innerJoin(careEpisodes, eq(careEpisodes.id, treatmentGoals.episodeId))
    .where(inArray(goalProgressReviews.id, ids));
}

async function referralEpisodes(db: Db, ids: string[]): Promise<EpisodeClose[]> {
  if (ids.length === 0) return [];
  return db
    .select({ id: referrals.id, closedAt: careEpisodes.closedAt })
    .from(referrals)
    .innerJoin(careEpisodes, eq(careEpisodes.id, referrals.episodeId))
    .where(inArray(referrals.id, ids));
}

export const treatmentGoalsSource = careSealSource(
  'treatment_goals',
  { ...pick(treatmentGoals), name: 'treatment_goals', episodeOf: goalEpisodes },
  [
    { column: 'description_enc', field: 'description' },
    { column: 'measure_enc', field: 'measure' },
    { column: 'status_reason_enc', field: 'status_reason' },
  ],
);

/** Reviews go with their goal when it is destroyed (cascade); their notes are sealed alike. */
export const goalReviewsSource = careSealSource(
  'goal_progress_reviews',
  { ...pick(goalProgressReviews), name: 'goal_progress_reviews', episodeOf: reviewEpisodes },
  [{ column: 'note_enc', field: 'note' }],
);

/** The referral's own words; its disclosure entry is sealed by the disclosures source. */
export const referralsSource = careSealSource(
  'referrals',
  { ...pick(referrals), name: 'referrals', episodeOf: referralEpisodes },
  [
    { column: 'reason_enc', field: 'reason' },
    { column: 'justification_enc', field: 'justification' },
    { column: 'outcome_enc', field: 'outcome' },
  ],
);

function pick(
  table: typeof treatmentGoals | typeof goalProgressReviews | typeof referrals,
): PersonTable {
  return {
    table,
    id: table.id,
    organizationId: table.organizationId,
    clientUserId: table.clientUserId,
  };
}
