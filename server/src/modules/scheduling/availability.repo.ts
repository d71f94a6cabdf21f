import { and, asc, eq, gte, inArray } from 'drizzle-orm';
import type { Availability } from '@anxin/common';
import type { Db } from '../../platform/db/database.ts';
import { availabilityOverrides, availabilityRules } from '../../platform/db/schema/index.ts';
import type { DateOverride, WeeklyRule } from './slots.ts';

type Input = Omit<Availability, 'counselorId' | 'timeZone'>;

/** The weekly rules and the overrides from `fromDate` on, of several counselors in two queries. */
export async function findAvailabilityOf(
  db: Db,
  organizationId: string,
  counselorIds: readonly string[],
  fromDate: string,
): Promise<Map<string, { rules: WeeklyRule[]; overrides: DateOverride[] }>> {
  const out = new Map<string, { rules: WeeklyRule[]; overrides: DateOverride[] }>();
  if (counselorIds.length === 0) return out;
  for (const id of counselorIds) out.set(id, { rules: [], overrides: [] });
  const r = availabilityRules;
  const o = availabilityOverrides;
  const [rules, overrides] = await Promise.all([
    db
      .select({
        counselorId: r.counselorId,
        weekday: r.weekday,
        start: r.startTime,
        end: r.endTime,
      })
      .from(r)
      .where(and(eq(r.organizationId, organizationId), inArray(r.counselorId, [...counselorIds])))
      .orderBy(asc(r.weekday), asc(r.startTime)),
    db
      .select({
        counselorId: o.counselorId,
        date: o.date,
        kind: o.kind,
        start: o.startTime,
        end: o.endTime,
      })
      .from(o)
      .where(
        and(
          eq(o.organizationId, organizationId),
          inArray(o.counselorId, [...counselorIds]),
          gte(o.date, fromDate),
        ),
      )
      .orderBy(asc(o.date), asc(o.startTime)),
  ]);
  for (const { counselorId, ...rule } of rules) out.get(counselorId)?.rules.push(rule);
  for (const { counselorId, ...override } of overrides)
    out.get(counselorId)?.overrides.push(override);
  return out;
}

/** Replaces a counselor's rules and overrides; the caller holds the transaction. */
export async function replaceAvailability(
  tx: Db,
  organizationId: string,
  counselorId: string,
  input: Input,
): Promise<void> {
  const scope = (t: typeof availabilityRules | typeof availabilityOverrides) =>
    and(eq(t.organizationId, organizationId), eq(t.counselorId, counselorId));
  await tx.delete(availabilityRules).where(scope(availabilityRules));
  await tx.delete(availabilityOverrides).where(scope(availabilityOverrides));
  if (input.rules.length) {
    await tx.insert(availabilityRules).values(
      input.rules.map((rule) => ({
        organizationId,
        counselorId,
        weekday: rule.weekday,
        startTime: rule.start,
        endTime: rule.end,
      })),
    );
  }
  if (input.overrides.length) {
    await tx.insert(availabilityOverrides).values(
      input.overrides.map((o) => ({
        organizationId,
        counselorId,
        date: o.date,
        kind: o.kind,
        startTime: o.start,
        endTime: o.end,
      })),
    );
  }
}
