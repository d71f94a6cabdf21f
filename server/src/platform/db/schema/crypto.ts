import { boolean, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { tenantColumns } from './columns.ts';

/**
 * Envelope encryption: one random data key per owner (a person, or the organisation for data
 * that belongs to no person yet, such as an invitation), stored only wrapped by the master key.
 * Destroying `wrapped_key` crypto-shreds everything encrypted under it.
 */
export const dataKeys = pgTable(
  'data_keys',
  {
    ...tenantColumns(),
    ownerType: text('owner_type', { enum: ['person', 'organization', 'seal'] }).notNull(),
    ownerId: uuid('owner_id').notNull(),
    wrappedKey: text('wrapped_key'),
    masterKeyId: text('master_key_id'),
    destroyedAt: timestamp('destroyed_at', { withTimezone: true }),
    /**
     * The key is derived from the unwrapped key and a share kept outside the database (ADR 0008),
     * so destroying the share shreds the key in every earlier dump too. Keys made before shares
     * existed have none.
     */
    hasShare: boolean('has_share').notNull().default(false),
    /** When the share was erased, after the destruction committed (a sweep finishes it). */
    shareDestroyedAt: timestamp('share_destroyed_at', { withTimezone: true }),
  },
  (t) => [unique('data_keys_owner_unique').on(t.ownerType, t.ownerId)],
);
