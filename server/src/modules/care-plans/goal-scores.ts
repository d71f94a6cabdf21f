import { and, desc, eq, inArray } from 'drizzle-orm';
import { meetsTarget, type AssessmentScore, type GoalScore } from '@anxin/common';
import { auditRead } from '../../platform/audit/request-audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { assessmentResponses } from '../../platform/db/schema/index.ts';
import { assessmentPolicy } from '../assessments/assessment.policy.ts';
import { selectResponses, type ResponseRow } from '../assessments/assessment.repo.ts';
import { clientKey, type CarePlansContext } from './care-access.ts';
import type { GoalRow } from './goal.repo.ts';

const scoreRef = (id: string) => ({ table: 'assessment_responses', field: 'score', recordId: id });

/**
 * The questionnaire a review of an instrument goal is read against: the newest completed
 * response of that instrument in the goal's episode when the review is written. Kept by id, so
 * the review keeps showing the score it was written beside.
 */
export async function newestResponseFor(tx: Db, goal: GoalRow): Promise<string | null> {
  if (goal.measureKind !== 'instrument' || !goal.instrumentCode) return null;
  const [row] = await tx
    .select({ id: assessmentResponses.id })
    .from(assessmentResponses)
    .where(
      and(
        eq(assessmentResponses.organizationId, goal.organizationId),
        eq(assessmentResponses.clientUserId, goal.clientUserId),
        eq(assessmentResponses.episodeId, goal.episodeId),
        eq(assessmentResponses.assessmentCode, goal.instrumentCode),
        eq(assessmentResponses.status, 'completed'),
      ),
    )
    .orderBy(desc(assessmentResponses.completedAt))
    .limit(1);
  return row?.id ?? null;
}

export interface GoalScores {
  /** The newest readable score of each instrument goal, by goal id. */
  latest: Map<string, GoalScore>;
  /** The readable score of each review that points at a questionnaire, by review id. */
  byReview: Map<string, GoalScore>;
}

/**
 * The scores shown with some goals and their reviews. Scores are the assessments module's data:
 * only those its own policy lets the actor read are opened (a counselor whose episode closed
 * keeps their goals but no longer sees the client's scores), and each one shown is an audited
 * read of that questionnaire, as on the chart.
 */
export async function scoresFor(
  ctx: CarePlansContext,
  actor: Actor,
  db: Db,
  goals: readonly GoalRow[],
  reviews: readonly { id: string; goalId: string; assessmentResponseId: string | null }[],
): Promise<GoalScores> {
  const instrumentGoals = goals.filter((g) => g.measureKind === 'instrument' && g.instrumentCode);
  const out: GoalScores = { latest: new Map(), byReview: new Map() };
  if (instrumentGoals.length === 0) return out;
  const clients = [...new Set(instrumentGoals.map((g) => g.clientUserId))];
  const codes = [...new Set(instrumentGoals.flatMap((g) => g.instrumentCode ?? []))];
  const hits = await selectResponses(
    db,
    and(
      assessmentPolicy.filter(actor, 'read_result', assessmentResponses),
      inArray(assessmentResponses.clientUserId, clients),
      inArray(assessmentResponses.assessmentCode, codes),
      eq(assessmentResponses.status, 'completed'),
    ) ?? eq(assessmentResponses.id, assessmentResponses.id),
  );
  const rows = hits
    .map((h) => h.row)
    .sort((a, b) => (b.completedAt?.getTime() ?? 0) - (a.completedAt?.getTime() ?? 0));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const shown = new Map<string, ResponseRow>();
  const vault = ctx.app.vault.scope(db, actor.organizationId);
  const open = async (goal: GoalRow, r: ResponseRow): Promise<GoalScore | null> => {
    const plain = await vault.decryptOrNull(clientKey(r.clientUserId), scoreRef(r.id), r.scoreEnc);
    const score = plain ? (JSON.parse(plain) as AssessmentScore) : null;
    if (!score || score.total === null || !r.completedAt) return null;
    shown.set(r.id, r);
    return {
      assessmentId: r.id,
      total: score.total,
      band: score.band,
      completedAt: r.completedAt.toISOString(),
      met: meetsTarget(score.total, goal.comparator ?? 'lte', goal.targetScore ?? 0),
    };
  };
  const goalById = new Map(instrumentGoals.map((g) => [g.id, g]));
  for (const goal of instrumentGoals) {
    const newest = rows.find(
      (r) => r.episodeId === goal.episodeId && r.assessmentCode === goal.instrumentCode,
    );
    const score = newest ? await open(goal, newest) : null;
    if (score) out.latest.set(goal.id, score);
  }
  for (const review of reviews) {
    const goal = goalById.get(review.goalId);
    const row = review.assessmentResponseId ? byId.get(review.assessmentResponseId) : undefined;
    const score = goal && row ? await open(goal, row) : null;
    if (score) out.byReview.set(review.id, score);
  }
  await Promise.all(
    [...shown.values()].map((r) =>
      auditRead(ctx.app, ctx.meta, {
        organizationId: actor.organizationId,
        action: 'assessment.read',
        entityType: 'assessment_response',
        entityId: r.id,
        subjectId: r.clientUserId,
      }),
    ),
  );
  return out;
}
