import { randomUUID } from 'node:crypto';
import {
  CONSENT_SCOPE_DOCUMENT,
  CONSENT_SCOPE_NAMES,
  POLICY_DOCUMENT_KIND_NAMES,
  REQUIRED_CONSENT_SCOPES,
  type ConsentList,
  type ConsentScope,
  type ConsentSignRequest,
  type PendingConsentList,
} from '@anxin/common';
import type { Actor } from '../../platform/auth/actor.ts';
import type { VaultScope } from '../../platform/crypto/vault.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/http/app-error.ts';
import { requirePermission } from '../counselors/vocabulary.service.ts';
import { auditRead } from '../../platform/audit/request-audit.ts';
import { audit } from '../identity/audit-helpers.ts';
import { auditKeyOf, type IdentityContext } from '../identity/identity-context.ts';
import { consentVerdicts } from './consent-gate.ts';
import { presentConsent } from './consent.presenter.ts';
import {
  findActiveConsents,
  insertConsent,
  listSubjectConsents,
  updateConsent,
  type ConsentRow,
} from './consent.repo.ts';
import { consentSubjectFor } from './consent-subject.ts';
import { presentDocument } from './policy-document.presenter.ts';
import {
  findCurrentDocument,
  findDocument,
  hasMaterialChangeSince,
  type PolicyDocumentRow,
} from './policy-document.repo.ts';

const REQUIRED: readonly ConsentScope[] = REQUIRED_CONSENT_SCOPES;

/** My decisions (or my ward's): the active ones and the whole history. */
export async function listConsents(
  ctx: IdentityContext,
  actor: Actor,
  subject?: string,
): Promise<ConsentList> {
  const db = ctx.app.database.db;
  const { subjectUserId, signer } = await consentSubjectFor(db, actor, subject);
  const rows = await listSubjectConsents(db, actor.organizationId, subjectUserId);
  // A guardian reading their ward's decisions reads someone else's data: recorded first.
  if (signer === 'guardian') {
    await auditRead(ctx.app, ctx.meta, {
      organizationId: actor.organizationId,
      action: 'consent.read',
      entityType: 'consent',
      entityId: subjectUserId,
      subjectId: subjectUserId,
    });
  }
  const history = rows.map(presentConsent);
  return { current: history.filter((c) => c.status === 'active'), history };
}

/**
 * What must be (re)accepted before anything that processes data: a required scope with nothing
 * that counts, or an active decision on an older version when a material version is in force;
 * an optional scope only in the latter case. The web app sends the person here after sign-in.
 */
export async function pendingConsents(
  ctx: IdentityContext,
  actor: Actor,
  subject?: string,
): Promise<PendingConsentList> {
  const db = ctx.app.database.db;
  const { subjectUserId } = await consentSubjectFor(db, actor, subject);
  return db.transaction(async (tx) => {
    const vault = ctx.app.vault.scope(tx, actor.organizationId);
    return pendingFor(tx, vault, subjectUserId);
  });
}

export async function pendingFor(
  tx: Db,
  vault: VaultScope,
  subjectUserId: string,
): Promise<PendingConsentList> {
  const org = vault.organizationId;
  const now = new Date();
  const current = new Map<string, PolicyDocumentRow>();
  for (const kind of POLICY_DOCUMENT_KIND_NAMES) {
    const row = await findCurrentDocument(tx, org, kind, now);
    if (row) current.set(kind, row);
  }
  const active = await findActiveConsents(tx, 'user', subjectUserId, CONSENT_SCOPE_NAMES);
  const verdicts = await consentVerdicts(tx, vault, subjectUserId, REQUIRED, now);
  const items: PendingConsentList['items'] = [];
  for (const scope of CONSENT_SCOPE_NAMES) {
    const doc = current.get(CONSENT_SCOPE_DOCUMENT[scope]);
    if (!doc) continue;
    const required = REQUIRED.includes(scope);
    const a = active.find((c) => c.scope === scope);
    const document = presentDocument(doc);
    if (a && (await outdated(tx, org, a, doc))) {
      items.push({ scope, required, reason: 'new_version', document });
      continue;
    }
    const verdict = verdicts.get(scope);
    if (required && verdict && verdict !== 'ok')
      items.push({ scope, required, reason: verdict, document });
  }
  return { subjectUserId, items, documents: [...current.values()].map(presentDocument) };
}

async function outdated(tx: Db, org: string, a: ConsentRow, doc: PolicyDocumentRow) {
  const v = a.documentVersion ?? 0;
  return v < doc.version && hasMaterialChangeSince(tx, org, doc.kind, v, doc.version);
}

/**
 * Records decisions, one per scope, each on the document version shown (which must be the one
 * in force for the scope). A grant replaces the scope's active decision (superseded); a refusal
 * is recorded as `rejected`, and cannot end an active consent — that is a withdrawal.
 */
export async function signConsents(
  ctx: IdentityContext,
  actor: Actor,
  input: ConsentSignRequest,
): Promise<ConsentList> {
  const db = ctx.app.database.db;
  await db.transaction(async (tx) => {
    const { subjectUserId, signer } = await consentSubjectFor(tx, actor, input.subjectUserId);
    const vault = ctx.app.vault.scope(tx, actor.organizationId);
    const seen = new Set<ConsentScope>();
    for (const [i, d] of input.decisions.entries()) {
      if (seen.has(d.scope)) throw invalid(`body.decisions.${i}.scope`, 'Each scope once.');
      seen.add(d.scope);
      const doc = await documentInForce(tx, actor.organizationId, d.scope, d.documentId);
      if (!doc) {
        throw invalid(
          `body.decisions.${i}.documentId`,
          'Decide on the version of the document now in force.',
        );
      }
      await decide(tx, ctx, vault, {
        subjectType: 'user',
        subjectId: subjectUserId,
        scope: d.scope,
        status: d.granted ? 'active' : 'rejected',
        doc,
        method: 'electronic',
        signer,
        signerUserId: actor.userId,
        ip: ctx.meta.ip,
        path: `body.decisions.${i}.granted`,
      });
    }
  });
  return listConsents(ctx, actor, input.subjectUserId);
}

/** A hotline caller's verbal consent, taken by the operator on the call (B10). */
export async function recordVerbalConsent(
  ctx: IdentityContext,
  actor: Actor,
  input: { callerId: string; scopes: ConsentScope[] },
): Promise<ConsentList> {
  requirePermission(ctx.app, actor, 'consent.record_verbal');
  const db = ctx.app.database.db;
  const rows = await db.transaction(async (tx) => {
    const vault = ctx.app.vault.scope(tx, actor.organizationId);
    const out: ConsentRow[] = [];
    for (const scope of new Set(input.scopes)) {
      const doc = await findCurrentDocument(
        tx,
        actor.organizationId,
        CONSENT_SCOPE_DOCUMENT[scope],
        new Date(),
      );
      if (!doc) throw new AppError('conflict', 'No document is in force for this scope.');
      out.push(
        await decide(tx, ctx, vault, {
          subjectType: 'caller',
          subjectId: input.callerId,
          scope,
          status: 'active',
          doc,
          method: 'verbal',
          signer: 'operator',
          signerUserId: actor.userId,
          // A caller has no personal data key in the vault: the address is the operator's own.
          ip: null,
          path: 'body.scopes',
        }),
      );
    }
    return out;
  });
  const items = rows.map((r) => presentConsent({ ...r, documentKind: null }));
  return { current: items, history: items };
}

async function documentInForce(tx: Db, org: string, scope: ConsentScope, id: string) {
  const doc = await findDocument(tx, org, id);
  if (!doc || doc.kind !== CONSENT_SCOPE_DOCUMENT[scope]) return undefined;
  const current = await findCurrentDocument(tx, org, doc.kind, new Date());
  return current?.id === doc.id ? doc : undefined;
}

interface DecisionInput {
  subjectType: 'user' | 'caller';
  subjectId: string;
  scope: ConsentScope;
  status: 'active' | 'rejected';
  doc: PolicyDocumentRow;
  method: 'electronic' | 'verbal';
  signer: 'self' | 'guardian' | 'operator';
  signerUserId: string;
  ip: string | null;
  path: string;
}

/** One decision: supersedes the scope's active one, seals the address, audits. */
async function decide(
  tx: Db,
  ctx: IdentityContext,
  vault: VaultScope,
  d: DecisionInput,
): Promise<ConsentRow> {
  const [previous] = await findActiveConsents(tx, d.subjectType, d.subjectId, [d.scope], {
    lock: true,
  });
  if (previous && d.status === 'rejected') {
    throw invalid(d.path, 'To end an active consent, withdraw it on the privacy page.');
  }
  const id = randomUUID();
  // The old row leaves `active` before the new one enters (one active per scope, enforced).
  if (previous) await updateConsent(tx, previous.id, { status: 'inactive', supersededBy: id });
  const row = await insertConsent(tx, {
    id,
    organizationId: vault.organizationId,
    subjectType: d.subjectType,
    subjectId: d.subjectId,
    scope: d.scope,
    status: d.status,
    documentId: d.doc.id,
    documentVersion: d.doc.version,
    documentHash: d.doc.contentHash,
    decidedAt: new Date(),
    method: d.method,
    signer: d.signer,
    signerUserId: d.signerUserId,
    ipEnc:
      d.ip && d.subjectType === 'user'
        ? await vault.encrypt(
            { type: 'person', id: d.subjectId },
            { table: 'consents', field: 'ip', recordId: id },
            d.ip,
          )
        : null,
  });
  await audit(tx, auditKeyOf(ctx), ctx.meta, {
    organizationId: vault.organizationId,
    action: d.status === 'active' ? 'consent.grant' : 'consent.reject',
    entityType: 'consent',
    entityId: id,
    ...(d.subjectType === 'user' ? { subjectId: d.subjectId } : {}),
    changes: {
      scope: { old: null, new: d.scope },
      status: { old: previous?.status ?? null, new: d.status },
      documentVersion: { old: previous?.documentVersion ?? null, new: d.doc.version },
      signer: { old: null, new: d.signer },
      method: { old: null, new: d.method },
    },
  });
  return row;
}

const invalid = (path: string, message: string) =>
  new AppError('validation_failed', message, [{ path, message, code: 'invalid_value' }]);
