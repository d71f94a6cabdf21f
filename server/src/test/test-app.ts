import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context.ts';
import { ensureDefaultOrganization } from '../modules/organizations/organization.service.ts';
import { loadConfig, type Config } from '../platform/config.ts';
import type { Database } from '../platform/db/database.ts';
import { ephemeralKeyring } from '../platform/crypto/keyring.ts';
import { temporaryKeyShares } from '../platform/crypto/key-shares.ts';
import { Vault } from '../platform/crypto/vault.ts';
import { buildApp } from '../platform/http/app.ts';
import { createLogger } from '../platform/logging.ts';
import { VERSION } from '../runtime.ts';
import { openTestDatabase } from './test-database.ts';

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  database: Database;
  /** Every log line the app wrote, as raw JSON text, in order. */
  logs: string[];
  close(): Promise<void>;
}

/** Config as a fresh install would have it, with jobs off unless a test turns them on. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({ ANXIN_JOBS: 'off', ANXIN_DEMO: '0' }), ...overrides };
}

/** The real HTTP application on a private database, driven with `app.inject`. */
export async function createTestApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  const config = testConfig(overrides);
  const database = await openTestDatabase();
  await ensureDefaultOrganization(database.db, config.organization);
  const logs: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      logs.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const ctx: AppContext = {
    config,
    database,
    jobs: undefined,
    version: VERSION,
    instanceId: 'test',
    vault: new Vault(ephemeralKeyring(), temporaryKeyShares()),
  };
  const app = await buildApp(ctx, createLogger('trace', stream));
  await app.ready();
  return {
    app,
    ctx,
    database,
    logs,
    async close() {
      await app.close();
      await database.close();
    },
  };
}
