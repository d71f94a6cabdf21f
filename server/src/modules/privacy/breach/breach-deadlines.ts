import type { BreachSeverity, BreachSettings } from '@anxin/common';

const HOUR = 3_600_000;

/**
 * The deadlines of an incident, counted in hours from its discovery (not from its registration:
 * a late registration must not buy time). Serious: the authority within 4 hours by default.
 */
export function dueDates(
  severity: BreachSeverity,
  discoveredAt: Date,
  settings: Pick<BreachSettings, 'reportHours' | 'notifyHours'>,
): { reportDueAt: Date; notifyDueAt: Date } {
  return {
    reportDueAt: new Date(discoveredAt.getTime() + settings.reportHours[severity] * HOUR),
    notifyDueAt: new Date(discoveredAt.getTime() + settings.notifyHours[severity] * HOUR),
  };
}

/** Past its report deadline and not reported (a closed incident is done either way). */
export function isReportOverdue(
  i: { reportDueAt: Date; reportedAt: Date | null; status: string },
  now: Date,
): boolean {
  return i.status !== 'closed' && i.reportedAt === null && i.reportDueAt.getTime() < now.getTime();
}

/** Past its notification deadline with someone still not told. */
export function isNotifyOverdue(
  i: { notifyDueAt: Date | null; status: string },
  unnotified: number,
  now: Date,
): boolean {
  return (
    i.status !== 'closed' &&
    unnotified > 0 &&
    i.notifyDueAt !== null &&
    i.notifyDueAt.getTime() < now.getTime()
  );
}
