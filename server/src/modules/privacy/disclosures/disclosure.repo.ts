import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../platform/db/database.ts';
import {
  appointments,
  careEpisodes,
  counselorProfiles,
  disclosures,
  users,
} from '../../../platform/db/schema/index.ts';

export type DisclosureRow = typeof disclosures.$inferSelect;
export type NewDisclosureRow = typeof disclosures.$inferInsert;

export async function insertDisclosure(tx: Db, row: NewDisclosureRow): Promise<DisclosureRow> {
  const [inserted] = await tx.insert(disclosures).values(row).returning();
  if (!inserted) throw new Error('disclosure not inserted');
  return inserted;
}

export async function findDisclosure(
  db: Db,
  organizationId: string,
  id: string,
  options: { lock?: boolean } = {},
): Promise<DisclosureRow | undefined> {
  const q = db
    .select()
    .from(disclosures)
    .where(and(eq(disclosures.organizationId, organizationId), eq(disclosures.id, id)));
  return (options.lock ? await q.for('update') : await q)[0];
}

export function listDisclosures(db: Db, where: SQL, limit = 200): Promise<DisclosureRow[]> {
  return db
    .select()
    .from(disclosures)
    .where(where)
    .orderBy(desc(disclosures.disclosedAt), desc(disclosures.id))
    .limit(limit);
}

export async function setApproval(tx: Db, id: string, approvedBy: string, at: Date) {
  const [row] = await tx
    .update(disclosures)
    .set({ approvedBy, approvedAt: at })
    .where(eq(disclosures.id, id))
    .returning();
  if (!row) throw new Error('disclosure vanished');
  return row;
}

/** Whether the user is an active person of the organisation (a disclosure's subject). */
export async function isPersonOf(db: Db, organizationId: string, userId: string) {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.organizationId, organizationId), eq(users.id, userId)));
  return Boolean(row);
}

/**
 * A counselor's client: someone with an appointment or an episode of care with the counselor
 * (any status: a disclosure may concern a past client).
 */
export async function isClientOfCounselor(
  db: Db,
  organizationId: string,
  counselorUserId: string,
  clientUserId: string,
): Promise<boolean> {
  const profiles = sql`(SELECT ${counselorProfiles.id} FROM ${counselorProfiles}
    WHERE ${counselorProfiles.userId} = ${counselorUserId}
      AND ${counselorProfiles.organizationId} = ${organizationId})`;
  const [episode] = await db
    .select({ id: careEpisodes.id })
    .from(careEpisodes)
    .where(
      and(
        eq(careEpisodes.organizationId, organizationId),
        eq(careEpisodes.clientUserId, clientUserId),
        sql`${careEpisodes.counselorId} IN ${profiles}`,
      ),
    )
    .limit(1);
  if (episode) return true;
  const [appointment] = await db
    .select({ id: appointments.id })
    .from(appointments)
    .where(
      and(
        eq(appointments.organizationId, organizationId),
        eq(appointments.clientUserId, clientUserId),
        sql`${appointments.counselorId} IN ${profiles}`,
      ),
    )
    .limit(1);
  return Boolean(appointment);
}
