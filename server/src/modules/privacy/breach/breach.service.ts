import type { BreachIncident, BreachInput, BreachScope, BreachStatus } from '@anxin/common';
import type { Actor } from '../../../platform/auth/actor.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import { changesBetween, createdChanges } from '../../counselors/vocabulary.service.ts';
import { audit } from '../../identity/audit-helpers.ts';
import { auditKeyOf, type IdentityContext } from '../../identity/identity-context.ts';
import { loadIncident, requireBreachManager } from './breach-access.ts';
import { dueDates } from './breach-deadlines.ts';
import { getBreachSettings } from './breach-settings.ts';
import { subjectsInScope } from './breach-scope.ts';
import { canTransition } from './breach-status.ts';
import { presentIncident } from './breach.presenter.ts';
import {
  addAffected,
  affectedCounts,
  insertIncident,
  listIncidents,
  updateIncident,
  type IncidentRow,
} from './breach.repo.ts';

const ENTITY = 'breach_incident';

function validateDiscovery(discoveredAt: string | undefined): void {
  if (discoveredAt && Date.parse(discoveredAt) > Date.now() + 5 * 60_000) {
    throw new AppError('validation_failed', 'An incident is discovered in the past.', [
      { path: 'body.discoveredAt', message: 'Must not be in the future', code: 'too_big' },
    ]);
  }
}

async function present(ctx: IdentityContext, row: IncidentRow): Promise<BreachIncident> {
  const counts = await affectedCounts(ctx.app.database.db, [row.id]);
  return presentIncident(row, counts.get(row.id));
}

/** Registers an incident; its deadlines follow from severity and discovery (B12). */
export async function createIncident(
  ctx: IdentityContext,
  actor: Actor,
  input: BreachInput,
): Promise<BreachIncident> {
  requireBreachManager(ctx.app, actor);
  validateDiscovery(input.discoveredAt);
  const org = actor.organizationId;
  const row = await ctx.app.database.db.transaction(async (tx) => {
    const discoveredAt = new Date(input.discoveredAt);
    const due = dueDates(input.severity, discoveredAt, await getBreachSettings(tx, org));
    const created = await insertIncident(tx, {
      organizationId: org,
      title: input.title,
      discoveredAt,
      nature: input.nature,
      dataCategories: [...new Set(input.dataCategories)],
      severity: input.severity,
      remediation: input.remediation || null,
      reportDueAt: due.reportDueAt,
      notifyDueAt: due.notifyDueAt,
      createdBy: actor.userId,
    });
    await audit(tx, auditKeyOf(ctx), ctx.meta, {
      organizationId: org,
      action: 'breach.create',
      entityType: ENTITY,
      entityId: created.id,
      changes: createdChanges({ ...input, reportDueAt: due.reportDueAt.toISOString() }),
    });
    return created;
  });
  return presentIncident(row);
}

/** Edits the facts; a new severity or discovery time moves the deadlines with it. */
export async function editIncident(
  ctx: IdentityContext,
  actor: Actor,
  id: string,
  patch: Partial<BreachInput>,
): Promise<BreachIncident> {
  validateDiscovery(patch.discoveredAt);
  const row = await ctx.app.database.db.transaction(async (tx) => {
    const before = await loadIncident(ctx.app, tx, actor, id, { lock: true });
    if (before.status === 'closed') {
      throw new AppError('invalid_transition', 'A closed incident is not edited.');
    }
    const severity = patch.severity ?? before.severity;
    const discoveredAt = patch.discoveredAt ? new Date(patch.discoveredAt) : before.discoveredAt;
    const due = dueDates(
      severity,
      discoveredAt,
      await getBreachSettings(tx, before.organizationId),
    );
    const next = {
      title: patch.title ?? before.title,
      nature: patch.nature ?? before.nature,
      dataCategories: patch.dataCategories
        ? [...new Set(patch.dataCategories)]
        : before.dataCategories,
      severity,
      discoveredAt,
      remediation: patch.remediation === undefined ? before.remediation : patch.remediation || null,
      reportDueAt: due.reportDueAt,
      notifyDueAt: due.notifyDueAt,
    };
    const changes = changesBetween(before, next);
    if (Object.keys(changes).length === 0) return before;
    const updated = await updateIncident(tx, before.id, next);
    await audit(tx, auditKeyOf(ctx), ctx.meta, {
      organizationId: before.organizationId,
      action: 'breach.update',
      entityType: ENTITY,
      entityId: before.id,
      changes,
    });
    return updated;
  });
  return present(ctx, row);
}

/** Moves the handling on, by the transition table; reporting and closing stamp their time. */
export async function transitionIncident(
  ctx: IdentityContext,
  actor: Actor,
  id: string,
  to: BreachStatus,
): Promise<BreachIncident> {
  const row = await ctx.app.database.db.transaction(async (tx) => {
    const before = await loadIncident(ctx.app, tx, actor, id, { lock: true });
    if (!canTransition(before.status, to)) {
      throw new AppError(
        'invalid_transition',
        `An incident cannot go from ${before.status} to ${to}.`,
      );
    }
    const now = new Date();
    const updated = await updateIncident(tx, before.id, {
      status: to,
      ...(to === 'reported' ? { reportedAt: now } : {}),
      ...(to === 'closed' ? { closedAt: now } : {}),
    });
    await audit(tx, auditKeyOf(ctx), ctx.meta, {
      organizationId: before.organizationId,
      action: 'breach.transition',
      entityType: ENTITY,
      entityId: before.id,
      changes: { status: { old: before.status, new: to } },
    });
    return updated;
  });
  return present(ctx, row);
}

export async function listIncidentsFor(
  ctx: IdentityContext,
  actor: Actor,
): Promise<{ items: BreachIncident[] }> {
  requireBreachManager(ctx.app, actor);
  const db = ctx.app.database.db;
  const rows = await listIncidents(db, actor.organizationId);
  const counts = await affectedCounts(
    db,
    rows.map((r) => r.id),
  );
  const now = new Date();
  return { items: rows.map((r) => presentIncident(r, counts.get(r.id), now)) };
}

export async function getIncident(
  ctx: IdentityContext,
  actor: Actor,
  id: string,
): Promise<BreachIncident> {
  return present(ctx, await loadIncident(ctx.app, ctx.app.database.db, actor, id));
}

/** How many people a scope would find, before anything is recorded. */
export async function previewScope(
  ctx: IdentityContext,
  actor: Actor,
  id: string,
  scope: BreachScope,
): Promise<{ count: number }> {
  const incident = await loadIncident(ctx.app, ctx.app.database.db, actor, id);
  const subjects = await subjectsInScope(ctx.app.database.db, incident.organizationId, scope);
  return { count: subjects.length };
}

/**
 * Records the people a scope finds as affected (added to any found before) and keeps the scope
 * on the incident, so the report can say how they were found. Audited with the count only.
 */
export async function applyScope(
  ctx: IdentityContext,
  actor: Actor,
  id: string,
  scope: BreachScope,
): Promise<{ count: number; added: number }> {
  return ctx.app.database.db.transaction(async (tx) => {
    const incident = await loadIncident(ctx.app, tx, actor, id, { lock: true });
    if (incident.status === 'closed') {
      throw new AppError('invalid_transition', 'A closed incident is not scoped.');
    }
    const subjects = await subjectsInScope(tx, incident.organizationId, scope);
    const added = await addAffected(tx, incident.organizationId, incident.id, subjects);
    await updateIncident(tx, incident.id, { scope });
    await audit(tx, auditKeyOf(ctx), ctx.meta, {
      organizationId: incident.organizationId,
      action: 'breach.scope',
      entityType: ENTITY,
      entityId: incident.id,
      changes: {
        scope: { old: incident.scope ?? null, new: scope },
        affectedAdded: { old: null, new: added },
      },
    });
    return { count: subjects.length, added };
  });
}
