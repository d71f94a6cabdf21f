import { and, eq } from 'drizzle-orm';
import type { Referral } from '@anxin/common';
import { auditRead } from '../../platform/audit/request-audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { referrals } from '../../platform/db/schema/index.ts';
import { notFound } from '../../platform/http/app-error.ts';
import { clientKey, readEvent, type CarePlansContext } from './care-access.ts';
import { referralPolicy } from './care-plan.policy.ts';
import { checkReferralTransition } from './referral-status.ts';
import { presentReferral, referralRef } from './referral.presenter.ts';
import { findReferral, selectReferrals, type ReferralHit } from './referral.repo.ts';

function abilities(actor: Actor, hit: ReferralHit): Referral['can'] {
  const write = referralPolicy.can(actor, 'write', hit.resource);
  return {
    acknowledge: write && checkReferralTransition(hit.row.status, 'acknowledge').ok,
    close: write && checkReferralTransition(hit.row.status, 'close').ok,
  };
}

/** Loads a referral the actor may read, or answers 404 exactly as for a missing one. */
export async function loadVisibleReferral(db: Db, actor: Actor, id: string, lock = false) {
  const hit = await findReferral(db, actor.organizationId, id, lock);
  if (!hit || !referralPolicy.can(actor, 'read', hit.resource)) throw notFound();
  return hit;
}

/**
 * Opens referrals for the actor: reason, justification and outcome under the client's key (read
 * as empty once an erasure destroyed it).
 */
export async function buildReferrals(
  ctx: CarePlansContext,
  actor: Actor,
  db: Db,
  hits: readonly ReferralHit[],
): Promise<Referral[]> {
  const vault = ctx.app.vault.scope(db, actor.organizationId);
  await vault.preload([...new Set(hits.map((h) => h.row.clientUserId))].map(clientKey));
  return Promise.all(
    hits.map(async (hit) => {
      const { row } = hit;
      const who = clientKey(row.clientUserId);
      return presentReferral({
        row,
        authorName: hit.authorName,
        reason:
          (await vault.decryptOrNull(who, referralRef('reason', row.id), row.reasonEnc)) ?? '',
        justification: await vault.decryptOrNull(
          who,
          referralRef('justification', row.id),
          row.justificationEnc,
        ),
        outcome: await vault.decryptOrNull(who, referralRef('outcome', row.id), row.outcomeEnc),
        can: abilities(actor, hit),
      });
    }),
  );
}

function auditReferralRead(ctx: CarePlansContext, actor: Actor, hit: ReferralHit) {
  return auditRead(ctx.app, ctx.meta, {
    organizationId: actor.organizationId,
    ...readEvent(referralPolicy.rules.read, actor, hit.resource, 'referral.read'),
    entityType: 'referral',
    entityId: hit.row.id,
    subjectId: hit.row.clientUserId,
  });
}

/** One referral; an audited read (break-glass reads say so). */
export async function readReferral(ctx: CarePlansContext, actor: Actor, id: string) {
  const db = ctx.app.database.db;
  const hit = await loadVisibleReferral(db, actor, id);
  const [out] = await buildReferrals(ctx, actor, db, [hit]);
  if (!out) throw notFound();
  await auditReferralRead(ctx, actor, hit);
  return out;
}

/** The client's referrals the actor may read (the policy as SQL), each an audited read. */
export async function listClientReferrals(
  ctx: CarePlansContext,
  actor: Actor,
  clientUserId: string,
  episodeId?: string,
): Promise<{ items: Referral[] }> {
  const db = ctx.app.database.db;
  const hits = await selectReferrals(
    db,
    and(
      referralPolicy.filter(actor, 'read', referrals),
      eq(referrals.clientUserId, clientUserId),
      episodeId ? eq(referrals.episodeId, episodeId) : undefined,
    ) ?? eq(referrals.id, referrals.id),
  );
  const items = await buildReferrals(ctx, actor, db, hits);
  await Promise.all(hits.map((hit) => auditReferralRead(ctx, actor, hit)));
  return { items };
}
