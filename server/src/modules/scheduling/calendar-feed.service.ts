import { randomBytes } from 'node:crypto';
import { and, asc, eq, gte, inArray, isNull, lte } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.ts';
import { audit } from '../../platform/audit/request-audit.ts';
import type { Db } from '../../platform/db/database.ts';
import {
  appointments,
  calendarFeeds,
  counselorProfiles,
  users,
} from '../../platform/db/schema/index.ts';
import { AppError } from '../../platform/http/app-error.ts';
import { loadProfileFor } from '../counselors/counselor-access.ts';
import { publicUrl, type IdentityContext } from '../identity/identity-context.ts';
import { HOLDING_STATUSES } from './appointment-status.ts';
import { appointmentUid, buildCalendar, sessionSummary } from './ics.ts';
import { getSchedulingSettings } from './scheduling-settings.service.ts';

const PURPOSE = 'calendar-feed';
const DAY = 86_400_000;

/**
 * A counselor's private calendar feed (C: confidentiality). The URL is the only credential, so
 * only its keyed digest is stored, a new URL revokes the old, and the feed holds times and the
 * kind of session only — calendar apps sync it to clouds outside the organisation.
 */
export async function issueCalendarFeed(ctx: IdentityContext, actor: Actor, profileId: string) {
  const token = randomBytes(32).toString('base64url');
  await ctx.app.database.db.transaction(async (tx) => {
    const profile = await loadOwnProfile(tx, actor, profileId);
    await revokeActive(tx, profile.id);
    const [feed] = await tx
      .insert(calendarFeeds)
      .values({
        organizationId: profile.organizationId,
        counselorId: profile.id,
        tokenDigest: ctx.app.vault.tokenDigest(PURPOSE, token),
      })
      .returning({ id: calendarFeeds.id });
    await audit(tx, ctx.app.vault.keyring.auditKey, ctx.meta, {
      organizationId: actor.organizationId,
      action: 'calendar_feed.issue',
      entityType: 'calendar_feed',
      entityId: feed?.id ?? null,
      subjectId: profile.userId,
    });
  });
  // Shown once: nothing can show it again, only issue another.
  return { url: publicUrl(ctx, `/api/v1/calendar/${token}.ics`) };
}

export async function revokeCalendarFeed(ctx: IdentityContext, actor: Actor, profileId: string) {
  await ctx.app.database.db.transaction(async (tx) => {
    const profile = await loadOwnProfile(tx, actor, profileId);
    const revoked = await revokeActive(tx, profile.id);
    await audit(tx, ctx.app.vault.keyring.auditKey, ctx.meta, {
      organizationId: actor.organizationId,
      action: 'calendar_feed.revoke',
      entityType: 'counselor_profile',
      entityId: profile.id,
      subjectId: profile.userId,
      changes: { feeds: { old: revoked, new: 0 } },
    });
  });
}

/** The feed's text, or null for an unknown or revoked token (the route answers 404 alike). */
export async function renderCalendarFeed(
  ctx: IdentityContext,
  token: string,
  now: Date = new Date(),
): Promise<string | null> {
  const db = ctx.app.database.db;
  const digest = ctx.app.vault.tokenDigest(PURPOSE, token);
  const [feed] = await db
    .select({
      counselorId: calendarFeeds.counselorId,
      organizationId: calendarFeeds.organizationId,
    })
    .from(calendarFeeds)
    .where(and(eq(calendarFeeds.tokenDigest, digest), isNull(calendarFeeds.revokedAt)));
  if (!feed) return null;
  const [owner] = await db
    .select({ locale: users.locale })
    .from(counselorProfiles)
    .innerJoin(users, eq(users.id, counselorProfiles.userId))
    .where(eq(counselorProfiles.id, feed.counselorId));
  if (!owner) return null;
  const settings = await getSchedulingSettings(db, feed.organizationId);
  const a = appointments;
  const rows = await db
    .select({ id: a.id, startsAt: a.startsAt, endsAt: a.endsAt, status: a.status })
    .from(a)
    .where(
      and(
        eq(a.organizationId, feed.organizationId),
        eq(a.counselorId, feed.counselorId),
        inArray(a.status, [...HOLDING_STATUSES]),
        gte(a.startsAt, new Date(now.getTime() - 30 * DAY)),
        lte(a.startsAt, new Date(now.getTime() + settings.horizonDays * DAY)),
      ),
    )
    .orderBy(asc(a.startsAt));
  return buildCalendar({
    name: owner.locale === 'zh-CN' ? '安心 咨询日程' : 'Anxin sessions',
    now,
    events: rows.map((r) => ({
      uid: appointmentUid(r.id),
      startsAt: r.startsAt,
      endsAt: r.endsAt,
      summary: sessionSummary(owner.locale),
      status: r.status === 'pending' ? 'TENTATIVE' : 'CONFIRMED',
    })),
  });
}

/** The counselor's own profile: administrators can see it (403), nobody else (404). */
async function loadOwnProfile(tx: Db, actor: Actor, profileId: string) {
  const profile = await loadProfileFor(tx, actor, profileId, 'read', { lock: true });
  if (profile.userId !== actor.userId) throw new AppError('forbidden');
  return profile;
}

async function revokeActive(tx: Db, counselorId: string): Promise<number> {
  const rows = await tx
    .update(calendarFeeds)
    .set({ revokedAt: new Date(), updatedAt: new Date() })
    .where(and(eq(calendarFeeds.counselorId, counselorId), isNull(calendarFeeds.revokedAt)))
    .returning({ id: calendarFeeds.id });
  return rows.length;
}
