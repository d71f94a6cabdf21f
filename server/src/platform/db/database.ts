import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import * as schema from './schema/index.ts';
import { PGLITE_EXTENSIONS } from './extensions.ts';

export type Schema = typeof schema;
/** The Drizzle handle shared by both backends; repos depend on this type only. */
export type Db = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

export interface Database {
  readonly kind: 'pglite' | 'postgres';
  readonly db: Db;
  /** Raw SQL with positional parameters, for the few places below the ORM (jobs, health). */
  query<T extends Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** The embedded instance, when embedded (pg-boss and tests need the handle itself). */
  readonly pglite: PGlite | undefined;
  /** The connection string, when on a server. */
  readonly url: string | undefined;
  close(): Promise<void>;
}

export type DatabaseTarget =
  | { kind: 'pglite'; dataDir: string }
  | { kind: 'pglite-memory'; loadDataDir?: Blob }
  | { kind: 'postgres'; url: string; poolSize?: number };

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.kind === 'postgres') return openPostgres(target.url, target.poolSize ?? 10);
  if (target.kind === 'pglite') {
    // PGlite creates only the last segment of its data dir.
    mkdirSync(dirname(target.dataDir), { recursive: true });
    return wrapPglite(await PGlite.create(target.dataDir, { extensions: PGLITE_EXTENSIONS }));
  }
  return wrapPglite(
    await PGlite.create({
      extensions: PGLITE_EXTENSIONS,
      ...(target.loadDataDir ? { loadDataDir: target.loadDataDir } : {}),
    }),
  );
}

function wrapPglite(pglite: PGlite): Database {
  const db = drizzlePglite(pglite, { schema, casing: 'snake_case' }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    pglite,
    url: undefined,
    async query<T extends Record<string, unknown>>(text: string, params: unknown[] = []) {
      return (await pglite.query<T>(text, params)).rows;
    },
    async close() {
      if (!pglite.closed) await pglite.close();
    },
  };
}

function openPostgres(url: string, max: number): Database {
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle client that loses its server must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  const db = drizzlePg(pool, { schema, casing: 'snake_case' }) as unknown as Db;
  let closed = false;
  return {
    kind: 'postgres',
    db,
    pglite: undefined,
    url,
    async query<T extends Record<string, unknown>>(text: string, params: unknown[] = []) {
      return (await pool.query<T>(text, params)).rows;
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}
