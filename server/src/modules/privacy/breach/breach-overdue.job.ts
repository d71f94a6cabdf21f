import { and, eq, inArray } from 'drizzle-orm';
import type { Logger } from 'pino';
import { appendAudit } from '../../../platform/audit/audit.ts';
import type { Vault } from '../../../platform/crypto/vault.ts';
import type { Database } from '../../../platform/db/database.ts';
import { auditEvents } from '../../../platform/db/schema/index.ts';
import type { JobDefinition } from '../../../platform/jobs/jobs.ts';
import { notifyAdministrators } from '../../counselors/counselor-notify.ts';
import { isNotifyOverdue, isReportOverdue } from './breach-deadlines.ts';
import { organizationTimeZone } from './breach-notify.service.ts';
import { affectedCounts, findIncident, openIncidents } from './breach.repo.ts';

export const BREACH_OVERDUE_JOB = 'breach.overdue';

type Deadline = 'report' | 'notify';
const ALERT_ACTION: Record<Deadline, string> = {
  report: 'system.breach.report_overdue',
  notify: 'system.breach.notify_overdue',
};

/**
 * Every five minutes: administrators are alerted in-app when an incident's report deadline or
 * notification deadline passes (B12). Once per incident and deadline: the alert's audit event is
 * the record that it was sent, written in the same transaction as the messages.
 */
export function createBreachOverdueJob(deps: { vault: Vault; auditKey: Buffer }): JobDefinition {
  return {
    name: BREACH_OVERDUE_JOB,
    cron: '*/5 * * * *',
    async run({ database, log }) {
      const alerted = await runBreachOverdueSweep(
        database,
        deps.vault,
        deps.auditKey,
        new Date(),
        log,
      );
      if (alerted) log.info({ alerted }, 'breach overdue alerts sent');
    },
  };
}

/** One sweep at `now`; returns how many alerts went out. Idempotent. */
export async function runBreachOverdueSweep(
  database: Database,
  vault: Vault,
  auditKey: Buffer,
  now: Date = new Date(),
  log?: Logger,
): Promise<number> {
  let alerted = 0;
  for (const { id, organizationId } of await openIncidents(database.db)) {
    try {
      alerted += await alertIncident(database, vault, auditKey, organizationId, id, now);
    } catch (err) {
      log?.error({ err, incidentId: id }, 'breach overdue sweep: alert failed');
    }
  }
  return alerted;
}

async function alertIncident(
  database: Database,
  vault: Vault,
  auditKey: Buffer,
  organizationId: string,
  id: string,
  now: Date,
): Promise<number> {
  return database.db.transaction(async (tx) => {
    const incident = await findIncident(tx, organizationId, id, { lock: true });
    if (!incident) return 0;
    const counts = (await affectedCounts(tx, [id])).get(id);
    const due: Deadline[] = [];
    if (isReportOverdue(incident, now)) due.push('report');
    if (isNotifyOverdue(incident, counts?.unnotified ?? 0, now)) due.push('notify');
    if (due.length === 0) return 0;
    const sent = await tx
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.organizationId, organizationId),
          eq(auditEvents.entityType, 'breach_incident'),
          eq(auditEvents.entityId, id),
          inArray(
            auditEvents.action,
            due.map((d) => ALERT_ACTION[d]),
          ),
        ),
      );
    const already = new Set(sent.map((s) => s.action));
    const scoped = vault.scope(tx, organizationId);
    const timeZone = await organizationTimeZone(tx, organizationId);
    let count = 0;
    for (const deadline of due) {
      if (already.has(ALERT_ACTION[deadline])) continue;
      const dueAt = deadline === 'report' ? incident.reportDueAt : incident.notifyDueAt;
      await notifyAdministrators(tx, scoped, 'breach_overdue', {
        title: incident.title,
        deadline,
        dueAt: (dueAt ?? now).toISOString(),
        timeZone,
      });
      await appendAudit(tx, auditKey, {
        organizationId,
        actorId: null,
        action: ALERT_ACTION[deadline],
        entityType: 'breach_incident',
        entityId: id,
      });
      count++;
    }
    return count;
  });
}
