import type { BreachIncident } from '@anxin/common';
import { isNotifyOverdue, isReportOverdue } from './breach-deadlines.ts';
import { nextStatuses } from './breach-status.ts';
import type { AffectedCounts, IncidentRow } from './breach.repo.ts';

const NONE: AffectedCounts = { affected: 0, notified: 0, unnotified: 0 };

/** An incident with its counts and the overdue flags the list highlights. */
export function presentIncident(
  row: IncidentRow,
  counts: AffectedCounts = NONE,
  now: Date = new Date(),
): BreachIncident {
  return {
    id: row.id,
    title: row.title,
    discoveredAt: row.discoveredAt.toISOString(),
    nature: row.nature,
    dataCategories: row.dataCategories,
    severity: row.severity,
    status: row.status,
    reportDueAt: row.reportDueAt.toISOString(),
    reportedAt: row.reportedAt?.toISOString() ?? null,
    notifyDueAt: row.notifyDueAt?.toISOString() ?? null,
    remediation: row.remediation,
    scope: row.scope ?? null,
    closedAt: row.closedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    affectedCount: counts.affected,
    notifiedCount: counts.notified,
    reportOverdue: isReportOverdue(row, now),
    notifyOverdue: isNotifyOverdue(row, counts.unnotified, now),
    nextStatuses: nextStatuses(row.status),
  };
}
