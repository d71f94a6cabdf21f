import { and, eq } from 'drizzle-orm';
import { authTokens } from '../../../../platform/db/schema/index.ts';
import type { ErasureSource } from '../erasure-source.ts';

/** Verification and reset links: deleted. */
export const authTokensSource: ErasureSource = {
  kind: 'erase',
  category: 'auth_tokens',
  async eraseAll({ tx, organizationId, subjectUserId }) {
    const rows = await tx
      .delete(authTokens)
      .where(
        and(eq(authTokens.organizationId, organizationId), eq(authTokens.userId, subjectUserId)),
      )
      .returning({ id: authTokens.id });
    return rows.length;
  },
};
