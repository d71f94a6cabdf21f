import { and, asc, eq, isNull, lte, or } from 'drizzle-orm';
import type { VocabularyKind } from '@anxin/common';
import type { Db } from '../../platform/db/database.ts';
import {
  counselorProfiles,
  counselorQualifications,
  counselorReviewEvents,
  counselorStandingActions,
  organizations,
  storedFiles,
  userRoles,
  users,
  vocabularyTerms,
} from '../../platform/db/schema/index.ts';
import { holdsQualifyingCertificate } from './counselor-eligibility.ts';

export type QualificationRow = typeof counselorQualifications.$inferSelect;
export type ReviewEventRow = typeof counselorReviewEvents.$inferSelect;
export type StandingRow = typeof counselorStandingActions.$inferSelect;
type ProfileInsert = typeof counselorProfiles.$inferInsert;

export async function organizationTimeZone(db: Db, organizationId: string): Promise<string> {
  const row = (
    await db
      .select({ timeZone: organizations.timeZone })
      .from(organizations)
      .where(eq(organizations.id, organizationId))
  )[0];
  return row?.timeZone ?? 'Asia/Shanghai';
}

/** The codes of a vocabulary that may be chosen now (retired terms excluded). */
export async function activeCodes(
  db: Db,
  organizationId: string,
  kind: VocabularyKind,
): Promise<Set<string>> {
  const rows = await db
    .select({ code: vocabularyTerms.code })
    .from(vocabularyTerms)
    .where(
      and(
        eq(vocabularyTerms.organizationId, organizationId),
        eq(vocabularyTerms.kind, kind),
        eq(vocabularyTerms.active, true),
      ),
    );
  return new Set(rows.map((r) => r.code));
}

/** Inserts the profile unless the user has one (a concurrent first save); null when they do. */
export async function insertProfile(tx: Db, values: ProfileInsert) {
  const rows = await tx.insert(counselorProfiles).values(values).onConflictDoNothing().returning();
  return rows[0] ?? null;
}

export async function updateProfile(tx: Db, id: string, patch: Partial<ProfileInsert>) {
  const rows = await tx
    .update(counselorProfiles)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(counselorProfiles.id, id))
    .returning();
  const row = rows[0];
  if (!row) throw new Error('counselor profile vanished during an update');
  return row;
}

/** Whether the counselor holds a verified, unexpired certificate of a qualifying type (A3). */
export async function hasQualifyingCertificate(
  db: Db,
  counselorId: string,
  today: string,
): Promise<boolean> {
  const rows = await db
    .select({ id: counselorProfiles.id })
    .from(counselorProfiles)
    .where(and(eq(counselorProfiles.id, counselorId), holdsQualifyingCertificate(today)));
  return rows.length > 0;
}

export type QualificationWithFile = QualificationRow & {
  file: { id: string; mediaType: string; sizeBytes: number } | null;
};

export async function listQualifications(
  db: Db,
  counselorId: string,
): Promise<QualificationWithFile[]> {
  const rows = await db
    .select({
      q: counselorQualifications,
      fileId: storedFiles.id,
      mediaType: storedFiles.mediaType,
      sizeBytes: storedFiles.sizeBytes,
    })
    .from(counselorQualifications)
    .leftJoin(storedFiles, eq(storedFiles.id, counselorQualifications.fileId))
    .where(eq(counselorQualifications.counselorId, counselorId))
    .orderBy(asc(counselorQualifications.createdAt), asc(counselorQualifications.id));
  return rows.map((r) => ({
    ...r.q,
    file:
      r.fileId && r.mediaType !== null && r.sizeBytes !== null
        ? { id: r.fileId, mediaType: r.mediaType, sizeBytes: r.sizeBytes }
        : null,
  }));
}

export async function findQualification(
  tx: Db,
  counselorId: string,
  qualificationId: string,
  options: { lock?: boolean } = {},
): Promise<QualificationRow | undefined> {
  const q = tx
    .select()
    .from(counselorQualifications)
    .where(
      and(
        eq(counselorQualifications.counselorId, counselorId),
        eq(counselorQualifications.id, qualificationId),
      ),
    );
  return (options.lock ? await q.for('update') : await q)[0];
}

export async function updateQualification(
  tx: Db,
  id: string,
  patch: Partial<typeof counselorQualifications.$inferInsert>,
): Promise<QualificationRow> {
  const rows = await tx
    .update(counselorQualifications)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(counselorQualifications.id, id))
    .returning();
  const row = rows[0];
  if (!row) throw new Error('qualification vanished during an update');
  return row;
}

export async function insertReviewEvent(
  tx: Db,
  values: typeof counselorReviewEvents.$inferInsert,
): Promise<void> {
  await tx.insert(counselorReviewEvents).values(values);
}

/** The review history, oldest first, with the name each actor goes by (null: the system). */
export async function listReviewEvents(db: Db, counselorId: string) {
  return db
    .select({ e: counselorReviewEvents, actorName: users.displayName })
    .from(counselorReviewEvents)
    .leftJoin(users, eq(users.id, counselorReviewEvents.actorId))
    .where(eq(counselorReviewEvents.counselorId, counselorId))
    .orderBy(asc(counselorReviewEvents.createdAt), asc(counselorReviewEvents.id));
}

export async function listStanding(db: Db, counselorId: string) {
  return db
    .select({ s: counselorStandingActions, issuedByName: users.displayName })
    .from(counselorStandingActions)
    .leftJoin(users, eq(users.id, counselorStandingActions.issuedBy))
    .where(eq(counselorStandingActions.counselorId, counselorId))
    .orderBy(asc(counselorStandingActions.createdAt), asc(counselorStandingActions.id));
}

/**
 * Reinstatement ends the sanction suspensions in force (A9); one dated to start later is a
 * separate decision and stays. Returns how many were lifted.
 */
export async function liftSanctionSuspensions(
  tx: Db,
  counselorId: string,
  today: string,
): Promise<number> {
  const rows = await tx
    .update(counselorStandingActions)
    .set({ liftedAt: new Date(), updatedAt: new Date() })
    .where(
      and(
        eq(counselorStandingActions.counselorId, counselorId),
        eq(counselorStandingActions.kind, 'suspension'),
        isNull(counselorStandingActions.liftedAt),
        or(
          isNull(counselorStandingActions.startsOn),
          lte(counselorStandingActions.startsOn, today),
        ),
      ),
    )
    .returning({ id: counselorStandingActions.id });
  return rows.length;
}

export async function findUser(db: Db, organizationId: string, userId: string) {
  return (
    await db
      .select()
      .from(users)
      .where(and(eq(users.organizationId, organizationId), eq(users.id, userId)))
  )[0];
}

/** The organisation's administrators, with the language each reads messages in. */
export async function listAdministrators(db: Db, organizationId: string) {
  return db
    .selectDistinct({ userId: users.id, locale: users.locale })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(
      and(
        eq(userRoles.organizationId, organizationId),
        eq(userRoles.role, 'administrator'),
        eq(users.status, 'active'),
      ),
    );
}
