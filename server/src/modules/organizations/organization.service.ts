import type { Db } from '../../platform/db/database.ts';
import { seedPolicyDocuments } from '../consent/policy-document.seed.ts';
import { seedReferralResources } from '../care-plans/referral-resources.seed.ts';
import { seedCounselorVocabulary } from '../counselors/vocabulary.seed.ts';
import { seedRecordTemplates } from '../records/record-templates.seed.ts';
import { seedSessionTypes } from '../scheduling/session-types.seed.ts';
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
export async function ensureDefaultOrganization(
  db: Db,
  settings: { name: string; timeZone: string },
): Promise<Organization> {
  const org = await insertOrganizationIfMissing(db, {
    slug: DEFAULT_ORGANIZATION_SLUG,
    ...settings,
  });
  await seedOrganizationDefaults(db, org.id);
  return org;
}

/** What every organisation starts with (idempotent: run at creation and at each start). */
export async function seedOrganizationDefaults(db: Db, organizationId: string): Promise<void> {
  await seedCounselorVocabulary(db, organizationId);
  await seedSessionTypes(db, organizationId);
  await seedPolicyDocuments(db, organizationId);
  await seedRecordTemplates(db, organizationId);
  await seedReferralResources(db, organizationId);
}

export async function getDefaultOrganization(db: Db): Promise<Organization> {
  const org = await findOrganizationBySlug(db, DEFAULT_ORGANIZATION_SLUG);
  if (!org) throw notFound('No organisation is set up.');
  return org;
}
