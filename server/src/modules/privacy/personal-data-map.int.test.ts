import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../platform/db/database.ts';
import { openTestDatabase, testBackend } from '../../test/test-database.ts';
import { ERASURE_SOURCES } from './erasure/sources/index.ts';
import { EXPORT_SOURCES } from './export/sources/index.ts';
import { PERSONAL_DATA_MAP } from './personal-data-map.ts';

/** Columns that name the person a row is about, or hold a sealed value. */
const PERSON_COLUMN = /(^|_)(user_id|subject_id|owner_id)$|_enc$/;
/** Columns that name a member of staff acting on the row, not the person it is about. */
const ACTOR_COLUMN = /(_by|handler_user_id|supervisor_user_id|signer_user_id|superseded_by)$/;

describe(`the personal data map on ${testBackend()}`, () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(() => database.close());

  it('covers every table with a person column or a sealed column', async () => {
    const rows = await database.query<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema = 'public' ORDER BY table_name, column_name`,
    );
    const personal = new Set(
      rows
        .filter((r) => PERSON_COLUMN.test(r.column_name) && !ACTOR_COLUMN.test(r.column_name))
        .map((r) => r.table_name),
    );
    personal.add('users');
    expect([...personal].filter((table) => !(table in PERSONAL_DATA_MAP))).toEqual([]);
    // And nothing listed that no longer exists.
    const tables = new Set(rows.map((r) => r.table_name));
    expect(Object.keys(PERSONAL_DATA_MAP).filter((table) => !tables.has(table))).toEqual([]);
  });

  it('names only export sections and erasure categories that exist, and uses all of them', () => {
    const sections = new Set(EXPORT_SOURCES.map((s) => s.name));
    const categories = new Set(ERASURE_SOURCES.map((s) => s.category));
    const usedSections = new Set<string>();
    const usedCategories = new Set<string>();
    for (const [table, entry] of Object.entries(PERSONAL_DATA_MAP)) {
      if (typeof entry.export === 'string') {
        expect(sections.has(entry.export), `${table}: export ${entry.export}`).toBe(true);
        usedSections.add(entry.export);
      }
      if (Array.isArray(entry.erasure)) {
        for (const category of entry.erasure as readonly string[]) {
          expect(categories.has(category), `${table}: erasure ${category}`).toBe(true);
          usedCategories.add(category);
        }
      }
    }
    expect([...sections].filter((s) => !usedSections.has(s))).toEqual([]);
    expect([...categories].filter((c) => !usedCategories.has(c))).toEqual([]);
  });
});
