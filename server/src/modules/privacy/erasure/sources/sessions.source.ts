import { and, eq } from 'drizzle-orm';
import { sessions } from '../../../../platform/db/schema/index.ts';
import type { ErasureSource } from '../erasure-source.ts';

/** Sign-in sessions (with their address and browser): deleted, which also signs the person out. */
export const sessionsSource: ErasureSource = {
  kind: 'erase',
  category: 'sessions',
  async eraseAll({ tx, organizationId, subjectUserId }) {
    const rows = await tx
      .delete(sessions)
      .where(and(eq(sessions.organizationId, organizationId), eq(sessions.userId, subjectUserId)))
      .returning({ id: sessions.id });
    return rows.length;
  },
};
