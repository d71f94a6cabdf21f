import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { ensureDefaultOrganization } from '../../modules/organizations/organization.service.ts';
import { openTestDatabase } from '../../test/test-database.ts';
import { appendAudit } from '../audit/audit.ts';
import type { Database } from './database.ts';
import { appliedMigrationCount, expectedMigrationCount } from './migrate.ts';
import { APPEND_ONLY_TABLES, GLOBAL_TABLES } from './schema/index.ts';

interface Column {
  table_name: string;
  column_name: string;
  data_type: string;
  is_nullable: 'YES' | 'NO';
}

describe('database schema rules', () => {
  let database: Database;
  let columns: Column[];
  beforeAll(async () => {
    database = await openTestDatabase();
    columns = await database.query<Column & Record<string, unknown>>(
      `SELECT table_name, column_name, data_type, is_nullable
         FROM information_schema.columns WHERE table_schema = 'public'`,
    );
  });
  afterAll(() => database.close());

  const tables = () => [...new Set(columns.map((c) => c.table_name))].sort();
  const column = (table: string, name: string) =>
    columns.find((c) => c.table_name === table && c.column_name === name);

  it('has applied every migration this build ships', async () => {
    expect(await appliedMigrationCount(database)).toBe(expectedMigrationCount());
    expect(tables()).toEqual(expect.arrayContaining([...GLOBAL_TABLES]));
  });

  it('gives every table a uuid id and timestamptz created_at/updated_at', () => {
    const appendOnly = (t: string) => (APPEND_ONLY_TABLES as readonly string[]).includes(t);
    for (const table of tables()) {
      expect({ table, id: column(table, 'id')?.data_type }).toEqual({ table, id: 'uuid' });
      for (const ts of appendOnly(table) ? ['created_at'] : ['created_at', 'updated_at']) {
        expect({ table, ts, type: column(table, ts)?.data_type }).toEqual({
          table,
          ts,
          type: 'timestamp with time zone',
        });
      }
    }
  });

  it('refuses UPDATE, DELETE and TRUNCATE on append-only tables', async () => {
    // Row triggers fire only on rows: write one event first.
    const org = await ensureDefaultOrganization(database.db, { name: 'T', timeZone: 'UTC' });
    await appendAudit(database.db, randomBytes(32), {
      organizationId: org.id,
      action: 'test.write',
      entityType: 'test',
    });
    for (const table of APPEND_ONLY_TABLES) {
      expect(column(table, 'updated_at')).toBeUndefined();
      for (const statement of [
        `UPDATE ${table} SET id = id`,
        `DELETE FROM ${table}`,
        `TRUNCATE ${table}`,
      ]) {
        await expect(database.query(statement)).rejects.toThrow(/append-only/);
      }
    }
  });

  it('gives every tenant table a non-null organization_id (the shard key)', () => {
    const tenantTables = tables().filter((t) => !(GLOBAL_TABLES as readonly string[]).includes(t));
    for (const table of tenantTables) {
      const org = column(table, 'organization_id');
      expect({ table, type: org?.data_type, nullable: org?.is_nullable }).toEqual({
        table,
        type: 'uuid',
        nullable: 'NO',
      });
    }
  });
});
