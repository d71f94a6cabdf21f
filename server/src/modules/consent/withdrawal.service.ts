import { REQUIRED_CONSENT_SCOPES, type ConsentScope, type ConsentWithdrawal } from '@anxin/common';
import { and, eq, gt, inArray } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { appointments } from '../../platform/db/schema/index.ts';
import { notFound } from '../../platform/http/app-error.ts';
import { audit } from '../identity/audit-helpers.ts';
import { auditKeyOf, type IdentityContext } from '../identity/identity-context.ts';
import { openPrivacyRequest } from '../privacy/requests/privacy-request.service.ts';
import type { SchedulingWork } from '../scheduling/appointment-context.ts';
import { readSchedulingSettings } from '../scheduling/appointment-settings.ts';
import { findAppointmentView } from '../scheduling/appointment.repo.ts';
import { cancelInTransaction } from '../scheduling/cancellation.service.ts';
import { presentConsent } from './consent.presenter.ts';
import { findActiveConsents, updateConsent } from './consent.repo.ts';
import { consentSubjectFor } from './consent-subject.ts';

const REQUIRED: readonly ConsentScope[] = REQUIRED_CONSENT_SCOPES;

/**
 * Withdrawal (B3), all in one transaction: the consent stops counting at once (the gate reads the
 * same rows), and for the service or sensitive processing the person's future appointments are
 * cancelled by the system — never a no-show, refunded in full — and a deletion request is opened
 * for the privacy officer's queue.
 */
export async function withdrawConsent(
  ctx: IdentityContext,
  actor: Actor,
  scope: ConsentScope,
  subject?: string,
): Promise<ConsentWithdrawal> {
  const db = ctx.app.database.db;
  const result = await db.transaction(async (tx) => {
    const { subjectUserId } = await consentSubjectFor(tx, actor, subject);
    const [active] = await findActiveConsents(tx, 'user', subjectUserId, [scope], { lock: true });
    if (!active) throw notFound('There is no active consent in this scope.');
    const now = new Date();
    const row = await updateConsent(tx, active.id, { status: 'inactive', withdrawnAt: now });
    const key = auditKeyOf(ctx);
    await audit(tx, key, ctx.meta, {
      organizationId: actor.organizationId,
      action: 'consent.withdraw',
      entityType: 'consent',
      entityId: active.id,
      subjectId: subjectUserId,
      changes: { status: { old: 'active', new: 'inactive' }, scope: { old: scope, new: scope } },
    });
    if (!REQUIRED.includes(scope)) return { row, cancelledAppointments: 0, privacyRequestId: null };
    const vault = ctx.app.vault.scope(tx, actor.organizationId);
    const w: SchedulingWork = {
      tx,
      vault,
      audit: (fields) => audit(tx, key, ctx.meta, fields),
      actorId: actor.userId,
      now,
      settings: await readSchedulingSettings(tx, actor.organizationId),
    };
    const cancelled = await cancelFutureAppointments(w, actor, subjectUserId);
    const request = await openPrivacyRequest(tx, vault, {
      organizationId: actor.organizationId,
      subjectUserId,
      kind: 'deletion',
      scope,
      now,
    });
    await audit(tx, key, ctx.meta, {
      organizationId: actor.organizationId,
      action: 'privacy_request.open',
      entityType: 'privacy_request',
      entityId: request.id,
      subjectId: subjectUserId,
      changes: {
        kind: { old: null, new: 'deletion' },
        scope: { old: null, new: scope },
        dueAt: { old: null, new: request.dueAt.toISOString() },
      },
    });
    return { row, cancelledAppointments: cancelled, privacyRequestId: request.id };
  });
  await ctx.app.jobs?.send('notifications.deliver').catch(() => undefined);
  return {
    consent: presentConsent({ ...result.row, documentKind: null }),
    cancelledAppointments: result.cancelledAppointments,
    privacyRequestId: result.privacyRequestId,
  };
}

/** Every pending or booked appointment still to come, cancelled as the system (no penalty). */
async function cancelFutureAppointments(
  w: SchedulingWork,
  actor: Actor,
  clientUserId: string,
): Promise<number> {
  const ids = await futureAppointmentIds(w.tx, actor.organizationId, clientUserId, w.now);
  for (const id of ids) {
    const view = await findAppointmentView(w.tx, actor.organizationId, id, { lock: true });
    if (!view) continue;
    await cancelInTransaction(
      w,
      actor,
      view,
      { reason: undefined },
      'appointment.cancel_on_withdrawal',
      'system',
    );
  }
  return ids.length;
}

async function futureAppointmentIds(db: Db, org: string, clientUserId: string, now: Date) {
  const rows = await db
    .select({ id: appointments.id })
    .from(appointments)
    .where(
      and(
        eq(appointments.organizationId, org),
        eq(appointments.clientUserId, clientUserId),
        inArray(appointments.status, ['pending', 'booked']),
        gt(appointments.startsAt, now),
      ),
    );
  return rows.map((r) => r.id);
}
