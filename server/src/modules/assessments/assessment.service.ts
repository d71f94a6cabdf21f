import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import {
  ASSESSMENTS,
  checkAnswers,
  scoreAssessment,
  type AssessmentCode,
  type AssessmentResult,
  type AssessmentScore,
  type AssessmentTask,
} from '@anxin/common';
import type { AppContext } from '../../app-context.ts';
import { audit, auditRead, type RequestMeta } from '../../platform/audit/request-audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { VaultScope } from '../../platform/crypto/vault.ts';
import type { Db } from '../../platform/db/database.ts';
import { assessmentResponses, counselorProfiles } from '../../platform/db/schema/index.ts';
import { AppError, notFound } from '../../platform/http/app-error.ts';
import { defineOrganizationSettings } from '../../platform/settings/organization-settings.ts';
import { findCurrentEpisode } from '../scheduling/episode.repo.ts';
import { raiseRiskSignals } from '../sessions/risk-signal.ts';
import { assessmentPolicy } from './assessment.policy.ts';
import { selectResponses, type ResponseRow } from './assessment.repo.ts';

export interface AssessmentsContext {
  app: AppContext;
  meta: RequestMeta;
}

const owner = (clientUserId: string) => ({ type: 'person' as const, id: clientUserId });
const ref = (field: 'answers' | 'score', id: string) => ({
  table: 'assessment_responses',
  field,
  recordId: id,
});

/** Which questionnaires an intake assigns (C4: "assigned by the counselor or at intake"). */
const intakeSettings = defineOrganizationSettings<{ intake: AssessmentCode[] }>(
  'assessments',
  z.object({ intake: z.array(z.enum(['phq9', 'gad7', 'cssrs_screener'])) }),
  { intake: ['phq9', 'gad7'] },
);
export const putAssessmentSettings = intakeSettings.put;

function presentTask(r: ResponseRow): AssessmentTask {
  return {
    id: r.id,
    assessmentCode: r.assessmentCode as AssessmentCode,
    definitionVersion: r.definitionVersion,
    status: r.status,
    assignedAt: r.createdAt.toISOString(),
    completedAt: r.completedAt?.toISOString() ?? null,
  };
}

async function insertAssignment(
  tx: Db,
  o: {
    organizationId: string;
    clientUserId: string;
    episodeId: string;
    code: AssessmentCode;
    by: string | null;
  },
) {
  const [row] = await tx
    .insert(assessmentResponses)
    .values({
      organizationId: o.organizationId,
      clientUserId: o.clientUserId,
      episodeId: o.episodeId,
      assessmentCode: o.code,
      definitionVersion: ASSESSMENTS[o.code].version,
      assignedBy: o.by,
    })
    .returning();
  if (!row) throw new Error('assessment not assigned');
  return row;
}

/**
 * The intake's questionnaires, assigned in the booking's transaction when an intake opens an
 * episode, so the client can fill them in before the first session.
 */
export async function assignIntakeAssessments(
  tx: Db,
  o: { organizationId: string; clientUserId: string; episodeId: string },
): Promise<void> {
  const { intake } = await intakeSettings.get(tx, o.organizationId);
  for (const code of intake) await insertAssignment(tx, { ...o, code, by: null });
}

/** A counselor assigns a questionnaire to a client of their current episode. */
export async function assignAssessment(
  ctx: AssessmentsContext,
  actor: Actor,
  input: { clientUserId: string; assessmentCode: AssessmentCode },
): Promise<AssessmentTask> {
  return ctx.app.database.db.transaction(async (tx) => {
    const [profile] = await tx
      .select({ id: counselorProfiles.id })
      .from(counselorProfiles)
      .where(
        and(
          eq(counselorProfiles.organizationId, actor.organizationId),
          eq(counselorProfiles.userId, actor.userId),
        ),
      );
    if (!profile || !actor.roles.includes('counselor')) throw notFound();
    const episode = await findCurrentEpisode(tx, input.clientUserId, profile.id);
    if (!episode || episode.organizationId !== actor.organizationId) throw notFound();
    const row = await insertAssignment(tx, {
      organizationId: actor.organizationId,
      clientUserId: input.clientUserId,
      episodeId: episode.id,
      code: input.assessmentCode,
      by: actor.userId,
    });
    await audit(tx, ctx.app.vault.keyring.auditKey, ctx.meta, {
      organizationId: actor.organizationId,
      action: 'assessment.assign',
      entityType: 'assessment_response',
      entityId: row.id,
      subjectId: input.clientUserId,
      changes: { assessment: { old: null, new: input.assessmentCode } },
    });
    return presentTask(row);
  });
}

/** The client's own questionnaires, open ones first. */
export async function listMyAssessments(ctx: AssessmentsContext, actor: Actor) {
  const hits = await selectResponses(
    ctx.app.database.db,
    assessmentPolicy.filter(actor, 'fill', assessmentResponses),
  );
  const items = hits.map((h) => presentTask(h.row));
  items.sort((a, b) => Number(a.status !== 'assigned') - Number(b.status !== 'assigned'));
  return { items };
}

async function loadForFill(db: Db, actor: Actor, id: string, lock = false) {
  const [hit] = await selectResponses(
    db,
    and(
      eq(assessmentResponses.organizationId, actor.organizationId),
      eq(assessmentResponses.id, id),
    ) ?? eq(assessmentResponses.id, id),
    { lock, limit: 1 },
  );
  if (!hit || !assessmentPolicy.can(actor, 'fill', hit.resource)) throw notFound();
  return hit;
}

export async function readMyAssessment(ctx: AssessmentsContext, actor: Actor, id: string) {
  return presentTask((await loadForFill(ctx.app.database.db, actor, id)).row);
}

/**
 * The client submits the answers: checked against the definition (each problem names its
 * item), scored exactly as published, sealed under the client's key, and any risk the
 * instrument treats as risk (PHQ-9 item 9 above 0, a positive C-SSRS answer) raised as a risk
 * signal in the same transaction, so no completed questionnaire exists without its signal.
 */
export async function submitAssessment(
  ctx: AssessmentsContext,
  actor: Actor,
  id: string,
  answers: Record<string, string>,
): Promise<AssessmentTask> {
  return ctx.app.database.db.transaction(async (tx) => {
    const { row } = await loadForFill(tx, actor, id, true);
    if (row.status !== 'assigned')
      throw new AppError('invalid_transition', 'This questionnaire is already done.');
    const def = ASSESSMENTS[row.assessmentCode as AssessmentCode];
    const problems = checkAnswers(def, answers);
    if (problems.length)
      throw new AppError(
        'validation_failed',
        'Some answers are missing or not valid.',
        problems.map((p) => ({
          path: `body.answers.${p.item}`,
          message: p.problem.replace('_', ' '),
          code: p.problem,
        })),
      );
    const score = scoreAssessment(def, answers);
    const vault = ctx.app.vault.scope(tx, actor.organizationId);
    const now = new Date();
    const [done] = await tx
      .update(assessmentResponses)
      .set({
        status: 'completed',
        completedAt: now,
        answersEnc: await vault.encrypt(
          owner(row.clientUserId),
          ref('answers', id),
          JSON.stringify(answers),
        ),
        scoreEnc: await vault.encrypt(
          owner(row.clientUserId),
          ref('score', id),
          JSON.stringify(score),
        ),
        updatedAt: now,
      })
      .where(eq(assessmentResponses.id, id))
      .returning();
    if (!done) throw notFound();
    await raiseRiskSignals(
      tx,
      {
        organizationId: row.organizationId,
        subjectUserId: row.clientUserId,
        source: 'assessment',
        sourceId: row.id,
      },
      score.risks.map((r) => ({
        kind: r.kind,
        severity: r.severity,
        detector: `${def.code}:${r.item}`,
      })),
    );
    await audit(tx, ctx.app.vault.keyring.auditKey, ctx.meta, {
      organizationId: row.organizationId,
      action: 'assessment.complete',
      entityType: 'assessment_response',
      entityId: id,
      subjectId: row.clientUserId,
      changes: { status: { old: 'assigned', new: 'completed' } },
    });
    return presentTask(done);
  });
}

async function openResult(vault: VaultScope, r: ResponseRow): Promise<AssessmentResult> {
  const who = owner(r.clientUserId);
  const answers = await vault.decryptOrNull(who, ref('answers', r.id), r.answersEnc);
  const score = await vault.decryptOrNull(who, ref('score', r.id), r.scoreEnc);
  return {
    ...presentTask(r),
    clientUserId: r.clientUserId,
    episodeId: r.episodeId,
    answers: answers ? (JSON.parse(answers) as Record<string, string>) : null,
    score: score ? (JSON.parse(score) as AssessmentScore) : null,
  };
}

/**
 * A client's questionnaires with answers and scores, for those who may read them (same policy
 * as SQL and as the item check); each completed one returned is an audited read.
 */
export async function listClientAssessments(
  ctx: AssessmentsContext,
  actor: Actor,
  clientUserId: string,
): Promise<{ items: AssessmentResult[] }> {
  const db = ctx.app.database.db;
  const hits = await selectResponses(
    db,
    and(
      assessmentPolicy.filter(actor, 'read_result', assessmentResponses),
      eq(assessmentResponses.clientUserId, clientUserId),
    ) ?? eq(assessmentResponses.id, assessmentResponses.id),
  );
  const vault = ctx.app.vault.scope(db, actor.organizationId);
  await vault.preload([owner(clientUserId)]);
  const items = await Promise.all(hits.map((h) => openResult(vault, h.row)));
  await Promise.all(
    hits
      .filter((h) => h.row.status === 'completed')
      .map((h) =>
        auditRead(ctx.app, ctx.meta, {
          organizationId: actor.organizationId,
          action: 'assessment.read',
          entityType: 'assessment_response',
          entityId: h.row.id,
          subjectId: clientUserId,
        }),
      ),
  );
  return { items };
}
