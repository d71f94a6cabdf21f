import type { ErasureCertificate } from '@anxin/common';
import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../../platform/auth/actor.ts';
import { privacyRequests } from '../../../platform/db/schema/index.ts';
import { AppError, notFound } from '../../../platform/http/app-error.ts';
import { requirePermission } from '../../counselors/vocabulary.service.ts';
import { audit } from '../../identity/audit-helpers.ts';
import { auditKeyOf, type IdentityContext } from '../../identity/identity-context.ts';
import { erasePerson } from './erasure.service.ts';

const ERASING_KINDS = new Set(['deletion', 'withdrawal']);

/** What the person is told (sealed with the request's other words). No content, no names. */
const ANSWER =
  'Your personal information was deleted. Records the law requires us to keep are sealed until ' +
  'their retention period ends and then destroyed; the certificate lists them.';

/**
 * Carries out a deletion (or withdrawal) request: erases the subject in one transaction, marks
 * the request completed with its certificate, then erases the external shares of destroyed keys.
 */
export async function eraseForRequest(
  ctx: IdentityContext,
  actor: Actor,
  requestId: string,
): Promise<ErasureCertificate> {
  // Hidden from anyone without the permission, like a missing request.
  try {
    requirePermission(ctx.app, actor, 'privacy.erase');
  } catch {
    throw notFound();
  }
  const { db } = ctx.app.database;
  const now = new Date();
  const certificate = await db.transaction(async (tx) => {
    const [request] = await tx
      .select()
      .from(privacyRequests)
      .where(
        and(
          eq(privacyRequests.organizationId, actor.organizationId),
          eq(privacyRequests.id, requestId),
        ),
      )
      .for('update');
    if (!request) throw notFound();
    if (!ERASING_KINDS.has(request.kind)) {
      throw new AppError('invalid_transition', 'Only a deletion or withdrawal request erases.');
    }
    if (request.status === 'completed' || request.status === 'rejected') {
      throw new AppError('invalid_transition', 'This request is already closed.');
    }
    const scope = ctx.app.vault.scope(tx, actor.organizationId);
    // Written under the person's key now, so it is sealed with the request's detail below.
    const answerEnc = await scope.encrypt(
      { type: 'person', id: request.subjectUserId },
      { table: 'privacy_requests', field: 'answer', recordId: request.id },
      ANSWER,
    );
    await tx
      .update(privacyRequests)
      .set({ answerEnc, updatedAt: now })
      .where(eq(privacyRequests.id, request.id));
    const result = await erasePerson(
      tx,
      ctx.app.vault,
      (fields) => audit(tx, auditKeyOf(ctx), ctx.meta, fields),
      {
        organizationId: actor.organizationId,
        subjectUserId: request.subjectUserId,
        requestId: request.id,
        now,
      },
    );
    await tx
      .update(privacyRequests)
      .set({
        status: 'completed',
        completedAt: now,
        certificate: result,
        handlerUserId: request.handlerUserId ?? actor.userId,
        updatedAt: now,
      })
      .where(eq(privacyRequests.id, request.id));
    await audit(tx, auditKeyOf(ctx), ctx.meta, {
      organizationId: actor.organizationId,
      action: 'privacy_request.complete',
      entityType: 'privacy_request',
      entityId: request.id,
      subjectId: request.subjectUserId,
      changes: { status: { old: request.status, new: 'completed' } },
    });
    return result;
  });
  // After the commit: a failure here leaves the shares to the periodic sweep, never the data.
  await ctx.app.vault.finishShredding(db);
  return certificate;
}
