import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { authThrottle } from '../../platform/db/schema/index.ts';

/** Five fast failures lock the account key; each further lockout doubles, up to a day. */
export const THROTTLE = {
  failures: 5,
  windowMs: 15 * 60_000,
  firstLockMs: 60_000,
  maxLockMs: 86_400_000,
};

export interface ThrottleState {
  lockedUntil: Date | null;
}

export async function throttleState(
  db: Db,
  organizationId: string,
  key: string,
): Promise<ThrottleState> {
  const row = (
    await db
      .select({ lockedUntil: authThrottle.lockedUntil })
      .from(authThrottle)
      .where(and(eq(authThrottle.organizationId, organizationId), eq(authThrottle.key, key)))
  )[0];
  const lockedUntil = row?.lockedUntil && row.lockedUntil > new Date() ? row.lockedUntil : null;
  return { lockedUntil };
}

/**
 * Counts a failure; returns the lock's end when this failure locked the key. The upsert is one
 * statement, so concurrent failures from several instances all count.
 */
export async function recordFailure(
  db: Db,
  organizationId: string,
  key: string,
): Promise<Date | null> {
  const now = new Date();
  const windowStart = new Date(now.getTime() - THROTTLE.windowMs);
  const [row] = await db
    .insert(authThrottle)
    .values({ organizationId, key, failures: 1, windowStartedAt: now })
    .onConflictDoUpdate({
      target: [authThrottle.organizationId, authThrottle.key],
      set: {
        failures: sql`CASE WHEN ${authThrottle.windowStartedAt} < ${windowStart} THEN 1 ELSE ${authThrottle.failures} + 1 END`,
        windowStartedAt: sql`CASE WHEN ${authThrottle.windowStartedAt} < ${windowStart} THEN ${now} ELSE ${authThrottle.windowStartedAt} END`,
        updatedAt: now,
      },
    })
    .returning();
  if (!row || row.failures < THROTTLE.failures) return null;
  const lockMs = Math.min(THROTTLE.firstLockMs * 2 ** row.lockouts, THROTTLE.maxLockMs);
  const lockedUntil = new Date(now.getTime() + lockMs);
  await db
    .update(authThrottle)
    .set({ lockedUntil, lockouts: row.lockouts + 1, failures: 0, windowStartedAt: now })
    .where(eq(authThrottle.id, row.id));
  return lockedUntil;
}

/** A success clears the failure count but keeps the lockout history (the back-off keeps growing). */
export async function recordSuccess(db: Db, organizationId: string, key: string): Promise<void> {
  await db
    .update(authThrottle)
    .set({ failures: 0 })
    .where(and(eq(authThrottle.organizationId, organizationId), eq(authThrottle.key, key)));
}
