import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { appointments, ledgerEntries } from '../../platform/db/schema/index.ts';

export type LedgerRow = typeof ledgerEntries.$inferSelect;
export type NewLedgerRow = typeof ledgerEntries.$inferInsert;

/** SQL only, scoped by organisation; decides no permission. The table is append-only (C10). */
export async function insertLedgerEntry(db: Db, row: NewLedgerRow): Promise<LedgerRow> {
  const [inserted] = await db.insert(ledgerEntries).values(row).returning();
  if (!inserted) throw new Error('ledger entry not inserted');
  return inserted;
}

export function selectEntriesOfClient(db: Db, organizationId: string, clientUserId: string) {
  return db
    .select()
    .from(ledgerEntries)
    .where(
      and(
        eq(ledgerEntries.organizationId, organizationId),
        eq(ledgerEntries.clientUserId, clientUserId),
      ),
    )
    .orderBy(asc(ledgerEntries.createdAt), asc(ledgerEntries.id));
}

export function selectEntriesOfAppointment(db: Db, organizationId: string, appointmentId: string) {
  return db
    .select()
    .from(ledgerEntries)
    .where(
      and(
        eq(ledgerEntries.organizationId, organizationId),
        eq(ledgerEntries.appointmentId, appointmentId),
      ),
    )
    .orderBy(asc(ledgerEntries.createdAt), asc(ledgerEntries.id));
}

/** The statuses of the appointments the entries belong to: the balance rule needs them. */
export async function selectAppointmentStatuses(
  db: Db,
  organizationId: string,
  ids: readonly string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: appointments.id, status: appointments.status })
    .from(appointments)
    .where(
      and(eq(appointments.organizationId, organizationId), inArray(appointments.id, [...ids])),
    );
  return new Map(rows.map((r) => [r.id, r.status]));
}

export async function findAppointment(db: Db, organizationId: string, id: string) {
  const rows = await db
    .select()
    .from(appointments)
    .where(and(eq(appointments.organizationId, organizationId), eq(appointments.id, id)));
  return rows[0];
}
