import { and, desc, eq, gte, inArray, isNull, lt, notInArray, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { notificationOutbox as t } from '../../platform/db/schema/index.ts';

export type OutboxRow = typeof t.$inferSelect;
export type NewOutboxRow = typeof t.$inferInsert & { id: string };

/** SQL only, scoped by organisation where a person asks; decides nothing about permissions. */
export async function insertOutboxRow(db: Db, row: NewOutboxRow): Promise<void> {
  await db.insert(t).values(row);
}

export function selectInApp(db: Db, organizationId: string, userId: string, limit: number) {
  return db
    .select()
    .from(t)
    .where(and(eq(t.organizationId, organizationId), eq(t.userId, userId), eq(t.channel, 'in_app')))
    .orderBy(desc(t.createdAt), desc(t.id))
    .limit(limit);
}

export async function countUnreadInApp(db: Db, organizationId: string, userId: string) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(t)
    .where(
      and(
        eq(t.organizationId, organizationId),
        eq(t.userId, userId),
        eq(t.channel, 'in_app'),
        isNull(t.readAt),
      ),
    );
  return row?.n ?? 0;
}

/** Sets read_at once (a second call keeps the first time); false when it is not theirs. */
export async function updateReadAt(db: Db, organizationId: string, userId: string, id: string) {
  const rows = await db
    .update(t)
    .set({ readAt: sql`coalesce(${t.readAt}, now())`, updatedAt: sql`now()` })
    .where(
      and(
        eq(t.id, id),
        eq(t.organizationId, organizationId),
        eq(t.userId, userId),
        eq(t.channel, 'in_app'),
      ),
    )
    .returning({ id: t.id });
  return rows.length > 0;
}

export function selectOutboxPage(db: Db, organizationId: string, limit: number) {
  return db
    .select()
    .from(t)
    .where(eq(t.organizationId, organizationId))
    .orderBy(desc(t.createdAt), desc(t.id))
    .limit(limit);
}

/** In-app messages are delivered by existing: they only change state, with no attempt counted. */
export async function markInAppDelivered(db: Db): Promise<number> {
  const rows = await db
    .update(t)
    .set({ status: 'sent', sentAt: sql`now()`, updatedAt: sql`now()` })
    .where(and(eq(t.status, 'pending'), eq(t.channel, 'in_app')))
    .returning({ id: t.id });
  return rows.length;
}

export interface ClaimOptions {
  batchSize: number;
  /** Seconds to wait before attempt n+1 (index n); index 0 is the first attempt, normally 0. */
  backoffSeconds: readonly number[];
  excludeChannels: readonly ('email' | 'sms')[];
}

/**
 * Claims a batch of due messages in one statement and counts the attempt up front. The row lock
 * (SKIP LOCKED) keeps two workers from claiming the same row at the same moment; the new
 * `updated_at` then keeps it out of the next claims until its back-off has passed, which lets the
 * send happen outside any transaction (PGlite has one connection: holding a transaction across
 * an SMTP conversation would stall every request). A crash mid-send leaves the row pending, to
 * be tried again: delivery is at least once.
 */
export function claimDue(db: Db, options: ClaimOptions): Promise<OutboxRow[]> {
  const schedule = `{${options.backoffSeconds.map((s) => Math.max(0, Math.trunc(s))).join(',')}}`;
  const candidates = db
    .select({ id: t.id })
    .from(t)
    .where(
      and(
        eq(t.status, 'pending'),
        inArray(t.channel, ['email', 'sms']),
        options.excludeChannels.length > 0
          ? notInArray(t.channel, [...options.excludeChannels])
          : undefined,
        lt(t.attempts, options.backoffSeconds.length),
        // The database clock throughout: app and database clocks may disagree.
        sql`${t.updatedAt} <= now() - make_interval(secs => (${schedule}::int[])[${t.attempts} + 1])`,
      ),
    )
    .orderBy(t.createdAt)
    .limit(options.batchSize)
    .for('update', { skipLocked: true });
  return db
    .update(t)
    .set({ attempts: sql`${t.attempts} + 1`, updatedAt: sql`now()` })
    .where(and(inArray(t.id, candidates), eq(t.status, 'pending')))
    .returning();
}

export async function markSent(db: Db, id: string): Promise<void> {
  await db
    .update(t)
    .set({ status: 'sent', sentAt: sql`now()`, lastError: null, updatedAt: sql`now()` })
    .where(eq(t.id, id));
}

/** After a failed attempt: pending for another try, or failed for good. */
export async function markAttemptFailed(db: Db, id: string, error: string, final: boolean) {
  await db
    .update(t)
    .set({ status: final ? 'failed' : 'pending', lastError: error, updatedAt: sql`now()` })
    .where(eq(t.id, id));
}

/** The channel has no provider: give the attempt back so the message waits for one. */
export async function releaseClaim(db: Db, id: string, error: string): Promise<void> {
  await db
    .update(t)
    .set({
      attempts: sql`greatest(${t.attempts} - 1, 0)`,
      lastError: error,
      updatedAt: sql`now()`,
    })
    .where(eq(t.id, id));
}

/**
 * Rows whose last attempt was claimed but never finished (the process died mid-send) after the
 * final attempt: nobody would claim them again, so they are closed as failed once their claim
 * has had time to finish.
 */
export async function failAbandoned(db: Db, maxAttempts: number, leaseSeconds: number) {
  const rows = await db
    .update(t)
    .set({ status: 'failed', lastError: 'Interrupted', updatedAt: sql`now()` })
    .where(
      and(
        eq(t.status, 'pending'),
        gte(t.attempts, maxAttempts),
        sql`${t.updatedAt} <= now() - make_interval(secs => ${leaseSeconds})`,
      ),
    )
    .returning({ id: t.id });
  return rows.length;
}
