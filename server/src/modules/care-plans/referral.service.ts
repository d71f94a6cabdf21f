import { randomUUID } from 'node:crypto';
import type { FieldError, Referral, ReferralInput, ReferralStatusInput } from '@anxin/common';
import { audit } from '../../platform/audit/request-audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError, notFound } from '../../platform/http/app-error.ts';
import { SENSITIVE_CHANGE } from '../identity/audit-helpers.ts';
import { clientKey, type CarePlansContext } from './care-access.ts';
import { requireCurrentEpisodeOf } from './care-episode.ts';
import { referralPolicy } from './care-plan.policy.ts';
import { refuseInvalid } from './goal-input.ts';
import { buildReferrals, loadVisibleReferral } from './referral-read.service.ts';
import { registerReferralDisclosure } from './referral-disclosure.ts';
import { findResource } from './referral-resource.repo.ts';
import { checkReferralTransition, REFERRAL_STATUS_EVENT } from './referral-status.ts';
import { referralRef } from './referral.presenter.ts';
import {
  findReferral,
  insertReferral,
  isRiskSignalOf,
  setReferralStatus,
} from './referral.repo.ts';

const ENTITY = 'referral';
/** A clock a few minutes fast is no reason to refuse a record of what just happened. */
const SKEW_MS = 5 * 60_000;

/** What the schema cannot say alone, each problem naming its field. */
function checkInput(input: ReferralInput, now = Date.now()): FieldError[] {
  const errors: FieldError[] = [];
  const madeAt = input.madeAt ? Date.parse(input.madeAt) : now;
  if (madeAt > now + SKEW_MS)
    errors.push({ path: 'body.madeAt', message: 'Must not be in the future', code: 'too_big' });
  const b = input.basis;
  if (b.kind === 'exception' && b.code === 'legal_obligation' && !b.legalReference)
    errors.push({
      path: 'body.basis.legalReference',
      message: 'Required for a legal obligation',
      code: 'required',
    });
  // The agreement comes before the referral it allows.
  if (b.kind === 'consent' && Date.parse(b.agreedAt) > madeAt + SKEW_MS)
    errors.push({
      path: 'body.basis.agreedAt',
      message: 'The client agrees before the referral is made',
      code: 'too_big',
    });
  return errors;
}

const fieldProblem = (path: string, message: string, code: string) =>
  new AppError('validation_failed', message, [{ path, message, code }]);

async function present(ctx: CarePlansContext, actor: Actor, id: string): Promise<Referral> {
  const db = ctx.app.database.db;
  const hit = await findReferral(db, actor.organizationId, id);
  const [out] = hit ? await buildReferrals(ctx, actor, db, [hit]) : [];
  if (!out) throw notFound();
  return out;
}

/**
 * Refers a client of the actor's current episode to a directory resource (C6), on the client's
 * documented agreement or under a confidentiality exception. When information goes to the
 * resource (always under an exception) the disclosure register gets its entry in the same
 * transaction, and the referral points at it.
 */
export async function createReferral(
  ctx: CarePlansContext,
  actor: Actor,
  input: ReferralInput,
): Promise<Referral> {
  refuseInvalid(checkInput(input), 'The referral’s basis is not complete.');
  const id = await ctx.app.database.db.transaction(async (tx: Db) => {
    const { episode, profileId } = await requireCurrentEpisodeOf(tx, actor, input.episodeId);
    const org = actor.organizationId;
    const resource = await findResource(tx, org, input.resourceId);
    if (!resource?.active)
      throw fieldProblem('body.resourceId', 'Not an active entry of the directory', 'not_found');
    const clientUserId = episode.clientUserId;
    if (input.riskSignalId && !(await isRiskSignalOf(tx, org, input.riskSignalId, clientUserId)))
      throw fieldProblem('body.riskSignalId', 'Not a risk signal of this client', 'not_found');
    const id = randomUUID();
    const madeAt = input.madeAt ? new Date(input.madeAt) : new Date();
    const vault = ctx.app.vault.scope(tx, org);
    const who = clientKey(clientUserId);
    const b = input.basis;
    const exception = b.kind === 'exception' ? b : null;
    const consent = b.kind === 'consent' ? b : null;
    const shares = exception !== null || (consent?.sharesInformation ?? false);
    const disclosureId = shares
      ? await registerReferralDisclosure(tx, ctx, vault, {
          actor,
          clientUserId,
          basis: exception?.code ?? 'consent',
          legalReference: exception?.legalReference || null,
          recipient: `${resource.nameZh} / ${resource.nameEn} (${resource.phone})`,
          content: exception ? `${input.reason}\n\n${exception.justification}` : input.reason,
          disclosedAt: madeAt,
        })
      : null;
    await insertReferral(tx, {
      id,
      organizationId: org,
      clientUserId,
      episodeId: episode.id,
      resourceId: resource.id,
      resourceSnapshot: {
        kind: resource.kind,
        nameZh: resource.nameZh,
        nameEn: resource.nameEn,
        phone: resource.phone,
      },
      reasonEnc: await vault.encrypt(who, referralRef('reason', id), input.reason),
      basis: b.kind,
      consentAgreedAt: consent ? new Date(consent.agreedAt) : null,
      consentMethod: consent?.method ?? null,
      consentAttestedBy: consent ? actor.userId : null,
      sharesInformation: shares,
      exceptionCode: exception?.code ?? null,
      justificationEnc: exception
        ? await vault.encrypt(who, referralRef('justification', id), exception.justification)
        : null,
      legalReference: exception?.legalReference || null,
      disclosureId,
      riskSignalId: input.riskSignalId ?? null,
      madeAt,
      authorUserId: actor.userId,
      authorCounselorId: profileId,
    });
    await audit(tx, ctx.app.vault.keyring.auditKey, ctx.meta, {
      organizationId: org,
      action: 'referral.create',
      entityType: ENTITY,
      entityId: id,
      subjectId: clientUserId,
      changes: {
        resourceId: { old: null, new: resource.id },
        basis: { old: null, new: exception ? `exception:${exception.code}` : 'consent' },
        disclosureId: { old: null, new: disclosureId },
        reason: SENSITIVE_CHANGE,
        ...(exception ? { justification: SENSITIVE_CHANGE } : {}),
      },
    });
    return id;
  });
  return present(ctx, actor, id);
}

/** Moves a referral forward: acknowledged by the resource, or closed with what came of it. */
export async function changeReferralStatus(
  ctx: CarePlansContext,
  actor: Actor,
  id: string,
  input: ReferralStatusInput,
): Promise<Referral> {
  if (input.status !== 'closed' && input.outcome)
    throw fieldProblem('body.outcome', 'An outcome is recorded when closing', 'not_allowed');
  await ctx.app.database.db.transaction(async (tx) => {
    const hit = await loadVisibleReferral(tx, actor, id, true);
    if (!referralPolicy.can(actor, 'write', hit.resource)) throw new AppError('forbidden');
    const event = REFERRAL_STATUS_EVENT[input.status];
    const check = checkReferralTransition(hit.row.status, event);
    if (!check.ok)
      throw new AppError('invalid_transition', `A ${hit.row.status} referral cannot ${event}.`);
    const now = new Date();
    const vault = ctx.app.vault.scope(tx, actor.organizationId);
    await setReferralStatus(tx, id, {
      status: check.to,
      ...(event === 'acknowledge' ? { acknowledgedAt: now } : { closedAt: now }),
      ...(input.outcome
        ? {
            outcomeEnc: await vault.encrypt(
              clientKey(hit.row.clientUserId),
              referralRef('outcome', id),
              input.outcome,
            ),
          }
        : {}),
    });
    await audit(tx, ctx.app.vault.keyring.auditKey, ctx.meta, {
      organizationId: actor.organizationId,
      action: `referral.${event}`,
      entityType: ENTITY,
      entityId: id,
      subjectId: hit.row.clientUserId,
      changes: {
        status: { old: hit.row.status, new: check.to },
        ...(input.outcome ? { outcome: SENSITIVE_CHANGE } : {}),
      },
    });
  });
  return present(ctx, actor, id);
}
