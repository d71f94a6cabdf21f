import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { pino } from 'pino';
import { openDatabase } from '../platform/db/database.ts';
import { runMigrations } from '../platform/db/migrate.ts';
import { startJobs } from '../platform/jobs/jobs.ts';

/**
 * Creating a PGlite database takes seconds; loading a dump of a migrated one takes well under
 * one. So the run migrates once (with pg-boss's schema installed too) and every test file
 * starts from a copy of that dump.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const database = await openDatabase({ kind: 'pglite-memory' });
  await runMigrations(database);
  const jobs = await startJobs(
    { database, log: pino({ level: 'silent' }), instanceId: 'template' },
    [],
    { schedule: false },
  );
  await jobs.stop();
  if (!database.pglite) throw new Error('expected an embedded database');
  const dump = await database.pglite.dumpDataDir('none');
  await database.close();
  const path = join(tmpdir(), `anxin-template-${process.pid}.tar`);
  writeFileSync(path, new Uint8Array(await dump.arrayBuffer()));
  project.provide('pgliteTemplate', path);
  return () => undefined;
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresTemplate: string;
  }
}
