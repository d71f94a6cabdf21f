import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { counselorProfiles } from '../../platform/db/schema/index.ts';
import { AppError, notFound } from '../../platform/http/app-error.ts';
import { counselorPolicy } from './counselor.policy.ts';

export type CounselorProfileRow = typeof counselorProfiles.$inferSelect;
export type CounselorAction = Parameters<typeof counselorPolicy.can>[1];

export async function findProfile(
  db: Db,
  organizationId: string,
  id: string,
): Promise<CounselorProfileRow | undefined> {
  return (
    await db
      .select()
      .from(counselorProfiles)
      .where(
        and(eq(counselorProfiles.organizationId, organizationId), eq(counselorProfiles.id, id)),
      )
  )[0];
}

export async function findProfileByUser(
  db: Db,
  organizationId: string,
  userId: string,
): Promise<CounselorProfileRow | undefined> {
  return (
    await db
      .select()
      .from(counselorProfiles)
      .where(
        and(
          eq(counselorProfiles.organizationId, organizationId),
          eq(counselorProfiles.userId, userId),
        ),
      )
  )[0];
}

/**
 * The profile, if the actor may `action` it. Hidden (not even readable) answers 404 exactly like
 * a missing one; readable but not allowed answers 403. Pass `{ lock: true }` inside a
 * transaction that changes the profile, so concurrent decisions queue instead of racing.
 */
export async function loadProfileFor(
  tx: Db,
  actor: Actor,
  id: string,
  action: CounselorAction,
  options: { lock?: boolean } = {},
): Promise<CounselorProfileRow> {
  const q = tx
    .select()
    .from(counselorProfiles)
    .where(
      and(eq(counselorProfiles.organizationId, actor.organizationId), eq(counselorProfiles.id, id)),
    );
  const row = (options.lock ? await q.for('update') : await q)[0];
  if (!row || !counselorPolicy.can(actor, 'read', row)) throw notFound();
  if (action !== 'read' && !counselorPolicy.can(actor, action, row))
    throw new AppError('forbidden');
  return row;
}
