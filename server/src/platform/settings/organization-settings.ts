import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../db/database.ts';
import { organizationSettings } from '../db/schema/index.ts';

/**
 * One module's settings of an organisation: a JSON value under a key, validated by the module's
 * schema, with defaults for anything never set. A stored value of an older shape falls back field
 * by field rather than failing every request that reads it.
 */
export function defineOrganizationSettings<T extends Record<string, unknown>>(
  key: string,
  schema: z.ZodObject,
  defaults: T,
) {
  // Built once: zod compiles a schema on first use, and `partial()` makes a new one each call.
  const partial = schema.partial();
  async function get(db: Db, organizationId: string): Promise<T> {
    const row = (
      await db
        .select({ value: organizationSettings.value })
        .from(organizationSettings)
        .where(
          and(
            eq(organizationSettings.organizationId, organizationId),
            eq(organizationSettings.key, key),
          ),
        )
    )[0];
    const parsed = partial.safeParse(row?.value ?? {});
    return { ...defaults, ...(parsed.success ? (parsed.data as Partial<T>) : {}) };
  }

  /** Stores the value; returns the previous one (for the audit event's changes). */
  async function put(tx: Db, organizationId: string, value: T): Promise<T> {
    const before = await get(tx, organizationId);
    await tx
      .insert(organizationSettings)
      .values({ organizationId, key, value })
      .onConflictDoUpdate({
        target: [organizationSettings.organizationId, organizationSettings.key],
        set: { value, updatedAt: new Date() },
      });
    return before;
  }

  return { get, put };
}
