import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.ts';
import { breakGlassGrants, userRoles } from '../../platform/db/schema/index.ts';
import { AppError, notFound } from '../../platform/http/app-error.ts';
import { enqueueNotification } from '../notifications/notification.service.ts';
import { audit } from './audit-helpers.ts';
import { auditKeyOf, kickDelivery, type IdentityContext } from './identity-context.ts';
import { userPolicy } from './user.policy.ts';
import { findUserById } from './user.repo.ts';

/**
 * Break-glass: a supervisor or administrator opens one person's record outside their scope, with
 * a written reason, for at most 60 minutes. The start is audited (the reason itself is stored
 * encrypted under the person's key, in the grant the event points at) and every administrator gets an in-app notice; each read under the grant is
 * audited by the read itself.
 */
export async function startBreakGlass(
  ctx: IdentityContext,
  actor: Actor,
  input: { resourceType: 'user'; resourceId: string; reason: string; minutes: number },
) {
  const grant = await ctx.app.database.db.transaction(async (tx) => {
    const target = await findUserById(tx, actor.organizationId, input.resourceId);
    // Only existence within the organisation is revealed here, and only to staff allowed to ask.
    if (
      !userPolicy.can(actor, 'break_glass.start', {
        id: input.resourceId,
        organizationId: actor.organizationId,
      })
    ) {
      throw new AppError('forbidden');
    }
    if (!target) throw notFound();
    const id = randomUUID();
    const expiresAt = new Date(Date.now() + input.minutes * 60_000);
    const vault = ctx.app.vault.scope(tx, actor.organizationId);
    const reasonEnc = await vault.encrypt(
      { type: 'person', id: target.id },
      { table: 'break_glass_grants', field: 'reason', recordId: id },
      input.reason,
    );
    await tx.insert(breakGlassGrants).values({
      id,
      organizationId: actor.organizationId,
      actorId: actor.userId,
      resourceType: input.resourceType,
      resourceId: target.id,
      reasonEnc,
      expiresAt,
    });
    await audit(tx, auditKeyOf(ctx), ctx.meta, {
      organizationId: actor.organizationId,
      action: 'break_glass.start',
      entityType: input.resourceType,
      entityId: target.id,
      subjectId: target.id,
      // The written reason may describe the person: it stays encrypted in the grant, and the
      // event points at the grant.
      reason: `break_glass:${id}`,
      changes: { expiresAt: { old: null, new: expiresAt.toISOString() } },
    });
    const admins = await tx
      .select({ userId: userRoles.userId })
      .from(userRoles)
      .where(eq(userRoles.role, 'administrator'));
    for (const admin of admins) {
      await enqueueNotification(tx, vault, {
        organizationId: actor.organizationId,
        userId: admin.userId,
        keyOwner: { type: 'person', id: admin.userId },
        channel: 'in_app',
        template: 'break_glass_opened',
        params: {
          actorName: actor.displayName,
          resourceType: input.resourceType,
          minutes: input.minutes,
        },
        locale: 'zh-CN',
      });
    }
    return {
      id,
      resourceType: input.resourceType,
      resourceId: target.id,
      expiresAt: expiresAt.toISOString(),
    };
  });
  await kickDelivery(ctx);
  return grant;
}
