import { eq } from 'drizzle-orm';
import type { Actor } from '../../../platform/auth/actor.ts';
import type { VaultScope } from '../../../platform/crypto/vault.ts';
import type { Db } from '../../../platform/db/database.ts';
import { organizations } from '../../../platform/db/schema/index.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import { findUser } from '../../counselors/counselor.repo.ts';
import { audit } from '../../identity/audit-helpers.ts';
import { auditKeyOf, kickDelivery, type IdentityContext } from '../../identity/identity-context.ts';
import { decryptUser } from '../../identity/user-fields.ts';
import { enqueueNotification } from '../../notifications/notification.service.ts';
import type { BreachNoticeMessage } from '../../notifications/notification.templates.ts';
import { loadIncident } from './breach-access.ts';
import { getBreachSettings } from './breach-settings.ts';
import { canNotify, canTransition } from './breach-status.ts';
import {
  affectedCounts,
  lockUnnotified,
  markNotified,
  updateIncident,
  type IncidentRow,
} from './breach.repo.ts';

const ENTITY = 'breach_incident';

export async function organizationTimeZone(db: Db, organizationId: string): Promise<string> {
  const [org] = await db
    .select({ timeZone: organizations.timeZone })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  return org?.timeZone ?? 'Asia/Shanghai';
}

/** Tells one person, in their language: in the app, and by e-mail when they have an address. */
async function tellPerson(
  tx: Db,
  vault: VaultScope,
  userId: string,
  params: BreachNoticeMessage,
): Promise<boolean> {
  const user = await findUser(tx, vault.organizationId, userId);
  if (!user || user.status === 'erased') return false;
  const base = {
    organizationId: vault.organizationId,
    keyOwner: { type: 'person', id: user.id } as const,
    template: 'breach_notice' as const,
    params,
    locale: user.locale,
  };
  await enqueueNotification(tx, vault, { ...base, channel: 'in_app', userId: user.id });
  const { email } = await decryptUser(vault, user);
  if (email)
    await enqueueNotification(tx, vault, { ...base, channel: 'email', to: email, userId: user.id });
  return true;
}

/**
 * Sends the breach notice to every affected person not told yet (B12). Idempotent: a person is
 * told once (notified_at), and the rows are locked, so a second run or a concurrent one tells
 * nobody twice. An assessed incident moves to `notifying` with its first notices.
 */
export async function notifyAffected(
  ctx: IdentityContext,
  actor: Actor,
  id: string,
): Promise<{ notified: number; alreadyNotified: number; unreachable: number }> {
  const result = await ctx.app.database.db.transaction(async (tx) => {
    const incident = await loadIncident(ctx.app, tx, actor, id, { lock: true });
    if (!canNotify(incident.status)) {
      throw new AppError('invalid_transition', 'Assess the incident before notifying anyone.');
    }
    if (!incident.remediation) {
      throw new AppError('validation_failed', 'A notice says what the organisation did.', [
        { path: 'body.remediation', message: 'Describe the measures taken', code: 'required' },
      ]);
    }
    const vault = ctx.app.vault.scope(tx, incident.organizationId);
    const params = await noticeParams(tx, incident);
    const pending = await lockUnnotified(tx, incident.id);
    const now = new Date();
    let notified = 0;
    let unreachable = 0;
    for (const person of pending) {
      if (!(await tellPerson(tx, vault, person.subjectUserId, params))) {
        unreachable++;
        continue;
      }
      await markNotified(tx, person.id, now);
      await audit(tx, auditKeyOf(ctx), ctx.meta, {
        organizationId: incident.organizationId,
        action: 'breach.notify',
        entityType: ENTITY,
        entityId: incident.id,
        subjectId: person.subjectUserId,
      });
      notified++;
    }
    if (notified > 0 && incident.status === 'assessed' && canTransition('assessed', 'notifying')) {
      await updateIncident(tx, incident.id, { status: 'notifying' });
      await audit(tx, auditKeyOf(ctx), ctx.meta, {
        organizationId: incident.organizationId,
        action: 'breach.transition',
        entityType: ENTITY,
        entityId: incident.id,
        changes: { status: { old: 'assessed', new: 'notifying' } },
      });
    }
    return { notified, alreadyNotified: 0, unreachable };
  });
  if (result.notified > 0) await kickDelivery(ctx);
  const counts = (await affectedCounts(ctx.app.database.db, [id])).get(id);
  return { ...result, alreadyNotified: (counts?.notified ?? 0) - result.notified };
}

async function noticeParams(tx: Db, incident: IncidentRow): Promise<BreachNoticeMessage> {
  const settings = await getBreachSettings(tx, incident.organizationId);
  return {
    nature: incident.nature,
    categories: incident.dataCategories,
    remediation: incident.remediation ?? '',
    contact: settings.contact,
    discoveredAt: incident.discoveredAt.toISOString(),
    timeZone: await organizationTimeZone(tx, incident.organizationId),
  };
}
