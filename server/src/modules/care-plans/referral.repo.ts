import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { referrals, riskSignals, users } from '../../platform/db/schema/index.ts';
import type { CareResource } from '../records/clinical-relations.ts';
import { careResourceColumns, toCareResource } from './care-access.ts';

export type ReferralRow = typeof referrals.$inferSelect;
export interface ReferralHit {
  row: ReferralRow;
  resource: CareResource;
  authorName: string;
}

/** The referrals matching `where`, newest first, each with what the policy needs. SQL only. */
export async function selectReferrals(
  db: Db,
  where: SQL,
  options: { lock?: boolean; limit?: number } = {},
): Promise<ReferralHit[]> {
  const q = db
    .select({ row: referrals, authorName: users.displayName, ...careResourceColumns(referrals) })
    .from(referrals)
    .innerJoin(users, eq(users.id, referrals.authorUserId))
    .where(where)
    .orderBy(desc(referrals.madeAt), desc(referrals.id))
    .limit(options.limit ?? 500);
  const rows = options.lock ? await q.for('update', { of: referrals }) : await q;
  return rows.map((r) => ({
    row: r.row,
    authorName: r.authorName,
    resource: toCareResource(r.row, r),
  }));
}

export async function findReferral(db: Db, organizationId: string, id: string, lock = false) {
  const [hit] = await selectReferrals(
    db,
    and(eq(referrals.organizationId, organizationId), eq(referrals.id, id)) ?? sql`false`,
    { lock, limit: 1 },
  );
  return hit;
}

export async function insertReferral(tx: Db, values: typeof referrals.$inferInsert) {
  const [row] = await tx.insert(referrals).values(values).returning();
  if (!row) throw new Error('referral not inserted');
  return row;
}

export async function setReferralStatus(
  tx: Db,
  id: string,
  values: Partial<Pick<ReferralRow, 'status' | 'acknowledgedAt' | 'closedAt' | 'outcomeEnc'>>,
) {
  const [row] = await tx
    .update(referrals)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(referrals.id, id))
    .returning();
  if (!row) throw new Error('referral vanished');
  return row;
}

/** Whether a risk signal concerns this client (a referral may cite the one that prompted it). */
export async function isRiskSignalOf(
  db: Db,
  organizationId: string,
  id: string,
  clientUserId: string,
) {
  const [row] = await db
    .select({ id: riskSignals.id })
    .from(riskSignals)
    .where(
      and(
        eq(riskSignals.organizationId, organizationId),
        eq(riskSignals.id, id),
        eq(riskSignals.subjectUserId, clientUserId),
      ),
    );
  return Boolean(row);
}
