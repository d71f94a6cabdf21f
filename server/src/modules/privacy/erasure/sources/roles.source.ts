import { and, eq } from 'drizzle-orm';
import { userRoles } from '../../../../platform/db/schema/index.ts';
import type { ErasureSource } from '../erasure-source.ts';

/** Roles: deleted, so the tombstone can never act or be listed as a client again. */
export const rolesSource: ErasureSource = {
  kind: 'erase',
  category: 'roles',
  async eraseAll({ tx, organizationId, subjectUserId }) {
    const rows = await tx
      .delete(userRoles)
      .where(and(eq(userRoles.organizationId, organizationId), eq(userRoles.userId, subjectUserId)))
      .returning({ id: userRoles.id });
    return rows.length;
  },
};
