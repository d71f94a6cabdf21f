import { and, asc, eq, gt, inArray } from 'drizzle-orm';
import type { Role } from '@anxin/common';
import type { Vault } from '../../platform/crypto/vault.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Contact } from './contact.ts';
import { mfaTotp, userRoles, users } from '../../platform/db/schema/index.ts';

export type UserRow = typeof users.$inferSelect;

export async function findUserById(db: Db, organizationId: string, id: string) {
  const rows = await db
    .select()
    .from(users)
    .where(and(eq(users.organizationId, organizationId), eq(users.id, id)))
    .limit(1);
  return rows[0];
}

export async function findUserByContact(
  db: Db,
  organizationId: string,
  kind: 'email' | 'phone',
  index: string,
) {
  const column = kind === 'email' ? users.emailIndex : users.phoneIndex;
  const rows = await db
    .select()
    .from(users)
    .where(and(eq(users.organizationId, organizationId), eq(column, index)))
    .limit(1);
  return rows[0];
}

/** The account a typed contact belongs to, found by its blind index (nothing is decrypted). */
export function findUserForContact(db: Db, vault: Vault, organizationId: string, contact: Contact) {
  return findUserByContact(
    db,
    organizationId,
    contact.kind,
    vault.blindIndex(contact.kind, contact.value),
  );
}

export async function rolesOf(db: Db, userId: string): Promise<Role[]> {
  const rows = await db
    .select({ role: userRoles.role })
    .from(userRoles)
    .where(eq(userRoles.userId, userId));
  return rows.map((r) => r.role);
}

export async function rolesOfMany(db: Db, userIds: string[]): Promise<Map<string, Role[]>> {
  const map = new Map<string, Role[]>();
  if (userIds.length === 0) return map;
  const rows = await db
    .select({ userId: userRoles.userId, role: userRoles.role })
    .from(userRoles)
    .where(inArray(userRoles.userId, userIds));
  for (const r of rows) map.set(r.userId, [...(map.get(r.userId) ?? []), r.role]);
  return map;
}

export async function mfaEnrolledMany(db: Db, userIds: string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await db
    .select({ userId: mfaTotp.userId, confirmedAt: mfaTotp.confirmedAt })
    .from(mfaTotp)
    .where(inArray(mfaTotp.userId, userIds));
  return new Set(rows.filter((r) => r.confirmedAt).map((r) => r.userId));
}

/** Replaces a user's roles; returns the roles before. */
export async function replaceRoles(
  db: Db,
  organizationId: string,
  userId: string,
  roles: readonly Role[],
  grantedBy: string | null,
): Promise<Role[]> {
  const before = await rolesOf(db, userId);
  await db.delete(userRoles).where(eq(userRoles.userId, userId));
  if (roles.length) {
    await db
      .insert(userRoles)
      .values([...new Set(roles)].map((role) => ({ organizationId, userId, role, grantedBy })));
  }
  return before;
}

export async function listUsersPage(
  db: Db,
  where: ReturnType<typeof and>,
  after: string | undefined,
  limit: number,
) {
  return db
    .select()
    .from(users)
    .where(after ? and(where, gt(users.id, after)) : where)
    .orderBy(asc(users.id))
    .limit(limit + 1);
}
