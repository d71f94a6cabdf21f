import type { MetaResponse } from '@anxin/common';
import type { Organization } from './organization.repo.ts';

/** What anyone, signed in or not, may know of the organisation. */
export function presentOrganizationPublic(
  org: Organization,
): NonNullable<MetaResponse['organization']> {
  return {
    id: org.id,
    name: org.name,
    defaultLocale: org.defaultLocale,
    timeZone: org.timeZone,
    isDemo: org.isDemo,
  };
}
