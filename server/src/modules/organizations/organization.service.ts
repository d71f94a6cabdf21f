import type { Db } from '../../platform/db/database.ts';
import { notFound } from '../../platform/http/app-error.ts';
import {
  DEFAULT_ORGANIZATION_SLUG,
  findOrganizationBySlug,
  insertOrganizationIfMissing,
  type Organization,
} from './organization.repo.ts';

/**
 * A single-organisation installation is the default: the organisation is created at the first
 * start from ANXIN_ORG_NAME / ANXIN_ORG_TIME_ZONE and afterwards edited in the product, so a
 * changed variable does not overwrite what administrators set.
 */
export function ensureDefaultOrganization(
  db: Db,
  settings: { name: string; timeZone: string },
): Promise<Organization> {
  return insertOrganizationIfMissing(db, { slug: DEFAULT_ORGANIZATION_SLUG, ...settings });
}

export async function getDefaultOrganization(db: Db): Promise<Organization> {
  const org = await findOrganizationBySlug(db, DEFAULT_ORGANIZATION_SLUG);
  if (!org) throw notFound('No organisation is set up.');
  return org;
}
