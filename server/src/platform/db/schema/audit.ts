import { sql } from 'drizzle-orm';
import { bigint, index, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './organizations.ts';
import { tenantColumns } from './columns.ts';

/**
 * Append-only, hash-chained per organisation: `hash` = HMAC-SHA256(audit key, prev_hash ‖
 * canonical event). The database refuses UPDATE, DELETE and TRUNCATE (trigger in the migration).
 * No `updated_at`: an audit row never changes.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    actorId: uuid('actor_id'),
    actorRole: text('actor_role'),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    /** The person the data is about, for "who read my records?" */
    subjectId: uuid('subject_id'),
    requestId: text('request_id'),
    ip: text('ip'),
    reason: text('reason'),
    changes: jsonb('changes'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    unique('audit_events_org_seq_unique').on(t.organizationId, t.seq),
    index('audit_events_subject_idx').on(t.organizationId, t.subjectId, t.createdAt),
    index('audit_events_entity_idx').on(t.organizationId, t.entityType, t.entityId),
    index('audit_events_actor_idx').on(t.organizationId, t.actorId, t.createdAt),
  ],
);

/** The chain's head per organisation; its row lock serialises appends so the chain never forks. */
export const auditHeads = pgTable(
  'audit_heads',
  {
    ...tenantColumns(),
    seq: bigint('seq', { mode: 'number' }).notNull().default(0),
    hash: text('hash').notNull(),
  },
  (t) => [unique('audit_heads_org_unique').on(t.organizationId)],
);
