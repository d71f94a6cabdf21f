import { and, desc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { auditRead } from '../../platform/audit/request-audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { riskSignals } from '../../platform/db/schema/index.ts';
import { requirePermission } from '../counselors/vocabulary.service.ts';
import type { RoomContext } from './room.service.ts';

export const riskSignalSchema = z.object({
  id: z.uuid(),
  subjectUserId: z.uuid(),
  source: z.enum(['chat', 'assessment', 'hotline']),
  sourceId: z.uuid(),
  sourceSeq: z.number().int().nullable(),
  kind: z.string(),
  severity: z.enum(['low', 'moderate', 'high', 'imminent']),
  detector: z.string(),
  createdAt: z.iso.datetime(),
});
export const riskSignalListSchema = z.object({ items: z.array(riskSignalSchema) });

/**
 * Open (unacknowledged) risk signals of the organisation, newest first, for supervisors and
 * administrators. Who is at risk is itself sensitive: the listing is an audited read. The crisis
 * module will add acknowledging and acting on them.
 */
export async function listOpenRiskSignals(
  ctx: RoomContext,
  actor: Actor,
): Promise<z.infer<typeof riskSignalListSchema>> {
  requirePermission(ctx.app, actor, 'risk_signal.read');
  const rows = await ctx.app.database.db
    .select()
    .from(riskSignals)
    .where(
      and(eq(riskSignals.organizationId, actor.organizationId), isNull(riskSignals.acknowledgedAt)),
    )
    .orderBy(desc(riskSignals.createdAt))
    .limit(200);
  await auditRead(ctx.app, ctx.meta, {
    organizationId: actor.organizationId,
    action: 'risk_signal.list',
    entityType: 'risk_signal',
    changes: { count: { old: null, new: rows.length } },
  });
  return {
    items: rows.map((r) => ({
      id: r.id,
      subjectUserId: r.subjectUserId,
      source: r.source,
      sourceId: r.sourceId,
      sourceSeq: r.sourceSeq,
      kind: r.kind,
      severity: r.severity,
      detector: r.detector,
      createdAt: r.createdAt.toISOString(),
    })),
  };
}
