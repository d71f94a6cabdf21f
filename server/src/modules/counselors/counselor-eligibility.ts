import { and, eq, exists, gte, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import {
  counselorProfiles,
  counselorQualifications,
  counselorRelationships,
  users,
  vocabularyTerms,
} from '../../platform/db/schema/index.ts';

/**
 * The one rule of A3 that everything client-facing depends on: a counselor may be listed, booked
 * or routed hotline contacts only when approved, holding a verified qualification of a type that
 * qualifies and has not expired, with the periodic re-check not overdue. The expiry job suspends
 * those who fall out; this predicate also holds between its runs, so a certificate that expired
 * at midnight stops a booking at 00:00:01, not at the next sweep.
 *
 * `today` is the organisation's calendar date (YYYY-MM-DD).
 */
export function listableWhere(today: string): SQL {
  const p = counselorProfiles;
  return and(
    eq(p.status, 'approved'),
    or(isNull(p.recheckDueOn), gte(p.recheckDueOn, today)),
    holdsQualifyingCertificate(today),
  ) as SQL;
}

/**
 * The certificate half of the rule, on its own: approval and reinstatement require it before
 * the profile is approved (so it cannot be expressed through `listableWhere`).
 */
export function holdsQualifyingCertificate(today: string): SQL {
  const p = counselorProfiles;
  const q = counselorQualifications;
  return exists(
    sql`(SELECT 1 FROM ${q} JOIN ${vocabularyTerms} ON ${vocabularyTerms.organizationId} = ${q.organizationId}
          AND ${vocabularyTerms.kind} = 'qualification_type' AND ${vocabularyTerms.code} = ${q.typeCode}
          AND ${vocabularyTerms.qualifies}
        WHERE ${q.counselorId} = ${p.id} AND ${q.status} = 'verified'
          AND (${q.expiresOn} IS NULL OR ${q.expiresOn} >= ${today}))`,
  );
}

/** Whether one counselor is listable today (the same predicate, for a single row). */
export async function isListable(
  db: Db,
  organizationId: string,
  counselorId: string,
  today: string,
): Promise<boolean> {
  const rows = await db
    .select({ id: counselorProfiles.id })
    .from(counselorProfiles)
    .where(
      and(
        eq(counselorProfiles.organizationId, organizationId),
        eq(counselorProfiles.id, counselorId),
        listableWhere(today),
      ),
    );
  return rows.length > 0;
}

/**
 * A declared, current dual relationship between this counselor and this client (C2): booking
 * and routing between the pair must refuse. The declaration names the person by the blind index
 * of an e-mail or mobile number, matched here against the client's own contact indexes.
 * Scheduling calls this at the point of booking.
 */
export async function hasDeclaredConflict(
  db: Db,
  organizationId: string,
  counselorId: string,
  clientUserId: string,
): Promise<boolean> {
  const r = counselorRelationships;
  const rows = await db
    .select({ id: r.id })
    .from(r)
    .innerJoin(
      users,
      and(
        eq(users.id, clientUserId),
        eq(users.organizationId, organizationId),
        or(eq(r.clientContactIndex, users.emailIndex), eq(r.clientContactIndex, users.phoneIndex)),
      ),
    )
    .where(
      and(eq(r.organizationId, organizationId), eq(r.counselorId, counselorId), isNull(r.endedAt)),
    )
    .limit(1);
  return rows.length > 0;
}

/** The organisation's calendar date now, in its IANA time zone (not the server's). */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  // en-CA formats as YYYY-MM-DD; Intl does the zone arithmetic, never a hand-made offset.
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dayFormats.set(timeZone, format);
  }
  return format.format(now);
}

/** Building a formatter costs far more than formatting; organisations use a handful of zones. */
const dayFormats = new Map<string, Intl.DateTimeFormat>();
