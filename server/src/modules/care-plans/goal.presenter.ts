import type { Goal, GoalMeasure, GoalScore, ProgressReview } from '@anxin/common';
import type { GoalRow, ReviewRow } from './goal.repo.ts';

/** Where each sealed field of a goal or a review lives (the envelope is bound to it). */
export const goalRef = (field: 'description' | 'measure' | 'status_reason', id: string) => ({
  table: 'treatment_goals',
  field,
  recordId: id,
});
export const reviewRef = (id: string) => ({
  table: 'goal_progress_reviews',
  field: 'note',
  recordId: id,
});

/** A custom measure as sealed: the counselor's measure and target, together. */
export interface SealedMeasure {
  measure: string;
  target: string;
}

/** The measure of a goal from its clear columns (instrument) or its opened envelope (custom). */
export function measureOf(row: GoalRow, sealed: SealedMeasure | null): GoalMeasure {
  if (row.measureKind === 'instrument') {
    return {
      kind: 'instrument',
      instrument: row.instrumentCode as Extract<GoalMeasure, { kind: 'instrument' }>['instrument'],
      comparator: row.comparator ?? 'lte',
      target: row.targetScore ?? 0,
    };
  }
  return { kind: 'custom', measure: sealed?.measure ?? '', target: sealed?.target ?? '' };
}

export interface OpenedReview {
  row: ReviewRow & { authorName: string };
  note: string | null;
  score: GoalScore | null;
}

export function presentReview(r: OpenedReview): ProgressReview {
  return {
    id: r.row.id,
    reviewedOn: r.row.reviewedOn,
    rating: r.row.rating,
    note: r.note,
    authorUserId: r.row.authorUserId,
    authorName: r.row.authorName,
    score: r.score,
    createdAt: r.row.createdAt.toISOString(),
  };
}

/** A goal as its readers see it: a whitelist of its fields, the sealed ones opened. */
export function presentGoal(o: {
  row: GoalRow;
  authorName: string;
  description: string;
  measure: GoalMeasure;
  statusReason: string | null;
  nextGoalId: string | null;
  latestScore: GoalScore | null;
  reviews: readonly OpenedReview[];
  can: Goal['can'];
}): Goal {
  const { row } = o;
  return {
    id: row.id,
    clientUserId: row.clientUserId,
    episodeId: row.episodeId,
    authorUserId: row.authorUserId,
    authorName: o.authorName,
    description: o.description,
    measure: o.measure,
    targetDate: row.targetDate,
    status: row.status,
    statusReason: o.statusReason,
    statusChangedAt: row.statusChangedAt?.toISOString() ?? null,
    previousGoalId: row.previousGoalId,
    nextGoalId: o.nextGoalId,
    latestScore: o.latestScore,
    reviews: o.reviews.map(presentReview),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    can: o.can,
  };
}
