import { sql } from 'drizzle-orm';
import { definePolicy, type Relation } from '../../platform/auth/policy.ts';
import type { clinicalRecords } from '../../platform/db/schema/index.ts';
import { careRelations, supervisedBy, type CareResource } from './clinical-relations.ts';

/** A clinical record as the policy sees it (loaded by record.repo's `loadRecordResource`). */
export interface RecordResource extends CareResource {
  /** Supervisors of the author's own profile (who may co-sign). */
  authorSupervisorUserIds: readonly string[];
}
type RecordsTable = typeof clinicalRecords;

// The four readers every kind of clinical content shares (clinical-relations.ts).
const { author, currentCounselor, supervisor, breakGlass } = careRelations<RecordsTable>();

/** The author's own supervisors only: a co-signature vouches for the trainee who signed. */
const authorsSupervisor: Relation<RecordResource, RecordsTable> = {
  name: 'authors_supervisor',
  test: (actor, r) => r.authorSupervisorUserIds.includes(actor.userId),
  where: (actor, t) => sql`${t.authorCounselorId} IN ${supervisedBy(actor)}`,
};

/**
 * Clinical records (B8, DOMAIN "Who may read what"): the author; the client's counselor in the
 * current episode; the supervisors of either; administrators (and supervisors outside their
 * scope) only through break-glass. Supervisors' sampled spot checks (A8) will be one more read
 * rule here, with a relation over the sample table, so item checks and lists stay one rule.
 */
export const recordPolicy = definePolicy<
  RecordResource,
  RecordsTable,
  'read' | 'edit_draft' | 'amend' | 'cosign'
>({
  read: [
    { roles: ['counselor'], relation: author },
    { roles: ['counselor'], relation: currentCounselor },
    { roles: ['supervisor'], relation: supervisor },
    { roles: ['supervisor', 'administrator'], relation: breakGlass },
  ],
  // Only the author writes a draft or signs it.
  edit_draft: [{ roles: ['counselor'], relation: author }],
  amend: [
    { roles: ['counselor'], relation: author },
    { roles: ['counselor'], relation: currentCounselor },
  ],
  cosign: [{ roles: ['supervisor'], relation: authorsSupervisor }],
});
