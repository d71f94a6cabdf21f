import type { CounselorProfile, CounselorSettings } from '@anxin/common';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../app-context.ts';
import { audit, requestMeta, type AuditFields } from '../../platform/audit/request-audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { kickDelivery } from '../identity/identity-context.ts';
import type { CounselorProfileRow } from './counselor-access.ts';
import { todayIn } from './counselor-eligibility.ts';
import { getCounselorSettings } from './counselor-settings.service.ts';
import type { TransitionDeps } from './counselor-transition.ts';
import { presentProfile } from './counselor.presenter.ts';
import { organizationTimeZone } from './counselor.repo.ts';

/** What vetting services need from a request: the app and its audit facts. */
export interface CounselorContext {
  app: AppContext;
  meta: ReturnType<typeof requestMeta>;
}

export const counselorCtx = (app: AppContext, request: FastifyRequest): CounselorContext => ({
  app,
  meta: requestMeta(request),
});

/** One unit of work: a transaction, its vault scope, the organisation's clock and settings. */
export interface Work extends TransitionDeps {
  now: Date;
  settings: CounselorSettings;
}

/**
 * Runs `work` in one transaction whose audit events carry the request's actor, so every change
 * commits together with its event or not at all.
 */
export async function inTransaction<T>(
  ctx: CounselorContext,
  actor: Actor,
  work: (w: Work) => Promise<T>,
): Promise<T> {
  return ctx.app.database.db.transaction(async (tx) => {
    const now = new Date();
    const today = todayIn(await organizationTimeZone(tx, actor.organizationId), now);
    return work({
      tx,
      vault: ctx.app.vault.scope(tx, actor.organizationId),
      audit: (fields: AuditFields) => audit(tx, ctx.app.vault.keyring.auditKey, ctx.meta, fields),
      actorId: actor.userId,
      today,
      now,
      settings: await getCounselorSettings(tx, actor.organizationId),
    });
  });
}

/**
 * The full profile, after auditing the read on the same transaction: it carries decrypted
 * certificate numbers and standing reasons, so no audit event, no data.
 */
export async function presentAudited(
  w: Work,
  actor: Actor,
  row: CounselorProfileRow,
): Promise<CounselorProfile> {
  await w.audit({
    organizationId: row.organizationId,
    action: 'counselor_profile.read',
    entityType: 'counselor_profile',
    entityId: row.id,
    subjectId: row.userId,
  });
  return presentProfile(w.tx, w.vault, actor, row, w);
}

/** After a commit that queued messages: deliver now instead of at the next sweep. */
export const deliverSoon = (ctx: CounselorContext) => kickDelivery(ctx);
