import type { TestProject } from 'vitest/node';
import pg from 'pg';
import { pino } from 'pino';
import { openDatabase } from '../platform/db/database.ts';
import { runMigrations } from '../platform/db/migrate.ts';
import { startJobs } from '../platform/jobs/jobs.ts';
import { databaseUrlFor, TEST_DB_PREFIX } from './postgres-admin.ts';

/**
 * On the server, a migrated template database is made once per run; each test file gets
 * `CREATE DATABASE … TEMPLATE` of it (a file copy, far cheaper than migrating).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) throw new Error('DATABASE_URL is required for the postgres test project');
  const template = `${TEST_DB_PREFIX}tpl_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${template}`);
  await admin.query(`CREATE DATABASE ${template}`);

  const database = await openDatabase({
    kind: 'postgres',
    url: databaseUrlFor(adminUrl, template),
  });
  await runMigrations(database);
  const jobs = await startJobs(
    { database, log: pino({ level: 'silent' }), instanceId: 'template' },
    [],
    { schedule: false },
  );
  await jobs.stop();
  await database.close();
  project.provide('postgresTemplate', template);

  return async () => {
    const { rows } = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE $1`,
      [`${TEST_DB_PREFIX}%_${process.pid}%`],
    );
    for (const { datname } of rows) {
      await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    }
    await admin.end();
  };
}
