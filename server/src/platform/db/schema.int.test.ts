import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/test-database.ts';
import type { Database } from './database.ts';
import { appliedMigrationCount, expectedMigrationCount } from './migrate.ts';
import { GLOBAL_TABLES } from './schema/index.ts';

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
    for (const table of tables()) {
      expect({ table, id: column(table, 'id')?.data_type }).toEqual({ table, id: 'uuid' });
      for (const ts of ['created_at', 'updated_at']) {
        expect({ table, ts, type: column(table, ts)?.data_type }).toEqual({
          table,
          ts,
          type: 'timestamp with time zone',
        });
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
