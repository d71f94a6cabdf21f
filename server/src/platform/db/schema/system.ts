import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * One row per run of the periodic heartbeat job: proof, visible to operators and to `/ready`,
 * that the job scheduler is alive. Global (not per organisation) because the scheduler is.
 */
export const schedulerHeartbeats = pgTable(
  'scheduler_heartbeats',
  {
    id: uuid('id')
      .primaryKey()
      .default(sql`gen_random_uuid()`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    instanceId: text('instance_id').notNull(),
    jobId: text('job_id').notNull(),
    prunedRows: integer('pruned_rows').notNull().default(0),
  },
  (t) => [index('scheduler_heartbeats_created_at_idx').on(t.createdAt)],
);
