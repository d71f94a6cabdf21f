import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { referralResources } from '../../platform/db/schema/index.ts';

export type ReferralResourceRow = typeof referralResources.$inferSelect;
export type ReferralResourcePatch = Partial<
  Pick<
    ReferralResourceRow,
    'kind' | 'nameZh' | 'nameEn' | 'phone' | 'address' | 'hours' | 'notes' | 'active' | 'sortOrder'
  >
>;

export function listResources(db: Db, organizationId: string, includeInactive: boolean) {
  return db
    .select()
    .from(referralResources)
    .where(
      and(
        eq(referralResources.organizationId, organizationId),
        includeInactive ? undefined : eq(referralResources.active, true),
      ),
    )
    .orderBy(
      asc(referralResources.sortOrder),
      asc(referralResources.kind),
      asc(referralResources.nameZh),
    );
}

export async function findResource(
  db: Db,
  organizationId: string,
  id: string,
  options: { lock?: boolean } = {},
): Promise<ReferralResourceRow | undefined> {
  const q = db
    .select()
    .from(referralResources)
    .where(and(eq(referralResources.organizationId, organizationId), eq(referralResources.id, id)));
  return (options.lock ? await q.for('update') : await q)[0];
}

export async function insertResource(tx: Db, values: typeof referralResources.$inferInsert) {
  const [row] = await tx.insert(referralResources).values(values).returning();
  if (!row) throw new Error('referral resource not inserted');
  return row;
}

export async function updateResource(tx: Db, id: string, patch: ReferralResourcePatch) {
  const [row] = await tx
    .update(referralResources)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(referralResources.id, id))
    .returning();
  if (!row) throw new Error('referral resource vanished');
  return row;
}
