import { createHash } from 'node:crypto';
import { and, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import type { Role } from '@anxin/common';
import type { Db } from '../db/database.ts';
import { breakGlassGrants, mfaTotp, sessions, userRoles, users } from '../db/schema/index.ts';
import { isStaff, mfaRequired, type Actor } from './actor.ts';
import { randomToken } from './secrets.ts';

/** Staff: 15 minutes idle, 12 hours in all. Clients: 60 minutes idle, 24 hours in all. */
export const SESSION_LIMITS = {
  staff: { idleMs: 15 * 60_000, absoluteMs: 12 * 3_600_000 },
  client: { idleMs: 60 * 60_000, absoluteMs: 24 * 3_600_000 },
} as const;

interface BreakGlassRow {
  grantId: string;
  resourceType: string;
  resourceId: string;
}

/** last_seen_at is written at most this often, not on every request. */
const TOUCH_MS = 30_000;

/** The session token is a 256-bit secret; only its SHA-256 is stored. */
export const hashSessionToken = (token: string) =>
  createHash('sha256').update(token).digest('base64url');

export interface NewSession {
  organizationId: string;
  userId: string;
  roles: readonly Role[];
  mfaVerified: boolean;
  ip: string | null;
  userAgent: string | null;
}

export async function createSession(tx: Db, s: NewSession) {
  const token = randomToken();
  const kind = isStaff(s.roles) ? 'staff' : 'client';
  const now = Date.now();
  const [row] = await tx
    .insert(sessions)
    .values({
      organizationId: s.organizationId,
      userId: s.userId,
      tokenHash: hashSessionToken(token),
      kind,
      absoluteExpiresAt: new Date(now + SESSION_LIMITS[kind].absoluteMs),
      mfaVerifiedAt: s.mfaVerified ? new Date(now) : null,
      ip: s.ip,
      userAgent: s.userAgent?.slice(0, 200) ?? null,
    })
    .returning();
  if (!row) throw new Error('session not created');
  return { token, session: row };
}

export async function revokeSession(tx: Db, sessionId: string, reason: string) {
  await tx
    .update(sessions)
    .set({ revokedAt: new Date(), revokedReason: reason })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
}

/** Revokes every live session of a user, optionally keeping one; returns how many. */
export async function revokeUserSessions(
  tx: Db,
  userId: string,
  reason: string,
  keepSessionId?: string,
): Promise<number> {
  const conditions = [eq(sessions.userId, userId), isNull(sessions.revokedAt)];
  if (keepSessionId) conditions.push(ne(sessions.id, keepSessionId));
  const rows = await tx
    .update(sessions)
    .set({ revokedAt: new Date(), revokedReason: reason })
    .where(and(...conditions))
    .returning({ id: sessions.id });
  return rows.length;
}

/**
 * The actor behind a session token, or null when the token is unknown, revoked, idle too long or
 * past its absolute lifetime. A disabled account has no actor.
 */
export async function resolveSession(db: Db, token: string): Promise<Actor | null> {
  const now = new Date();
  // One round trip: this runs before every signed-in request, so roles, the second factor and
  // break-glass grants come back with the session rather than as three more queries.
  const rows = await db
    .select({
      session: sessions,
      user: users,
      roles: sql<Role[] | null>`(SELECT array_agg(${userRoles.role}) FROM ${userRoles}
        WHERE ${userRoles.userId} = ${users.id})`,
      mfaEnrolled: sql<boolean>`EXISTS (SELECT 1 FROM ${mfaTotp}
        WHERE ${mfaTotp.userId} = ${users.id} AND ${mfaTotp.confirmedAt} IS NOT NULL)`,
      breakGlass: sql<BreakGlassRow[] | null>`(SELECT json_agg(json_build_object(
          'grantId', ${breakGlassGrants.id}, 'resourceType', ${breakGlassGrants.resourceType},
          'resourceId', ${breakGlassGrants.resourceId}))
        FROM ${breakGlassGrants} WHERE ${breakGlassGrants.actorId} = ${users.id}
          AND ${breakGlassGrants.endedAt} IS NULL AND ${breakGlassGrants.expiresAt} > ${now.toISOString()})`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.tokenHash, hashSessionToken(token)),
        isNull(sessions.revokedAt),
        gt(sessions.absoluteExpiresAt, now),
      ),
    )
    .limit(1);
  const row = rows[0];
  if (!row || row.user.status !== 'active') return null;
  const { session, user } = row;
  if (now.getTime() - session.lastSeenAt.getTime() > SESSION_LIMITS[session.kind].idleMs) {
    await revokeSession(db, session.id, 'idle_timeout');
    return null;
  }
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_MS) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, session.id));
  }
  const roles = row.roles ?? [];
  const mfaEnrolled = row.mfaEnrolled;
  // Grants are for supervisors and administrators only (a grant left from a removed role is void).
  const breakGlass = roles.some((r) => r === 'supervisor' || r === 'administrator')
    ? (row.breakGlass ?? [])
    : [];
  return {
    userId: user.id,
    organizationId: user.organizationId,
    displayName: user.displayName,
    roles,
    sessionId: session.id,
    sessionKind: session.kind,
    verified: Boolean(user.emailVerifiedAt ?? user.phoneVerifiedAt),
    mfaEnrolled,
    mfaSatisfied: mfaEnrolled ? session.mfaVerifiedAt !== null : !mfaRequired(roles),
    isDemo: user.isDemo,
    breakGlass,
  };
}
