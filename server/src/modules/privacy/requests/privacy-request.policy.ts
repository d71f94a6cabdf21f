import { eq } from 'drizzle-orm';
import { anyInOrganization, definePolicy, type Relation } from '../../../platform/auth/policy.ts';
import type { privacyRequests } from '../../../platform/db/schema/index.ts';

/** A privacy request as the policy sees it. */
export interface PrivacyRequestResource {
  id: string;
  organizationId: string;
  subjectUserId: string;
}
type RequestsTable = typeof privacyRequests;

const ownRequest: Relation<PrivacyRequestResource, RequestsTable> = {
  name: 'subject',
  test: (actor, r) => r.subjectUserId === actor.userId,
  where: (actor, t) => eq(t.subjectUserId, actor.userId),
};
const any = anyInOrganization<PrivacyRequestResource, RequestsTable>();

/**
 * Data-subject requests (B11): the person reads their own; administrators (the privacy officer's
 * role here) read and handle every request of the organisation. Counselors and other staff do not
 * see requests about their clients: a deletion request is not clinical information.
 */
export const privacyRequestPolicy = definePolicy<
  PrivacyRequestResource,
  RequestsTable,
  'read' | 'handle'
>({
  read: [{ relation: ownRequest }, { roles: ['administrator'], relation: any }],
  handle: [{ roles: ['administrator'], relation: any }],
});
