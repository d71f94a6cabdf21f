import { execFileSync } from 'node:child_process';
import type { TestApp } from './test-app.ts';
import { testBackend } from './test-database.ts';

/** pg_dump of the server database, or the embedded database's whole data directory. */
export async function databaseDump(t: TestApp): Promise<string> {
  if (testBackend() === 'postgres') {
    return execFileSync('pg_dump', ['--no-owner', t.database.url ?? ''], {
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    });
  }
  if (!t.database.pglite) throw new Error('no embedded database');
  await t.database.query('CHECKPOINT');
  const tar = await t.database.pglite.dumpDataDir('none');
  return Buffer.from(await tar.arrayBuffer()).toString('latin1');
}
