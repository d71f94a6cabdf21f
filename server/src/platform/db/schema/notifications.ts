import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenantColumns } from './columns.ts';

/**
 * Messages to people, written in the same transaction as the change that causes them and sent
 * by a job. Recipient and content are encrypted under the recipient's data key (or the
 * organisation's, before the recipient has an account).
 */
export const notificationOutbox = pgTable(
  'notification_outbox',
  {
    ...tenantColumns(),
    userId: uuid('user_id'),
    channel: text('channel', { enum: ['email', 'sms', 'in_app'] }).notNull(),
    template: text('template').notNull(),
    keyOwnerType: text('key_owner_type', { enum: ['person', 'organization'] }).notNull(),
    keyOwnerId: uuid('key_owner_id').notNull(),
    recipientEnc: text('recipient_enc'),
    payloadEnc: text('payload_enc').notNull(),
    status: text('status', { enum: ['pending', 'sent', 'failed'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    readAt: timestamp('read_at', { withTimezone: true }),
    lastError: text('last_error'),
  },
  (t) => [
    index('notification_outbox_status_idx').on(t.status, t.createdAt),
    index('notification_outbox_user_idx').on(t.organizationId, t.userId, t.createdAt),
  ],
);
