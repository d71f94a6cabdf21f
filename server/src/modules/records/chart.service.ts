import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Chart } from '@anxin/common';
import { auditRead } from '../../platform/audit/request-audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import {
  appointments,
  careEpisodes,
  counselorProfiles,
  users,
} from '../../platform/db/schema/index.ts';
import { notFound } from '../../platform/http/app-error.ts';
import { listClientAssessments } from '../assessments/assessment.service.ts';
import { listClientGoals } from '../care-plans/goal-read.service.ts';
import { listClientRecords } from './record-read.service.ts';
import type { RecordsContext } from './record.service.ts';

/**
 * Which of the client's episodes the actor sees on the chart: their own as its counselor, those
 * of counselors they supervise, or all of them under break-glass. None means no chart (404).
 */
export function episodeScope(actor: Actor, clientUserId: string) {
  const mine = sql`${careEpisodes.counselorId} IN (SELECT id FROM counselor_profiles
      WHERE user_id = ${actor.userId})`;
  const supervised = sql`${careEpisodes.counselorId} IN (SELECT counselor_id
      FROM counselor_supervisors WHERE supervisor_user_id = ${actor.userId} AND ended_at IS NULL)`;
  const glass = actor.breakGlass.some(
    (g) => g.resourceType === 'user' && g.resourceId === clientUserId,
  );
  const has = (role: Actor['roles'][number]) => actor.roles.includes(role);
  const clauses = [
    ...(has('counselor') ? [mine] : []),
    ...(has('supervisor') ? [supervised] : []),
    ...((has('supervisor') || has('administrator')) && glass ? [sql`true`] : []),
  ];
  return clauses.length ? or(...clauses) : undefined;
}

/**
 * The chart of a client (issue 8.8): episodes with their appointments, the records,
 * questionnaires and treatment goals the actor may read (each an audited read, by their own
 * modules' policies), and a score series per instrument. One response, so the page draws at once.
 */
export async function readChart(
  ctx: RecordsContext,
  actor: Actor,
  clientUserId: string,
): Promise<Chart> {
  const db = ctx.app.database.db;
  const scope = episodeScope(actor, clientUserId);
  if (!scope) throw notFound();
  const episodes = await db
    .select({ e: careEpisodes, counselorName: users.displayName })
    .from(careEpisodes)
    .innerJoin(counselorProfiles, eq(counselorProfiles.id, careEpisodes.counselorId))
    .innerJoin(users, eq(users.id, counselorProfiles.userId))
    .where(
      and(
        eq(careEpisodes.organizationId, actor.organizationId),
        eq(careEpisodes.clientUserId, clientUserId),
        scope,
      ),
    )
    .orderBy(asc(careEpisodes.createdAt));
  if (episodes.length === 0) throw notFound();
  const [client] = await db
    .select({ id: users.id, displayName: users.displayName })
    .from(users)
    .where(and(eq(users.organizationId, actor.organizationId), eq(users.id, clientUserId)));
  if (!client) throw notFound();
  const [appts, records, assessments, goals] = await Promise.all([
    db
      .select()
      .from(appointments)
      .where(
        inArray(
          appointments.episodeId,
          episodes.map((e) => e.e.id),
        ),
      )
      .orderBy(asc(appointments.startsAt)),
    listClientRecords(ctx, actor, clientUserId),
    listClientAssessments(ctx, actor, clientUserId),
    listClientGoals(ctx, actor, clientUserId),
  ]);
  const trends = new Map<string, Chart['trends'][number]['points']>();
  const completed = assessments.items
    .filter((a) => a.completedAt && a.score?.total !== null && a.score?.total !== undefined)
    .sort((a, b) => (a.completedAt ?? '').localeCompare(b.completedAt ?? ''));
  for (const a of completed) {
    const points = trends.get(a.assessmentCode) ?? [];
    points.push({
      at: a.completedAt ?? '',
      total: a.score?.total ?? 0,
      band: a.score?.band ?? null,
    });
    trends.set(a.assessmentCode, points);
  }
  await auditRead(ctx.app, ctx.meta, {
    organizationId: actor.organizationId,
    action: 'client_chart.read',
    entityType: 'user',
    entityId: clientUserId,
    subjectId: clientUserId,
  });
  return {
    client,
    episodes: episodes.map(({ e, counselorName }) => ({
      id: e.id,
      status: e.status,
      counselorName,
      createdAt: e.createdAt.toISOString(),
      closedAt: e.closedAt?.toISOString() ?? null,
      closeReason: e.closeReason,
    })),
    appointments: appts.map((a) => ({
      id: a.id,
      episodeId: a.episodeId,
      startsAt: a.startsAt.toISOString(),
      endsAt: a.endsAt.toISOString(),
      status: a.status,
      sessionTypeCode: a.sessionTypeCode,
    })),
    records: records.items,
    assessments: assessments.items,
    trends: [...trends].map(([assessmentCode, points]) => ({ assessmentCode, points })),
    goals: goals.items,
  };
}
