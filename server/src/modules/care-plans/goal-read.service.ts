import { and, eq } from 'drizzle-orm';
import type { Goal } from '@anxin/common';
import { auditRead } from '../../platform/audit/request-audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { treatmentGoals } from '../../platform/db/schema/index.ts';
import { notFound } from '../../platform/http/app-error.ts';
import { clientKey, readEvent, type CarePlansContext } from './care-access.ts';
import { goalPolicy } from './care-plan.policy.ts';
import { scoresFor } from './goal-scores.ts';
import { checkGoalTransition } from './goal-status.ts';
import {
  goalRef,
  measureOf,
  presentGoal,
  reviewRef,
  type SealedMeasure,
} from './goal.presenter.ts';
import { findGoal, reviewsOf, revisionsOf, selectGoals, type GoalHit } from './goal.repo.ts';

/** What the caller may do with a goal now, for the panel's buttons (checked again on each). */
function abilities(actor: Actor, hit: GoalHit): Goal['can'] {
  const active = checkGoalTransition(hit.row.status, 'review').ok;
  const write = active && goalPolicy.can(actor, 'write', hit.resource);
  // A revision is a new goal: only the counselor carrying the episode now writes one.
  return {
    review: write,
    changeStatus: write,
    revise: write && hit.resource.currentCounselorUserId === actor.userId,
  };
}

/** Loads a goal the actor may read, or answers 404 exactly as for a missing one. */
export async function loadVisibleGoal(db: Db, actor: Actor, id: string, lock = false) {
  const hit = await findGoal(db, actor.organizationId, id, lock);
  if (!hit || !goalPolicy.can(actor, 'read', hit.resource)) throw notFound();
  return hit;
}

/**
 * Opens goals for the actor: descriptions, measures, reasons, reviews and the instrument scores
 * they may see. An erased client's key is gone: their words read as empty (the sealed copy is
 * the privacy officer's), rather than failing the whole chart. Runs outside any write transaction: the score reads it audits commit on their
 * own (group commit), which must not wait for a transaction that holds the audit head.
 */
export async function buildGoals(
  ctx: CarePlansContext,
  actor: Actor,
  db: Db,
  hits: readonly GoalHit[],
): Promise<Goal[]> {
  if (hits.length === 0) return [];
  const vault = ctx.app.vault.scope(db, actor.organizationId);
  await vault.preload([...new Set(hits.map((h) => h.row.clientUserId))].map(clientKey));
  const ids = hits.map((h) => h.row.id);
  const [reviews, revisions] = await Promise.all([reviewsOf(db, ids), revisionsOf(db, ids)]);
  const scores = await scoresFor(
    ctx,
    actor,
    db,
    hits.map((h) => h.row),
    reviews,
  );
  return Promise.all(
    hits.map(async (hit) => {
      const { row } = hit;
      const who = clientKey(row.clientUserId);
      const sealed = await vault.decryptOrNull(who, goalRef('measure', row.id), row.measureEnc);
      const opened = await Promise.all(
        reviews
          .filter((r) => r.goalId === row.id)
          .map(async (r) => ({
            row: r,
            note: await vault.decryptOrNull(who, reviewRef(r.id), r.noteEnc),
            score: scores.byReview.get(r.id) ?? null,
          })),
      );
      return presentGoal({
        row,
        authorName: hit.authorName,
        description:
          (await vault.decryptOrNull(who, goalRef('description', row.id), row.descriptionEnc)) ??
          '',
        measure: measureOf(row, sealed ? (JSON.parse(sealed) as SealedMeasure) : null),
        statusReason: await vault.decryptOrNull(
          who,
          goalRef('status_reason', row.id),
          row.statusReasonEnc,
        ),
        nextGoalId: revisions.get(row.id) ?? null,
        latestScore: scores.latest.get(row.id) ?? null,
        reviews: opened,
        can: abilities(actor, hit),
      });
    }),
  );
}

function auditGoalRead(ctx: CarePlansContext, actor: Actor, hit: GoalHit) {
  return auditRead(ctx.app, ctx.meta, {
    organizationId: actor.organizationId,
    ...readEvent(goalPolicy.rules.read, actor, hit.resource, 'treatment_goal.read'),
    entityType: 'treatment_goal',
    entityId: hit.row.id,
    subjectId: hit.row.clientUserId,
  });
}

/** One goal with its reviews; an audited read (break-glass reads say so). */
export async function readGoal(ctx: CarePlansContext, actor: Actor, id: string): Promise<Goal> {
  const db = ctx.app.database.db;
  const hit = await loadVisibleGoal(db, actor, id);
  const [goal] = await buildGoals(ctx, actor, db, [hit]);
  if (!goal) throw notFound();
  await auditGoalRead(ctx, actor, hit);
  return goal;
}

/**
 * The client's goals the actor may read, optionally of one episode, oldest first. The list is
 * the policy as SQL, the same rule as the item check; every goal returned is an audited read.
 */
export async function listClientGoals(
  ctx: CarePlansContext,
  actor: Actor,
  clientUserId: string,
  episodeId?: string,
): Promise<{ items: Goal[] }> {
  const db = ctx.app.database.db;
  const hits = await selectGoals(
    db,
    and(
      goalPolicy.filter(actor, 'read', treatmentGoals),
      eq(treatmentGoals.clientUserId, clientUserId),
      episodeId ? eq(treatmentGoals.episodeId, episodeId) : undefined,
    ) ?? eq(treatmentGoals.id, treatmentGoals.id),
  );
  const items = await buildGoals(ctx, actor, db, hits);
  await Promise.all(hits.map((hit) => auditGoalRead(ctx, actor, hit)));
  return { items };
}
