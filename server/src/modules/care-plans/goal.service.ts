import { randomUUID } from 'node:crypto';
import type {
  Goal,
  GoalInput,
  GoalRevisionInput,
  GoalStatusInput,
  ProgressReviewInput,
} from '@anxin/common';
import { audit } from '../../platform/audit/request-audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { VaultScope } from '../../platform/crypto/vault.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError, notFound } from '../../platform/http/app-error.ts';
import { SENSITIVE_CHANGE } from '../identity/audit-helpers.ts';
import { clientKey, type CarePlansContext } from './care-access.ts';
import { requireCurrentEpisodeOf } from './care-episode.ts';
import { goalPolicy } from './care-plan.policy.ts';
import { checkGoalInput, refuseInvalid, tomorrow, yesterday } from './goal-input.ts';
import { buildGoals, loadVisibleGoal } from './goal-read.service.ts';
import { newestResponseFor } from './goal-scores.ts';
import { checkGoalTransition, STATUS_EVENT, type GoalEvent } from './goal-status.ts';
import { goalRef, reviewRef } from './goal.presenter.ts';
import { findGoal, insertGoal, insertReview, setGoalStatus, type GoalRow } from './goal.repo.ts';

const ENTITY = 'treatment_goal';

function transition(row: GoalRow, event: GoalEvent) {
  const check = checkGoalTransition(row.status, event);
  if (!check.ok) throw new AppError('invalid_transition', `A ${row.status} goal cannot ${event}.`);
  return check.to;
}

/** Loads a goal for a change: locked, visible (else 404), and the actor's to write (else 403). */
async function loadForChange(tx: Db, actor: Actor, id: string) {
  const hit = await loadVisibleGoal(tx, actor, id, true);
  if (!goalPolicy.can(actor, 'write', hit.resource)) throw new AppError('forbidden');
  return hit;
}

/** Answers with a goal once its transaction committed (see `buildGoals` for why after). */
async function present(ctx: CarePlansContext, actor: Actor, id: string): Promise<Goal> {
  const db = ctx.app.database.db;
  const hit = await findGoal(db, actor.organizationId, id);
  const [goal] = hit ? await buildGoals(ctx, actor, db, [hit]) : [];
  if (!goal) throw notFound();
  return goal;
}

/** Inserts a goal with its words sealed under the client's key, and its audit event. */
async function writeGoal(
  tx: Db,
  ctx: CarePlansContext,
  vault: VaultScope,
  o: {
    actor: Actor;
    episode: { id: string; clientUserId: string };
    profileId: string;
    input: Omit<GoalInput, 'episodeId'>;
    previousGoalId: string | null;
  },
) {
  const id = randomUUID();
  const who = clientKey(o.episode.clientUserId);
  const m = o.input.measure;
  const instrument = m.kind === 'instrument' ? m : null;
  await insertGoal(tx, {
    id,
    organizationId: o.actor.organizationId,
    clientUserId: o.episode.clientUserId,
    episodeId: o.episode.id,
    authorUserId: o.actor.userId,
    authorCounselorId: o.profileId,
    descriptionEnc: await vault.encrypt(who, goalRef('description', id), o.input.description),
    measureKind: m.kind,
    instrumentCode: instrument?.instrument ?? null,
    comparator: instrument?.comparator ?? null,
    targetScore: instrument?.target ?? null,
    measureEnc:
      m.kind === 'custom'
        ? await vault.encrypt(
            who,
            goalRef('measure', id),
            JSON.stringify({ measure: m.measure, target: m.target }),
          )
        : null,
    targetDate: o.input.targetDate,
    previousGoalId: o.previousGoalId,
  });
  await audit(tx, ctx.app.vault.keyring.auditKey, ctx.meta, {
    organizationId: o.actor.organizationId,
    action: 'treatment_goal.create',
    entityType: ENTITY,
    entityId: id,
    subjectId: o.episode.clientUserId,
    changes: {
      episodeId: { old: null, new: o.episode.id },
      measureKind: { old: null, new: m.kind },
      ...(instrument
        ? {
            instrument: { old: null, new: instrument.instrument },
            target: { old: null, new: `${instrument.comparator} ${instrument.target}` },
          }
        : { measure: SENSITIVE_CHANGE }),
      targetDate: { old: null, new: o.input.targetDate },
      description: SENSITIVE_CHANGE,
      ...(o.previousGoalId ? { previousGoalId: { old: null, new: o.previousGoalId } } : {}),
    },
  });
  return id;
}

/** Sets a measurable goal for the actor's current episode with the client (C4). */
export async function createGoal(ctx: CarePlansContext, actor: Actor, input: GoalInput) {
  refuseInvalid(checkGoalInput(input), 'The goal is not measurable as given.');
  const id = await ctx.app.database.db.transaction(async (tx) => {
    const { episode, profileId } = await requireCurrentEpisodeOf(tx, actor, input.episodeId);
    const vault = ctx.app.vault.scope(tx, actor.organizationId);
    return writeGoal(tx, ctx, vault, { actor, episode, profileId, input, previousGoalId: null });
  });
  return present(ctx, actor, id);
}

/** Appends a progress review; for an instrument goal it keeps the newest score beside it. */
export async function reviewGoal(
  ctx: CarePlansContext,
  actor: Actor,
  goalId: string,
  input: ProgressReviewInput,
): Promise<Goal> {
  await ctx.app.database.db.transaction(async (tx) => {
    const hit = await loadForChange(tx, actor, goalId);
    transition(hit.row, 'review');
    const created = hit.row.createdAt.getTime();
    if (input.reviewedOn > tomorrow() || input.reviewedOn < yesterday(created))
      refuseInvalid(
        [
          {
            path: 'body.reviewedOn',
            message: 'Between the goal’s start and today',
            code: 'out_of_range',
          },
        ],
        'A review is dated when it took place.',
      );
    const id = randomUUID();
    const vault = ctx.app.vault.scope(tx, actor.organizationId);
    const responseId = await newestResponseFor(tx, hit.row);
    await insertReview(tx, {
      id,
      organizationId: actor.organizationId,
      goalId,
      clientUserId: hit.row.clientUserId,
      reviewedOn: input.reviewedOn,
      rating: input.rating,
      noteEnc: await vault.encryptOrNull(
        clientKey(hit.row.clientUserId),
        reviewRef(id),
        input.note,
      ),
      authorUserId: actor.userId,
      assessmentResponseId: responseId,
    });
    await audit(tx, ctx.app.vault.keyring.auditKey, ctx.meta, {
      organizationId: actor.organizationId,
      action: 'treatment_goal.review',
      entityType: ENTITY,
      entityId: goalId,
      subjectId: hit.row.clientUserId,
      changes: {
        reviewId: { old: null, new: id },
        rating: { old: null, new: input.rating },
        ...(input.note ? { note: SENSITIVE_CHANGE } : {}),
      },
    });
  });
  return present(ctx, actor, goalId);
}

/** Closes an active goal as achieved or discontinued, with an optional reason (sealed). */
export async function changeGoalStatus(
  ctx: CarePlansContext,
  actor: Actor,
  goalId: string,
  input: GoalStatusInput,
): Promise<Goal> {
  await ctx.app.database.db.transaction(async (tx) => {
    const hit = await loadForChange(tx, actor, goalId);
    const to = transition(hit.row, STATUS_EVENT[input.status]);
    const vault = ctx.app.vault.scope(tx, actor.organizationId);
    await setGoalStatus(tx, goalId, {
      status: to,
      statusReasonEnc: await vault.encryptOrNull(
        clientKey(hit.row.clientUserId),
        goalRef('status_reason', goalId),
        input.reason,
      ),
      statusChangedAt: new Date(),
      statusChangedBy: actor.userId,
    });
    await audit(tx, ctx.app.vault.keyring.auditKey, ctx.meta, {
      organizationId: actor.organizationId,
      action: 'treatment_goal.status',
      entityType: ENTITY,
      entityId: goalId,
      subjectId: hit.row.clientUserId,
      changes: {
        status: { old: hit.row.status, new: to },
        ...(input.reason ? { reason: SENSITIVE_CHANGE } : {}),
      },
    });
  });
  return present(ctx, actor, goalId);
}

/**
 * Revises a goal: the old one becomes `revised` (with why, sealed) and a new active goal in the
 * same episode points back at it. Only the counselor carrying the episode now may do so.
 */
export async function reviseGoal(
  ctx: CarePlansContext,
  actor: Actor,
  goalId: string,
  input: GoalRevisionInput,
): Promise<Goal> {
  refuseInvalid(checkGoalInput(input), 'The goal is not measurable as given.');
  const id = await ctx.app.database.db.transaction(async (tx) => {
    const hit = await loadForChange(tx, actor, goalId);
    const to = transition(hit.row, 'revise');
    // The author of a closed episode still reads and reviews their goal, but a new goal belongs
    // to whoever carries the episode now: visible, not theirs to revise (403, not 404).
    const { episode, profileId } = await requireCurrentEpisodeOf(
      tx,
      actor,
      hit.row.episodeId,
    ).catch((err: unknown) => {
      if (err instanceof AppError && err.code === 'not_found')
        throw new AppError('forbidden', 'Only the counselor of the current episode revises.');
      throw err;
    });
    const vault = ctx.app.vault.scope(tx, actor.organizationId);
    await setGoalStatus(tx, goalId, {
      status: to,
      statusReasonEnc: await vault.encryptOrNull(
        clientKey(hit.row.clientUserId),
        goalRef('status_reason', goalId),
        input.reason,
      ),
      statusChangedAt: new Date(),
      statusChangedBy: actor.userId,
    });
    const next = await writeGoal(tx, ctx, vault, {
      actor,
      episode,
      profileId,
      input,
      previousGoalId: goalId,
    });
    await audit(tx, ctx.app.vault.keyring.auditKey, ctx.meta, {
      organizationId: actor.organizationId,
      action: 'treatment_goal.revise',
      entityType: ENTITY,
      entityId: goalId,
      subjectId: hit.row.clientUserId,
      changes: {
        status: { old: hit.row.status, new: to },
        nextGoalId: { old: null, new: next },
        ...(input.reason ? { reason: SENSITIVE_CHANGE } : {}),
      },
    });
    return next;
  });
  return present(ctx, actor, id);
}
