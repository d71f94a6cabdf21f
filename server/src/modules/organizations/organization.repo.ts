import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.ts';
import { organizations } from '../../platform/db/schema/index.ts';

export type Organization = typeof organizations.$inferSelect;

export const DEFAULT_ORGANIZATION_SLUG = 'default';

export async function findOrganizationBySlug(
  db: Db,
  slug: string,
): Promise<Organization | undefined> {
  const rows = await db.select().from(organizations).where(eq(organizations.slug, slug)).limit(1);
  return rows[0];
}

/** Inserts the organisation unless one with the slug exists; returns the stored row either way. */
export async function insertOrganizationIfMissing(
  db: Db,
  values: { slug: string; name: string; timeZone: string },
): Promise<Organization> {
  await db.insert(organizations).values(values).onConflictDoNothing({ target: organizations.slug });
  const row = await findOrganizationBySlug(db, values.slug);
  if (!row) throw new Error('organisation vanished after insert');
  return row;
}
