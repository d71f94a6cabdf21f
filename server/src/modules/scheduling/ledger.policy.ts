import { eq } from 'drizzle-orm';
import { anyInOrganization, definePolicy, type Relation } from '../../platform/auth/policy.ts';
import type { ledgerEntries } from '../../platform/db/schema/index.ts';

/** Money of one client (their ledger, or one appointment's part of it) as the policy sees it. */
export interface MoneyResource {
  organizationId: string;
  clientUserId: string;
}
type EntriesTable = typeof ledgerEntries;

const payer: Relation<MoneyResource, EntriesTable> = {
  name: 'payer',
  test: (actor, r) => r.clientUserId === actor.userId,
  where: (actor, t) => eq(t.clientUserId, actor.userId),
};
const any = anyInOrganization<MoneyResource, EntriesTable>();

/**
 * Fees (C10): a client reads their own entries and receipts; administrators keep the accounts and
 * confirm money received offline. Counselors see no money of their clients: a fee paid says who
 * is in counseling with whom.
 */
export const ledgerPolicy = definePolicy<MoneyResource, EntriesTable, 'read' | 'pay'>({
  read: [
    { roles: ['client'], relation: payer },
    { roles: ['administrator'], relation: any },
  ],
  pay: [{ roles: ['administrator'], relation: any }],
});
