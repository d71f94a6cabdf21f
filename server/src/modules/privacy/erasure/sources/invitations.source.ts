import { and, eq } from 'drizzle-orm';
import { invitations } from '../../../../platform/db/schema/index.ts';
import type { ErasureSource } from '../erasure-source.ts';

/** The invitation the person accepted still holds their e-mail (under the organisation's key). */
export const invitationsSource: ErasureSource = {
  kind: 'erase',
  category: 'invitations',
  async eraseAll({ tx, organizationId, subjectUserId }) {
    const rows = await tx
      .delete(invitations)
      .where(
        and(
          eq(invitations.organizationId, organizationId),
          eq(invitations.acceptedUserId, subjectUserId),
        ),
      )
      .returning({ id: invitations.id });
    return rows.length;
  },
};
