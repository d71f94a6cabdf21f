import { and, eq, exists, gte, isNull, lte, not, or, sql, type SQL } from 'drizzle-orm';
import type { Logger } from 'pino';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { Vault } from '../../platform/crypto/vault.ts';
import type { Database, Db } from '../../platform/db/database.ts';
import {
  counselorProfiles,
  counselorStandingActions,
  organizations,
} from '../../platform/db/schema/index.ts';
import type { JobDefinition } from '../../platform/jobs/jobs.ts';
import type { CounselorProfileRow } from './counselor-access.ts';
import { listableWhere, todayIn } from './counselor-eligibility.ts';
import { notifyAdministrators, notifyCounselor } from './counselor-notify.ts';
import { getCounselorSettings } from './counselor-settings.service.ts';
import { applyTransition } from './counselor-transition.ts';
import { hasQualifyingCertificate } from './counselor.repo.ts';
import { sendCredentialReminders, type OrganizationSweep } from './credential-expiry-reminders.ts';

export const CREDENTIAL_EXPIRY_JOB = 'counselors.credential_expiry';

type Cause = 'qualification_expired' | 'recheck_overdue' | 'sanction';

export interface SweepReport {
  suspended: number;
  reminders: number;
  /** Counselors whose transaction failed (each rolled back alone; the rest went on). */
  failed: number;
}

/**
 * Hourly, so a certificate that expired at midnight in the organisation's zone stops listing
 * within the hour (the listing rule itself already holds from the first second, see
 * `listableWhere`): suspends, then reminds. Gets the vault and audit key by closure, as the
 * job context carries neither.
 */
export function createCredentialExpiryJob(deps: { vault: Vault; auditKey: Buffer }): JobDefinition {
  return {
    name: CREDENTIAL_EXPIRY_JOB,
    cron: '15 * * * *',
    async run({ database, log }) {
      const report = await runCredentialSweep(database, deps.vault, deps.auditKey, new Date(), log);
      log.info({ ...report }, 'credential sweep done');
      // A failed job is what monitoring sees; the others were handled regardless.
      if (report.failed > 0) throw new Error('credential sweep: some counselors failed');
    },
  };
}

/** One run of the sweep at `now`, over every organisation, each in its own time zone. */
export async function runCredentialSweep(
  database: Database,
  vault: Vault,
  auditKey: Buffer,
  now: Date = new Date(),
  log?: Logger,
): Promise<SweepReport> {
  const report: SweepReport = { suspended: 0, reminders: 0, failed: 0 };
  const orgs = await database.db
    .select({ id: organizations.id, timeZone: organizations.timeZone })
    .from(organizations);
  for (const org of orgs) {
    const today = todayIn(org.timeZone, now);
    const settings = await getCounselorSettings(database.db, org.id);
    const run = { database, vault, auditKey, organizationId: org.id, today, settings, log };
    const s = await suspendIneligible(run);
    const r = await sendCredentialReminders(run);
    report.suspended += s.suspended;
    report.reminders += r.sent;
    report.failed += s.failed + r.failed;
  }
  return report;
}

/** One organisation's part of the sweep, with the key its system audit events are chained by. */
interface Run extends OrganizationSweep {
  auditKey: Buffer;
}

/** A sanction suspension recorded for a later start (A9) whose day has come. */
function dueSanction(today: string): SQL {
  const s = counselorStandingActions;
  return exists(
    sql`(SELECT 1 FROM ${s} WHERE ${s.counselorId} = ${counselorProfiles.id}
          AND ${and(
            eq(s.kind, 'suspension'),
            isNull(s.liftedAt),
            lte(s.startsOn, today),
            or(isNull(s.endsOn), gte(s.endsOn, today)),
          )})`,
  );
}

/**
 * Suspends every approved counselor who may no longer be listed (A3) or whose dated sanction has
 * begun (A9), each in a transaction of its own so one failure does not hold back the others.
 */
async function suspendIneligible(run: Run): Promise<{ suspended: number; failed: number }> {
  const p = counselorProfiles;
  const candidates = await run.database.db
    .select({ id: p.id })
    .from(p)
    .where(
      and(
        eq(p.organizationId, run.organizationId),
        eq(p.status, 'approved'),
        or(not(listableWhere(run.today)), dueSanction(run.today)),
      ),
    );
  let suspended = 0;
  let failed = 0;
  for (const { id } of candidates) {
    try {
      if (await suspendOne(run, id)) suspended++;
    } catch (err) {
      // Identifiers and the error's frames only (the serializer drops query parameters).
      run.log?.error({ err, counselorId: id }, 'credential sweep: suspension failed');
      failed++;
    }
  }
  return { suspended, failed };
}

async function suspendOne(run: Run, counselorId: string): Promise<boolean> {
  return run.database.db.transaction(async (tx) => {
    const p = counselorProfiles;
    const row = (await tx.select().from(p).where(eq(p.id, counselorId)).for('update'))[0];
    // Decided again under the lock: an administrator may have acted since the candidates query.
    if (row?.status !== 'approved') return false;
    const cause = await causeOf(tx, row, run.today);
    if (!cause) return false;
    const vault = run.vault.scope(tx, run.organizationId);
    await applyTransition(
      {
        tx,
        vault,
        audit: (fields) => appendAudit(tx, run.auditKey, { ...fields, actorId: null }),
        actorId: null,
        today: run.today,
        settings: run.settings,
      },
      row,
      {
        event: 'suspend',
        by: 'system',
        reason: cause,
        suspendedFor: cause,
        auditAction: 'system.counselor.suspend',
        notify: false,
      },
    );
    await notifyCounselor(tx, vault, row.userId, {
      template: 'counselor_suspended',
      params: { cause },
      mail: true,
    });
    await notifyAdministrators(tx, vault, 'counselor_suspended_admin', {
      counselorName: row.displayName,
      cause,
    });
    return true;
  });
}

/** Why the counselor must be suspended now, the strongest reason first; null if they need not. */
async function causeOf(tx: Db, row: CounselorProfileRow, today: string): Promise<Cause | null> {
  const p = counselorProfiles;
  const sanction = await tx
    .select({ id: p.id })
    .from(p)
    .where(and(eq(p.id, row.id), dueSanction(today)));
  if (sanction.length) return 'sanction';
  if (!(await hasQualifyingCertificate(tx, row.id, today))) return 'qualification_expired';
  if (row.recheckDueOn !== null && row.recheckDueOn < today) return 'recheck_overdue';
  return null;
}
