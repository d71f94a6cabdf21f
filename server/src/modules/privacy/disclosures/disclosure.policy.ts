import { and, eq, isNull, ne, or, sql } from 'drizzle-orm';
import { anyInOrganization, definePolicy, type Relation } from '../../../platform/auth/policy.ts';
import type { disclosures } from '../../../platform/db/schema/index.ts';

/** A disclosure as the policy sees it. */
export interface DisclosureResource {
  organizationId: string;
  subjectUserId: string;
  basis: string;
  recordedBy: string;
  approvedBy: string | null;
}
type DisclosuresTable = typeof disclosures;

const recordedByActor: Relation<DisclosureResource, DisclosuresTable> = {
  name: 'recorder',
  test: (actor, d) => d.recordedBy === actor.userId,
  where: (actor, t) => eq(t.recordedBy, actor.userId),
};

const subjectIsActor: Relation<DisclosureResource, DisclosuresTable> = {
  name: 'subject',
  test: (actor, d) => d.subjectUserId === actor.userId,
  where: (actor, t) => eq(t.subjectUserId, actor.userId),
};

/**
 * An approver sees what waits for an approval (an exception basis, not yet approved) and what
 * they approved: they cannot approve what they may not read, and need nothing else.
 */
const awaitingOrApprovedBy: Relation<DisclosureResource, DisclosuresTable> = {
  name: 'approver',
  test: (actor, d) =>
    d.approvedBy === actor.userId || (d.approvedBy === null && d.basis !== 'consent'),
  where: (actor, t) =>
    or(eq(t.approvedBy, actor.userId), and(isNull(t.approvedBy), ne(t.basis, 'consent'))) ??
    sql`false`,
};

/** Nobody approves a disclosure they recorded themselves: approval is a second person's check. */
const pendingOfSomeoneElse: Relation<DisclosureResource, DisclosuresTable> = {
  name: 'pending_of_another',
  test: (actor, d) =>
    d.approvedBy === null && d.basis !== 'consent' && d.recordedBy !== actor.userId,
  where: (actor, t) =>
    and(isNull(t.approvedBy), ne(t.basis, 'consent'), ne(t.recordedBy, actor.userId)) ?? sql`false`,
};

const any = anyInOrganization<DisclosureResource, DisclosuresTable>();

/**
 * Disclosures (B7, C7): administrators read all; a counselor reads those they recorded;
 * supervisors read what they approve; the subject reads their own (through `/disclosures/me`).
 */
export const disclosurePolicy = definePolicy<
  DisclosureResource,
  DisclosuresTable,
  'read' | 'read_own' | 'approve'
>({
  read: [
    { roles: ['administrator'], relation: any },
    { roles: ['counselor'], relation: recordedByActor },
    { roles: ['supervisor'], relation: awaitingOrApprovedBy },
  ],
  read_own: [{ relation: subjectIsActor }],
  approve: [{ roles: ['administrator', 'supervisor'], relation: pendingOfSomeoneElse }],
});
