import type { RetentionSettings } from '@anxin/common';
import { and, eq, lt, ne, notInArray, sql } from 'drizzle-orm';
import type { AuditEntry } from '../../../platform/audit/audit.ts';
import type { Vault } from '../../../platform/crypto/vault.ts';
import type { Db } from '../../../platform/db/database.ts';
import { careEpisodes, users } from '../../../platform/db/schema/index.ts';
import { ERASURE_SOURCES } from '../erasure/sources/index.ts';
import type { SealSource } from '../erasure/erasure-source.ts';
import { ceilingCutoff } from './retention-settings.ts';

/**
 * The tables whose rows are counseling record (notes, questionnaires, transcripts, goals…), in
 * the reverse of their listing: a table listed after another may hang off it (reviews off
 * goals), and going child first means no row is taken by a cascade without being counted.
 */
const COUNSELING_SOURCES = ERASURE_SOURCES.filter(
  (s): s is SealSource => s.kind === 'seal' && s.recordType === 'counseling_record',
).reverse();

/**
 * Counseling records past their ceiling while the client's account lives (B9). An erased
 * person's records are sealed and shredded at the floor by the seal step; a living client's
 * records of an episode closed longer ago than the organisation's ceiling are destroyed here,
 * table by table, through the same `eraseRows` that ends a seal, so each table's own rule for
 * what goes (a note's versions; the answers of a questionnaire) is stated once. The rows that
 * carry no content (a record's type, dates and status; the episode) stay for statistics.
 *
 * One transaction per client, with one audit event per table naming the count. Idempotent: the
 * rows destroyed are the ones selected, so a second run finds nothing and audits nothing.
 * Records of an episode still open, or of a client under a legal hold, are never selected.
 */
export async function destroyCounselingRecordsPastCeiling(o: {
  db: Db;
  vault: Vault;
  organizationId: string;
  settings: RetentionSettings;
  heldIds: readonly string[];
  now: Date;
  systemAudit: (tx: Db, fields: Omit<AuditEntry, 'actorId'>) => Promise<unknown>;
  guarded: (what: string, fn: () => Promise<void>) => Promise<void>;
}): Promise<number> {
  const { db, organizationId, settings, now } = o;
  const cutoff = ceilingCutoff(settings, 'counseling_record', now);
  const clients = await db
    .selectDistinct({ id: careEpisodes.clientUserId })
    .from(careEpisodes)
    .innerJoin(users, eq(users.id, careEpisodes.clientUserId))
    .where(
      and(
        eq(careEpisodes.organizationId, organizationId),
        eq(careEpisodes.status, 'closed'),
        lt(careEpisodes.closedAt, cutoff),
        // A tombstone's records are the seal step's.
        ne(users.status, 'erased'),
        o.heldIds.length ? notInArray(careEpisodes.clientUserId, [...o.heldIds]) : sql`true`,
      ),
    );
  let destroyed = 0;
  for (const { id: subjectUserId } of clients) {
    await o.guarded('counseling_record', async () => {
      await db.transaction(async (tx) => {
        const run = {
          tx,
          vault: o.vault.scope(tx, organizationId),
          organizationId,
          subjectUserId,
          now,
          settings,
        };
        for (const source of COUNSELING_SOURCES) {
          // `floorFrom` is the close of the row's episode (now while it is open): past the
          // ceiling means closed before the cutoff.
          const due = (await source.findSealable(run))
            .filter((row) => row.floorFrom < cutoff)
            .map((row) => row.id);
          const count = await source.eraseRows(tx, organizationId, due);
          if (count === 0) continue;
          destroyed += count;
          await o.systemAudit(tx, {
            organizationId,
            action: 'system.retention.destroy',
            entityType: source.table,
            subjectId: subjectUserId,
            reason: 'retention_ceiling_passed',
            changes: { count: { old: count, new: 0 } },
          });
        }
      });
    });
  }
  return destroyed;
}
