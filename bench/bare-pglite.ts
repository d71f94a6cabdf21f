// The machine's own limit for a request that touches the embedded database at all: a bare
// Fastify (no logging, no hooks) answering each request with one primary-key SELECT on PGlite
// in the same process. Prints its URL like the real server does.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import Fastify from 'fastify';

const dir = mkdtempSync(join(tmpdir(), 'anxin-bench-bare-pglite-'));
const db = await PGlite.create(join(dir, 'pg'));
await db.exec(`CREATE TABLE people (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), name text);
  INSERT INTO people (name) SELECT 'p' || n FROM generate_series(1, 1000) n;`);
const id = (await db.query<{ id: string }>('SELECT id FROM people LIMIT 1')).rows[0]?.id;

const app = Fastify({ logger: false });
app.get('/health', () => ({ status: 'ok' }));
app.get('/row', async () => (await db.query('SELECT * FROM people WHERE id = $1', [id])).rows[0]);
const url = await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`running at ${url}\n`);
process.on('SIGTERM', () => {
  void app
    .close()
    .then(() => db.close())
    .then(() => {
      rmSync(dir, { recursive: true, force: true });
      process.exit(0);
    });
});
