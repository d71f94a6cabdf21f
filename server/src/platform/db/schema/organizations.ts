import { sql } from 'drizzle-orm';
import { boolean, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** The tenant itself. Not a tenant table: it is what `organization_id` points at. */
export const organizations = pgTable('organizations', {
  id: uuid('id')
    .primaryKey()
    .default(sql`gen_random_uuid()`),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date()),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  defaultLocale: text('default_locale', { enum: ['zh-CN', 'en'] })
    .notNull()
    .default('zh-CN'),
  timeZone: text('time_zone').notNull().default('Asia/Shanghai'),
  /** A demonstration organisation with published logins: never for real clients. */
  isDemo: boolean('is_demo').notNull().default(false),
});
