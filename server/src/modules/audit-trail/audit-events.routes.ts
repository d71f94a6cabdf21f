import { auditListSchema, auditQuerySchema, outboxListSchema } from '@anxin/common';
import { and, desc, eq, inArray, lt, type SQL } from 'drizzle-orm';
import { problemResponses } from '../../platform/http/problem.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.ts';
import { appendAudit } from '../../platform/audit/audit.ts';
import { requestMeta } from '../../platform/audit/request-audit.ts';
import { auditEvents, users } from '../../platform/db/schema/index.ts';
import { AppError, notFound } from '../../platform/http/app-error.ts';
import { listOutboxForDevelopment } from '../notifications/notification.service.ts';
import { actorOf } from '../identity/route-helpers.ts';

const errors = problemResponses(400, 401, 403, 404);

/**
 * The audit viewer ("who read this client's records?") for administrators, and the development
 * outbox. Reading the audit trail is itself audited.
 */
export const auditTrailRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (
  app,
  { ctx },
) => {
  app.get(
    '/audit-events',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['audit'],
        querystring: auditQuerySchema,
        response: { 200: auditListSchema, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      if (!actor.roles.includes('administrator')) throw new AppError('forbidden');
      const q = request.query;
      const where: SQL[] = [eq(auditEvents.organizationId, actor.organizationId)];
      if (q.subjectId) where.push(eq(auditEvents.subjectId, q.subjectId));
      if (q.actorId) where.push(eq(auditEvents.actorId, q.actorId));
      if (q.entityType) where.push(eq(auditEvents.entityType, q.entityType));
      if (q.entityId) where.push(eq(auditEvents.entityId, q.entityId));
      if (q.action) where.push(eq(auditEvents.action, q.action));
      if (q.beforeSeq) where.push(lt(auditEvents.seq, q.beforeSeq));
      return ctx.database.db.transaction(async (tx) => {
        const rows = await tx
          .select()
          .from(auditEvents)
          .where(and(...where))
          .orderBy(desc(auditEvents.seq))
          .limit(q.limit + 1);
        const page = rows.slice(0, q.limit);
        const actorIds = [
          ...new Set(page.map((r) => r.actorId).filter((x): x is string => x !== null)),
        ];
        const names = new Map(
          actorIds.length
            ? (
                await tx
                  .select({ id: users.id, name: users.displayName })
                  .from(users)
                  .where(inArray(users.id, actorIds))
              ).map((u) => [u.id, u.name])
            : [],
        );
        const meta = requestMeta(request);
        await appendAudit(tx, ctx.vault.keyring.auditKey, {
          ...meta,
          organizationId: actor.organizationId,
          action: 'audit.read',
          entityType: 'audit_event',
          subjectId: q.subjectId ?? null,
        });
        return {
          items: page.map((r) => ({
            id: r.id,
            seq: r.seq,
            createdAt: r.createdAt.toISOString(),
            actorId: r.actorId,
            actorName: r.actorId ? (names.get(r.actorId) ?? null) : null,
            actorRole: r.actorRole,
            action: r.action,
            entityType: r.entityType,
            entityId: r.entityId,
            subjectId: r.subjectId,
            requestId: r.requestId,
            ip: r.ip,
            reason: r.reason,
            changes: (r.changes ?? null) as Record<string, { old: unknown; new: unknown }> | null,
          })),
          nextBeforeSeq: rows.length > q.limit ? (page.at(-1)?.seq ?? null) : null,
        };
      });
    },
  );

  app.get(
    '/dev/outbox',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['development'],
        summary: 'Messages as they would have been sent (development mode only)',
        response: { 200: outboxListSchema, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      if (ctx.config.env !== 'development' || !actor.roles.includes('administrator'))
        throw notFound();
      const { db } = ctx.database;
      const rows = await listOutboxForDevelopment(
        db,
        ctx.vault.scope(db, actor.organizationId),
        actor.organizationId,
        { limit: 100, env: ctx.config.env },
      );
      return {
        items: rows.map((r) => ({
          id: r.id,
          channel: r.channel,
          to: r.to,
          template: r.template,
          subject: r.subject ?? '',
          text: r.text ?? '',
          status: r.status,
          createdAt: r.createdAt.toISOString(),
        })),
      };
    },
  );
};
