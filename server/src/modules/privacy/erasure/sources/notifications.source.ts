import { and, eq, or } from 'drizzle-orm';
import { notificationOutbox } from '../../../../platform/db/schema/index.ts';
import type { ErasureSource } from '../erasure-source.ts';

/** Messages to the person (address and content): deleted, sent or not. */
export const notificationsSource: ErasureSource = {
  kind: 'erase',
  category: 'notifications',
  async eraseAll({ tx, organizationId, subjectUserId }) {
    const rows = await tx
      .delete(notificationOutbox)
      .where(
        and(
          eq(notificationOutbox.organizationId, organizationId),
          or(
            eq(notificationOutbox.userId, subjectUserId),
            and(
              eq(notificationOutbox.keyOwnerType, 'person'),
              eq(notificationOutbox.keyOwnerId, subjectUserId),
            ),
          ),
        ),
      )
      .returning({ id: notificationOutbox.id });
    return rows.length;
  },
};
