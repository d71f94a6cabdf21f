import { randomUUID } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { conductReportInputSchema } from '@anxin/common';
import { audit, auditRead } from '../../platform/audit/request-audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { chatMessages, conductReports, sessionRooms } from '../../platform/db/schema/index.ts';
import { AppError, notFound } from '../../platform/http/app-error.ts';
import { requirePermission } from '../counselors/vocabulary.service.ts';
import { notifyAdministrators } from '../counselors/counselor-notify.ts';
import { kickDelivery } from '../identity/identity-context.ts';
import {
  presentConductSummary,
  type ConductReportSummary,
  type conductReportSchema,
} from './conduct.presenter.ts';
import { roleInRoom } from './room-access.ts';
import { findRoom } from './room.repo.ts';
import type { RoomContext } from './room.service.ts';
import { getSessionsSettings } from './sessions-settings.ts';

type ConductInput = z.infer<typeof conductReportInputSchema>;
type ConductReport = z.infer<typeof conductReportSchema>;

/** Everything in a report is about the client's session: sealed under the client's key. */
const ref = (field: 'excerpt' | 'reason', id: string) => ({
  table: 'conduct_reports',
  field,
  recordId: id,
});

/**
 * Either party reports a message or behaviour to administrators (A6). The reported message is
 * copied (sealed) into the report, so it stays as it was said. Audited in the same transaction;
 * administrators are told in-app, without content.
 */
export async function reportConduct(
  ctx: RoomContext,
  actor: Actor,
  roomId: string,
  input: ConductInput,
): Promise<ConductReportSummary> {
  const summary = await ctx.app.database.db.transaction(async (tx) => {
    const room = await findRoom(tx, actor.organizationId, roomId);
    if (!room) throw notFound();
    const vault = ctx.app.vault.scope(tx, actor.organizationId);
    const role = await roleInRoom(
      tx,
      vault,
      actor,
      room,
      await getSessionsSettings(tx, actor.organizationId),
    );
    if (!role) throw notFound();
    if (role === 'observer') throw new AppError('forbidden', 'Observers do not report.');
    const owner = { type: 'person' as const, id: room.clientUserId };
    const id = randomUUID();
    let excerpt: string | null = null;
    if (input.messageSeq !== undefined) {
      const [message] = await tx
        .select({ id: chatMessages.id, bodyEnc: chatMessages.bodyEnc })
        .from(chatMessages)
        .where(and(eq(chatMessages.roomId, room.id), eq(chatMessages.seq, input.messageSeq)));
      if (!message) {
        throw new AppError('validation_failed', 'No message of this room has this number.', [
          { path: 'body.messageSeq', message: 'No such message in this room', code: 'not_found' },
        ]);
      }
      excerpt = await vault.decrypt(
        owner,
        { table: 'chat_messages', field: 'body', recordId: message.id },
        message.bodyEnc,
      );
    }
    const [row] = await tx
      .insert(conductReports)
      .values({
        id,
        organizationId: room.organizationId,
        roomId: room.id,
        reporterUserId: actor.userId,
        messageSeq: input.messageSeq ?? null,
        excerptEnc:
          excerpt === null ? null : await vault.encrypt(owner, ref('excerpt', id), excerpt),
        reasonEnc: await vault.encrypt(owner, ref('reason', id), input.reason),
      })
      .returning();
    if (!row) throw new Error('conduct report not stored');
    await audit(tx, ctx.app.vault.keyring.auditKey, ctx.meta, {
      organizationId: room.organizationId,
      action: 'conduct_report.create',
      entityType: 'conduct_report',
      entityId: id,
      subjectId: room.clientUserId,
      changes: {
        room: { old: null, new: room.id },
        messageSeq: { old: null, new: row.messageSeq },
      },
    });
    await notifyAdministrators(tx, vault, 'conduct_reported', {
      reporterRole: role === 'client' ? 'client' : 'counselor',
    });
    return presentConductSummary(row, room.clientUserId);
  });
  await kickDelivery(ctx);
  return summary;
}

async function loadReport(db: Db, actor: Actor, id: string) {
  const [hit] = await db
    .select({ report: conductReports, clientUserId: sessionRooms.clientUserId })
    .from(conductReports)
    .innerJoin(sessionRooms, eq(sessionRooms.id, conductReports.roomId))
    .where(and(eq(conductReports.organizationId, actor.organizationId), eq(conductReports.id, id)));
  if (!hit) throw notFound();
  return hit;
}

/** Reports of the organisation, newest first, open ones by default; no content. */
export async function listConductReports(
  ctx: RoomContext,
  actor: Actor,
  status: 'open' | 'reviewing' | 'closed',
): Promise<{ items: ConductReportSummary[] }> {
  requirePermission(ctx.app, actor, 'conduct_report.read');
  const rows = await ctx.app.database.db
    .select({ report: conductReports, clientUserId: sessionRooms.clientUserId })
    .from(conductReports)
    .innerJoin(sessionRooms, eq(sessionRooms.id, conductReports.roomId))
    .where(
      and(
        eq(conductReports.organizationId, actor.organizationId),
        eq(conductReports.status, status),
      ),
    )
    .orderBy(desc(conductReports.createdAt))
    .limit(200);
  return { items: rows.map((r) => presentConductSummary(r.report, r.clientUserId)) };
}

/** One report with its excerpt and reason: an audited read of the client's session. */
export async function readConductReport(
  ctx: RoomContext,
  actor: Actor,
  id: string,
): Promise<ConductReport> {
  requirePermission(ctx.app, actor, 'conduct_report.read');
  const { report, clientUserId } = await loadReport(ctx.app.database.db, actor, id);
  const owner = { type: 'person' as const, id: clientUserId };
  const vault = ctx.app.vault.scope(ctx.app.database.db, actor.organizationId);
  const out: ConductReport = {
    ...presentConductSummary(report, clientUserId),
    excerpt: await vault.decryptOrNull(owner, ref('excerpt', id), report.excerptEnc),
    reason: await vault.decrypt(owner, ref('reason', id), report.reasonEnc),
  };
  await auditRead(ctx.app, ctx.meta, {
    organizationId: actor.organizationId,
    action: 'conduct_report.read',
    entityType: 'conduct_report',
    entityId: id,
    subjectId: clientUserId,
  });
  return out;
}

/** An administrator closes a report once handled; audited. */
export async function closeConductReport(
  ctx: RoomContext,
  actor: Actor,
  id: string,
): Promise<ConductReportSummary> {
  requirePermission(ctx.app, actor, 'conduct_report.read');
  return ctx.app.database.db.transaction(async (tx) => {
    const { report, clientUserId } = await loadReport(tx, actor, id);
    if (report.status === 'closed') throw new AppError('invalid_transition', 'Already closed.');
    const now = new Date();
    const [row] = await tx
      .update(conductReports)
      .set({ status: 'closed', handledBy: actor.userId, handledAt: now, updatedAt: now })
      .where(eq(conductReports.id, id))
      .returning();
    if (!row) throw notFound();
    await audit(tx, ctx.app.vault.keyring.auditKey, ctx.meta, {
      organizationId: actor.organizationId,
      action: 'conduct_report.close',
      entityType: 'conduct_report',
      entityId: id,
      subjectId: clientUserId,
      changes: { status: { old: report.status, new: 'closed' } },
    });
    return presentConductSummary(row, clientUserId);
  });
}
