import { eq } from 'drizzle-orm';
import { anyInOrganization, definePolicy, type Relation } from '../../platform/auth/policy.ts';
import type { counselorProfiles } from '../../platform/db/schema/index.ts';

/** A counselor profile as the policy sees it. */
export interface CounselorResource {
  id: string;
  organizationId: string;
  userId: string;
}
type ProfilesTable = typeof counselorProfiles;

const owner: Relation<CounselorResource, ProfilesTable> = {
  name: 'owner',
  test: (actor, p) => p.userId === actor.userId,
  where: (actor, t) => eq(t.userId, actor.userId),
};
const any = anyInOrganization<CounselorResource, ProfilesTable>();

/**
 * Credentials, training and supervision log (DOMAIN.md): the counselor reads and writes their
 * own; administrators review and keep them current (A3, A8). Supervisors will read those they
 * supervise once supervision relationships exist; evaluators, those they are invited to evaluate
 * (A11). The public directory is not governed here: it shows listable profiles' public fields
 * to everyone.
 */
export const counselorPolicy = definePolicy<
  CounselorResource,
  ProfilesTable,
  | 'read'
  | 'update'
  | 'submit'
  | 'list'
  | 'review'
  | 'standing'
  | 'development.read'
  | 'development.write'
  | 'relationships.read'
  | 'relationships.write'
>({
  read: [
    { roles: ['counselor'], relation: owner },
    { roles: ['administrator'], relation: any },
  ],
  update: [
    { roles: ['counselor'], relation: owner },
    { roles: ['administrator'], relation: any },
  ],
  submit: [{ roles: ['counselor'], relation: owner }],
  list: [{ roles: ['administrator'], relation: any }],
  review: [{ roles: ['administrator'], relation: any }],
  standing: [{ roles: ['administrator'], relation: any }],
  'development.read': [
    { roles: ['counselor'], relation: owner },
    { roles: ['administrator'], relation: any },
  ],
  'development.write': [{ roles: ['counselor'], relation: owner }],
  // Declared conflicts name clients: the counselor who declared them and administrators only.
  'relationships.read': [
    { roles: ['counselor'], relation: owner },
    { roles: ['administrator'], relation: any },
  ],
  'relationships.write': [{ roles: ['counselor'], relation: owner }],
});
