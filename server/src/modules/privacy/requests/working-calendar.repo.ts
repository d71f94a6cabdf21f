import { and, asc, eq, gte, lte } from 'drizzle-orm';
import type { Db } from '../../../platform/db/database.ts';
import { organizations, workingDayExceptions } from '../../../platform/db/schema/index.ts';
import type { WorkingDayExceptions } from './working-days.ts';

export type WorkingDayExceptionRow = typeof workingDayExceptions.$inferSelect;

export async function organizationTimeZone(db: Db, organizationId: string): Promise<string> {
  const row = (
    await db
      .select({ timeZone: organizations.timeZone })
      .from(organizations)
      .where(eq(organizations.id, organizationId))
  )[0];
  return row?.timeZone ?? 'Asia/Shanghai';
}

export function listExceptions(
  db: Db,
  organizationId: string,
  range: { from?: string; to?: string } = {},
): Promise<WorkingDayExceptionRow[]> {
  return db
    .select()
    .from(workingDayExceptions)
    .where(
      and(
        eq(workingDayExceptions.organizationId, organizationId),
        range.from ? gte(workingDayExceptions.date, range.from) : undefined,
        range.to ? lte(workingDayExceptions.date, range.to) : undefined,
      ),
    )
    .orderBy(asc(workingDayExceptions.date));
}

/** The exceptions from `from` on, as the map the working-day count reads. */
export async function exceptionsFrom(
  db: Db,
  organizationId: string,
  from: string,
): Promise<WorkingDayExceptions> {
  const rows = await listExceptions(db, organizationId, { from });
  return new Map(rows.map((r) => [r.date, r.working]));
}
