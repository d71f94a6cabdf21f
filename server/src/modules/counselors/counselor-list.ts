import {
  and,
  asc,
  count,
  desc,
  eq,
  inArray,
  isNotNull,
  isNull,
  lt,
  ne,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import {
  COUNSELOR_STATUSES,
  type CounselorStatus,
  type counselorAdminListQuerySchema,
  type counselorAdminListSchema,
} from '@anxin/common';
import type { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.ts';
import { counselorProfiles, counselorQualifications } from '../../platform/db/schema/index.ts';
import { AppError } from '../../platform/http/app-error.ts';
import { addDays } from './counselor-dates.ts';
import { listableWhere, todayIn } from './counselor-eligibility.ts';
import { getCounselorSettings } from './counselor-settings.service.ts';
import { isReviewOverdue } from './counselor.presenter.ts';
import { counselorPolicy } from './counselor.policy.ts';
import { organizationTimeZone } from './counselor.repo.ts';
import type { CounselorContext } from './counselor-context.ts';

type ListQuery = z.infer<typeof counselorAdminListQuerySchema>;
type AdminList = z.infer<typeof counselorAdminListSchema>;

const p = counselorProfiles;
const q = counselorQualifications;

/**
 * The certificate expiry that matters next: the nearest verified one still valid, or, when
 * none is, the latest that has already passed. Text, so both drivers hand back `YYYY-MM-DD`.
 */
function nextCertificateDue(today: string): SQL<string | null> {
  return sql<string | null>`(SELECT COALESCE(
      MIN(${q.expiresOn}) FILTER (WHERE ${q.expiresOn} >= ${today}),
      MAX(${q.expiresOn}))::text
    FROM ${q} WHERE ${q.counselorId} = ${p.id} AND ${q.status} = 'verified')`;
}

/**
 * Administrators' work lists (A3, A8): the review queue (oldest submission first), who is due
 * for a certificate renewal or re-check, and whose profile has not been confirmed current.
 * Nothing sensitive is selected, so nothing is decrypted and no read is audited.
 */
export async function listProfiles(
  ctx: CounselorContext,
  actor: Actor,
  query: ListQuery,
): Promise<AdminList> {
  if (!counselorPolicy.actionsFor(actor).includes('list')) throw new AppError('forbidden');
  const { db } = ctx.app.database;
  const now = new Date();
  const today = todayIn(await organizationTimeZone(db, actor.organizationId), now);
  const settings = await getCounselorSettings(db, actor.organizationId);
  const visible = counselorPolicy.filter(actor, 'list', p);
  const certDue = nextCertificateDue(today);
  const overdueBefore = new Date(now.getTime() - settings.profileReviewDays * 86_400_000);
  // The SQL twin of `isReviewOverdue` (A8), for the queue.
  const reviewOverdue = and(
    ne(p.status, 'removed'),
    or(isNull(p.lastReviewedAt), lt(p.lastReviewedAt, overdueBefore)),
  );
  const horizon = addDays(today, query.withinDays);

  const queue: Record<NonNullable<ListQuery['queue']>, { where: SQL; order: SQL[] }> = {
    review: {
      where: inArray(p.status, ['submitted', 'under_review']),
      order: [sql`${p.submittedAt} ASC NULLS LAST`],
    },
    expiring: {
      // Already past counts too: those are the ones most in need of attention.
      where: and(
        inArray(p.status, ['approved', 'suspended']),
        or(sql`${p.recheckDueOn} <= ${horizon}`, sql`${certDue} <= ${horizon}`),
      ) as SQL,
      order: [sql`LEAST(${certDue}::date, ${p.recheckDueOn}) ASC NULLS LAST`],
    },
    review_overdue: {
      where: reviewOverdue as SQL,
      order: [sql`${p.lastReviewedAt} ASC NULLS FIRST`],
    },
  };
  const chosen = query.queue ? queue[query.queue] : undefined;
  const where = and(visible, query.status ? eq(p.status, query.status) : undefined, chosen?.where);

  // Plain columns only: Drizzle writes a single-table select list without table names, which
  // would bind a correlated subquery's columns to the wrong table. Derived facts come below.
  const rows = await db
    .select()
    .from(p)
    .where(where)
    .orderBy(...(chosen?.order ?? [desc(p.createdAt)]), asc(p.id))
    .limit(query.limit)
    .offset(query.offset);
  const total = (await db.select({ n: count() }).from(p).where(where))[0]?.n ?? 0;
  const ids = rows.map((r) => r.id);
  const listable = await listableAmong(ctx, ids, today);
  const certificates = await certificateDueAmong(ctx, ids, today);

  return {
    items: rows.map((r) => {
      const due = nearestDue(certificates.get(r.id) ?? null, r.recheckDueOn);
      return {
        id: r.id,
        userId: r.userId,
        displayName: r.displayName,
        status: r.status,
        submittedAt: r.submittedAt?.toISOString() ?? null,
        nextDueOn: due?.on ?? null,
        nextDueKind: due?.kind ?? null,
        lastReviewedAt: r.lastReviewedAt?.toISOString() ?? null,
        reviewOverdue: isReviewOverdue(r, settings, now),
        listable: listable.has(r.id),
      };
    }),
    total,
    counts: await countsByStatus(ctx, visible),
  };
}

async function listableAmong(ctx: CounselorContext, ids: string[], today: string) {
  if (ids.length === 0) return new Set<string>();
  const rows = await ctx.app.database.db
    .select({ id: p.id })
    .from(p)
    .where(and(inArray(p.id, ids), listableWhere(today)));
  return new Set(rows.map((r) => r.id));
}

/** Per counselor: the verified expiry that matters next (see `certificateDue`). */
async function certificateDueAmong(ctx: CounselorContext, ids: string[], today: string) {
  const byCounselor = new Map<string, string[]>();
  if (ids.length === 0) return new Map<string, string | null>();
  const rows = await ctx.app.database.db
    .select({ counselorId: q.counselorId, expiresOn: q.expiresOn })
    .from(q)
    .where(and(inArray(q.counselorId, ids), eq(q.status, 'verified'), isNotNull(q.expiresOn)));
  for (const { counselorId, expiresOn } of rows) {
    if (expiresOn)
      byCounselor.set(counselorId, [...(byCounselor.get(counselorId) ?? []), expiresOn]);
  }
  return new Map([...byCounselor].map(([id, dates]) => [id, certificateDue(dates, today)]));
}

/**
 * The nearest expiry still ahead; when every certificate has expired, the latest one (how long
 * the counselor has been without). The same rule as the queue's SQL (`nextCertificateDue`).
 */
export function certificateDue(expiries: readonly string[], today: string): string | null {
  const ahead = expiries.filter((d) => d >= today).sort();
  if (ahead.length) return ahead[0] ?? null;
  return [...expiries].sort().at(-1) ?? null;
}

/** The nearer of a certificate's expiry and the re-check date (a tie is the certificate). */
export function nearestDue(
  certificate: string | null,
  recheck: string | null,
): { on: string; kind: 'qualification' | 'recheck' } | null {
  if (certificate && (!recheck || certificate <= recheck)) {
    return { on: certificate, kind: 'qualification' };
  }
  return recheck ? { on: recheck, kind: 'recheck' } : null;
}

async function countsByStatus(
  ctx: CounselorContext,
  visible: SQL,
): Promise<Record<CounselorStatus, number>> {
  const rows = await ctx.app.database.db
    .select({ status: p.status, n: count() })
    .from(p)
    .where(visible)
    .groupBy(p.status);
  const counts = Object.fromEntries(COUNSELOR_STATUSES.map((s) => [s, 0])) as Record<
    CounselorStatus,
    number
  >;
  for (const r of rows) counts[r.status] = r.n;
  return counts;
}
