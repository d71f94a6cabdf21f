import { and, eq, gte, lte, or, sql } from 'drizzle-orm';
import type { CounselorSettings } from '@anxin/common';
import type { Logger } from 'pino';
import type { Vault, VaultScope } from '../../platform/crypto/vault.ts';
import type { Database, Db } from '../../platform/db/database.ts';
import {
  counselorProfiles,
  counselorQualifications,
  credentialReminders,
} from '../../platform/db/schema/index.ts';
import type { CounselorProfileRow } from './counselor-access.ts';
import { addDays, daysBetween, reminderThreshold } from './counselor-dates.ts';
import { notifyCounselor } from './counselor-notify.ts';

const p = counselorProfiles;
const q = counselorQualifications;

/** One organisation's part of a sweep: its calendar date and settings. */
export interface OrganizationSweep {
  database: Database;
  vault: Vault;
  organizationId: string;
  today: string;
  settings: CounselorSettings;
  log: Logger | undefined;
}

/** Something with a date that must not pass unnoticed: a certificate, or the re-check (A3). */
interface Due {
  kind: 'qualification' | 'recheck';
  subject: string;
  dueOn: string;
}

/**
 * Reminds approved counselors before a verified certificate expires and before the periodic
 * re-check (at the organisation's reminder days, 60/30/7 by default). Each reminder is sent once:
 * it is recorded in `credential_reminders` under a unique key first, and sent only when that
 * insert happened, so a second run, or two instances running at once, send nothing more.
 * Each counselor has a transaction of their own; one that fails is logged and counted, and
 * the others go on.
 */
export async function sendCredentialReminders(
  run: OrganizationSweep,
): Promise<{ sent: number; failed: number }> {
  const { database, organizationId, today, settings } = run;
  const horizon = addDays(today, Math.max(...settings.reminderDays));
  const candidates = await database.db
    .select({ id: p.id })
    .from(p)
    .where(
      and(
        eq(p.organizationId, organizationId),
        eq(p.status, 'approved'),
        or(
          and(gte(p.recheckDueOn, today), lte(p.recheckDueOn, horizon)),
          sql`EXISTS (SELECT 1 FROM ${q} WHERE ${q.counselorId} = ${p.id}
                AND ${q.status} = 'verified' AND ${q.expiresOn} BETWEEN ${today} AND ${horizon})`,
        ),
      ),
    );
  let sent = 0;
  let failed = 0;
  for (const { id } of candidates) {
    try {
      sent += await remindCounselor(run, id);
    } catch (err) {
      run.log?.error({ err, counselorId: id }, 'credential sweep: reminder failed');
      failed++;
    }
  }
  return { sent, failed };
}

/** One counselor's due reminders, in a transaction of its own. */
async function remindCounselor(run: OrganizationSweep, counselorId: string): Promise<number> {
  return run.database.db.transaction(async (tx) => {
    const row = (await tx.select().from(p).where(eq(p.id, counselorId)).for('update'))[0];
    if (row?.status !== 'approved') return 0;
    const scope = run.vault.scope(tx, run.organizationId);
    let n = 0;
    for (const due of await dueItems(tx, row)) {
      if (await remindOnce(tx, scope, row, due, run.today, run.settings)) n++;
    }
    return n;
  });
}

async function dueItems(tx: Db, row: CounselorProfileRow): Promise<Due[]> {
  const certificates = await tx
    .select({ id: q.id, expiresOn: q.expiresOn })
    .from(q)
    .where(and(eq(q.counselorId, row.id), eq(q.status, 'verified')));
  const items: Due[] = certificates.flatMap((c) =>
    c.expiresOn
      ? [{ kind: 'qualification', subject: `qualification:${c.id}`, dueOn: c.expiresOn }]
      : [],
  );
  if (row.recheckDueOn)
    items.push({ kind: 'recheck', subject: 'recheck', dueOn: row.recheckDueOn });
  return items;
}

async function remindOnce(
  tx: Db,
  vault: VaultScope,
  row: CounselorProfileRow,
  due: Due,
  today: string,
  settings: CounselorSettings,
): Promise<boolean> {
  const days = daysBetween(today, due.dueOn);
  const threshold = reminderThreshold(days, settings.reminderDays);
  if (threshold === null) return false;
  const inserted = await tx
    .insert(credentialReminders)
    .values({
      organizationId: row.organizationId,
      counselorId: row.id,
      subject: due.subject,
      dueOn: due.dueOn,
      daysBefore: threshold,
    })
    .onConflictDoNothing()
    .returning({ id: credentialReminders.id });
  if (inserted.length === 0) return false;
  await notifyCounselor(tx, vault, row.userId, {
    template: 'credential_reminder',
    params: { kind: due.kind, dueOn: due.dueOn, days },
    mail: true,
  });
  return true;
}
