import { and, eq, inArray, isNotNull, isNull, lt, ne, notInArray, or, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Logger } from 'pino';
import { appendAudit, type AuditEntry } from '../../../platform/audit/audit.ts';
import type { Vault } from '../../../platform/crypto/vault.ts';
import type { Database, Db } from '../../../platform/db/database.ts';
import {
  auditEvents,
  authTokens,
  notificationOutbox,
  organizations,
  privacyRequests,
  seals,
  sessions,
  userRoles,
  users,
} from '../../../platform/db/schema/index.ts';
import type { JobDefinition } from '../../../platform/jobs/jobs.ts';
import { erasePerson } from '../erasure/erasure.service.ts';
import { recordsOf } from '../erasure/seal.service.ts';
import { sealSourceFor } from '../erasure/sources/index.ts';
import { destroyCounselingRecordsPastCeiling } from './counseling-ceiling.ts';
import { heldSubjects } from './legal-hold.repo.ts';
import { ceilingCutoff, readRetentionSettings } from './retention-settings.ts';

export const RETENTION_JOB = 'privacy.retention';

export interface RetentionReport {
  sealsShredded: number;
  sealsReleased: number;
  accountsErased: number;
  tokensDeleted: number;
  sessionsDeleted: number;
  notificationsDeleted: number;
  requestDetailsErased: number;
  /** Rows of counseling record (of living clients) past the ceiling after their episode. */
  counselingRecordsDestroyed: number;
  /**
   * Audit events past their ceiling. They are not deleted: the table is append-only and
   * hash-chained, so removing a prefix needs a design of its own (a signed checkpoint as the new
   * genesis). The job only reports them.
   */
  auditEventsDue: number;
  failed: number;
}

/** Daily at 03:30 UTC (11:30 in Shanghai would be busy; 03:30 UTC is before the working day). */
export function createRetentionJob(deps: { vault: Vault; auditKey: Buffer }): JobDefinition {
  return {
    name: RETENTION_JOB,
    cron: '30 19 * * *',
    async run({ database, log }) {
      const report = await runRetention(database, deps.vault, deps.auditKey, new Date(), log);
      log.info({ ...report }, 'retention run done');
      if (report.failed > 0) throw new Error('retention run: some destructions failed');
    },
  };
}

/**
 * One retention run at `now` over every organisation (B9). Idempotent: everything it destroys is
 * selected by a condition the destruction itself makes false, and nothing is audited when
 * nothing was destroyed, so a second run changes nothing. People under a legal hold are skipped.
 */
export async function runRetention(
  database: Database,
  vault: Vault,
  auditKey: Buffer,
  now: Date = new Date(),
  log?: Logger,
): Promise<RetentionReport> {
  const report: RetentionReport = {
    sealsShredded: 0,
    sealsReleased: 0,
    accountsErased: 0,
    tokensDeleted: 0,
    sessionsDeleted: 0,
    notificationsDeleted: 0,
    requestDetailsErased: 0,
    counselingRecordsDestroyed: 0,
    auditEventsDue: 0,
    failed: 0,
  };
  const { db } = database;
  const orgs = await db.select({ id: organizations.id }).from(organizations);
  for (const { id: organizationId } of orgs) {
    const systemAudit = (tx: Db, fields: Omit<AuditEntry, 'actorId'>) =>
      appendAudit(tx, auditKey, { ...fields, actorId: null });
    const guarded = async (what: string, fn: () => Promise<void>) => {
      try {
        await fn();
      } catch (err) {
        log?.error({ err, organizationId, what }, 'retention run: step failed');
        report.failed++;
      }
    };
    const settings = await readRetentionSettings(db, organizationId);
    const held = await heldSubjects(db, organizationId);
    const heldIds = [...held];
    const notHeld = (column: AnyPgColumn) =>
      heldIds.length ? notInArray(column, heldIds) : sql`true`;

    // 1. Seals whose floor passed and no hold applies: destroy the seal key, then the rows.
    const live = await db
      .select()
      .from(seals)
      .where(and(eq(seals.organizationId, organizationId), isNull(seals.shreddedAt)));
    for (const seal of live) {
      if (held.has(seal.subjectUserId)) continue;
      await guarded('seal', async () => {
        await db.transaction(async (tx) => {
          let until = seal.sealedUntil;
          if (!until) {
            // Sealed under a hold that has since been released: the floor applies again.
            const floors = recordsOf(seal).map((r) => new Date(r.floorUntil).getTime());
            until = new Date(Math.max(0, ...floors));
            await tx
              .update(seals)
              .set({ sealedUntil: until, updatedAt: now })
              .where(eq(seals.id, seal.id));
            await systemAudit(tx, {
              organizationId,
              action: 'system.seal.release',
              entityType: 'seal',
              entityId: seal.id,
              subjectId: seal.subjectUserId,
              changes: { sealedUntil: { old: null, new: until.toISOString() } },
            });
            report.sealsReleased++;
          }
          if (until > now) return;
          let rows = 0;
          for (const part of recordsOf(seal)) {
            const source = sealSourceFor(part.table);
            if (source) rows += await source.eraseRows(tx, organizationId, part.ids);
          }
          await vault.scope(tx, organizationId).destroyDataKey({ type: 'seal', id: seal.id });
          await tx
            .update(seals)
            .set({ shreddedAt: now, updatedAt: now })
            .where(eq(seals.id, seal.id));
          await systemAudit(tx, {
            organizationId,
            action: 'system.seal.shred',
            entityType: 'seal',
            entityId: seal.id,
            subjectId: seal.subjectUserId,
            reason: 'retention_floor_passed',
            changes: { count: { old: rows, new: 0 } },
          });
          report.sealsShredded++;
        });
      });
    }

    // 2. Accounts never verified within the ceiling (30 days): erased like a deletion request.
    const stale = await db
      .select({ id: users.id })
      .from(users)
      .where(
        and(
          eq(users.organizationId, organizationId),
          eq(users.status, 'active'),
          isNull(users.emailVerifiedAt),
          isNull(users.phoneVerifiedAt),
          lt(users.createdAt, ceilingCutoff(settings, 'unverified_account', now)),
          notHeld(users.id),
          // Clients only: staff join by invitation and are verified by it.
          sql`NOT EXISTS (SELECT 1 FROM ${userRoles} WHERE ${userRoles.userId} = ${users.id}
                AND ${userRoles.role} NOT IN ('client', 'guardian'))`,
        ),
      );
    for (const { id } of stale) {
      await guarded('unverified_account', async () => {
        await db.transaction((tx) =>
          erasePerson(tx, vault, (f) => systemAudit(tx, { ...f, action: `system.${f.action}` }), {
            organizationId,
            subjectUserId: id,
            requestId: null,
            now,
          }),
        );
        report.accountsErased++;
      });
    }

    const tokenCutoff = ceilingCutoff(settings, 'auth_token', now);
    await guarded('tokens', async () => {
      await db.transaction(async (tx) => {
        // 3. Links and codes expired (or used) longer ago than the ceiling.
        const tokens = await tx
          .delete(authTokens)
          .where(
            and(
              eq(authTokens.organizationId, organizationId),
              or(lt(authTokens.expiresAt, tokenCutoff), lt(authTokens.consumedAt, tokenCutoff)),
            ),
          )
          .returning({ id: authTokens.id });
        // 4. Sessions ended (expired or revoked) longer ago than the ceiling: they hold addresses.
        const ended = await tx
          .delete(sessions)
          .where(
            and(
              eq(sessions.organizationId, organizationId),
              or(lt(sessions.absoluteExpiresAt, tokenCutoff), lt(sessions.revokedAt, tokenCutoff)),
              notHeld(sessions.userId),
            ),
          )
          .returning({ id: sessions.id });
        report.tokensDeleted += tokens.length;
        report.sessionsDeleted += ended.length;
        await auditCount(tx, systemAudit, organizationId, 'auth_tokens', tokens.length);
        await auditCount(tx, systemAudit, organizationId, 'sessions', ended.length);
      });
    });

    await guarded('notifications', async () => {
      await db.transaction(async (tx) => {
        // 5. Messages past their ceiling (never one still waiting to be sent).
        const rows = await tx
          .delete(notificationOutbox)
          .where(
            and(
              eq(notificationOutbox.organizationId, organizationId),
              ne(notificationOutbox.status, 'pending'),
              lt(notificationOutbox.createdAt, ceilingCutoff(settings, 'notification', now)),
              or(isNull(notificationOutbox.userId), notHeld(notificationOutbox.userId)),
            ),
          )
          .returning({ id: notificationOutbox.id });
        report.notificationsDeleted += rows.length;
        await auditCount(tx, systemAudit, organizationId, 'notifications', rows.length);
      });
    });

    await guarded('privacy_requests', async () => {
      await db.transaction(async (tx) => {
        // 6. Closed requests past their ceiling: the person's words and the answer go; the
        // row (kind, dates, status, certificate without content) stays as the record of handling.
        const rows = await tx
          .update(privacyRequests)
          .set({ detailEnc: null, answerEnc: null, updatedAt: now })
          .where(
            and(
              eq(privacyRequests.organizationId, organizationId),
              inArray(privacyRequests.status, ['completed', 'rejected']),
              lt(privacyRequests.completedAt, ceilingCutoff(settings, 'privacy_request', now)),
              or(isNotNull(privacyRequests.detailEnc), isNotNull(privacyRequests.answerEnc)),
              notHeld(privacyRequests.subjectUserId),
            ),
          )
          .returning({ id: privacyRequests.id });
        report.requestDetailsErased += rows.length;
        await auditCount(tx, systemAudit, organizationId, 'privacy_request_details', rows.length);
      });
    });

    // 7. Counseling records of living clients, past the ceiling after their episode closed.
    report.counselingRecordsDestroyed += await destroyCounselingRecordsPastCeiling({
      db,
      vault,
      organizationId,
      settings,
      heldIds,
      now,
      systemAudit,
      guarded,
    });

    // 8. Audit events past their ceiling: reported, not deleted (see RetentionReport).
    const [due] = await db
      .select({ n: sql<number>`count(*)::int`.mapWith(Number) })
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.organizationId, organizationId),
          lt(auditEvents.createdAt, ceilingCutoff(settings, 'audit_event', now)),
        ),
      );
    report.auditEventsDue += due?.n ?? 0;
  }
  // The external shares of every key destroyed above (idempotent).
  await vault.finishShredding(db);
  return report;
}

async function auditCount(
  tx: Db,
  systemAudit: (tx: Db, fields: Omit<AuditEntry, 'actorId'>) => Promise<unknown>,
  organizationId: string,
  category: string,
  count: number,
) {
  if (count === 0) return;
  await systemAudit(tx, {
    organizationId,
    action: 'system.retention.destroy',
    entityType: category,
    reason: 'retention_ceiling_passed',
    changes: { count: { old: count, new: 0 } },
  });
}
