import type { BreachReport } from '@anxin/common';
import type { Actor } from '../../../platform/auth/actor.ts';
import { auditRead } from '../../../platform/audit/request-audit.ts';
import type { IdentityContext } from '../../identity/identity-context.ts';
import { loadIncident } from './breach-access.ts';
import { affectedCounts } from './breach.repo.ts';

/**
 * The report for the authority (B12): the incident's facts, deadlines and counts per data
 * category. Deliberately no names, contacts or ids of affected people: the authority needs the
 * scale, and the register keeps who they are should it ask.
 */
export async function incidentReport(
  ctx: IdentityContext,
  actor: Actor,
  id: string,
): Promise<BreachReport> {
  const db = ctx.app.database.db;
  const incident = await loadIncident(ctx.app, db, actor, id);
  const counts = (await affectedCounts(db, [incident.id])).get(incident.id);
  const total = counts?.affected ?? 0;
  await auditRead(ctx.app, ctx.meta, {
    organizationId: incident.organizationId,
    action: 'breach.report',
    entityType: 'breach_incident',
    entityId: incident.id,
  });
  return {
    incident: {
      id: incident.id,
      title: incident.title,
      nature: incident.nature,
      severity: incident.severity,
      status: incident.status,
      discoveredAt: incident.discoveredAt.toISOString(),
      reportDueAt: incident.reportDueAt.toISOString(),
      reportedAt: incident.reportedAt?.toISOString() ?? null,
      notifyDueAt: incident.notifyDueAt?.toISOString() ?? null,
      remediation: incident.remediation,
    },
    dataCategories: incident.dataCategories,
    affected: { total, notified: counts?.notified ?? 0 },
    // Categories are recorded per incident, so every affected person counts in each of them.
    byCategory: incident.dataCategories.map((category) => ({ category, affected: total })),
    generatedAt: new Date().toISOString(),
  };
}

/** A CSV cell: quoted, inner quotes doubled, and no leading formula characters for spreadsheets. */
function cell(value: string | number): string {
  const text = String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** The counts per category as CSV (one header row), for the authority's form. */
export function reportCsv(report: BreachReport): string {
  const rows: (string | number)[][] = [
    ['incident_id', 'severity', 'discovered_at', 'category', 'affected', 'notified'],
    ...report.byCategory.map((c) => [
      report.incident.id,
      report.incident.severity,
      report.incident.discoveredAt,
      c.category,
      c.affected,
      report.affected.notified,
    ]),
  ];
  return `${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}
