import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDefaultOrganization } from '../../modules/organizations/organization.service.ts';
import { openTestDatabase, testBackend } from '../../test/test-database.ts';
import { loadKeyring } from '../crypto/keyring.ts';
import { acquireDataDirLock } from '../db/data-dir-lock.ts';
import { openDatabase, type Database } from '../db/database.ts';
import { runMigrations } from '../db/migrate.ts';
import { seedChain, tamper } from './test-attacker.ts';
import type { ChainReport } from './verify.ts';

const CLI = fileURLToPath(new URL('../../cli/audit-verify.ts', import.meta.url));
const embedded = testBackend() === 'pglite';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

let dir: string;
/** The server database of this test file, when the suite runs on PostgreSQL. */
let serverDb: Database | undefined;

/** `npm run audit:verify` as an operator runs it, with only the environment given here. */
function runVerify(args: string[] = [], env: Record<string, string> = {}): Promise<Run> {
  const {
    DATABASE_URL: _url,
    ANXIN_MASTER_KEY: _master,
    ANXIN_KEYRING_FILE: _keyring,
    ANXIN_AUDIT_CHECKPOINT_FILE: _checkpoints,
    ...inherited
  } = process.env;
  const target: Record<string, string> = serverDb?.url ? { DATABASE_URL: serverDb.url } : {};
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
    env: { ...inherited, ANXIN_DATA_DIR: dir, ...target, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

/** The embedded database of `dir`, opened only while no verifier runs; or the server one. */
async function withDatabase(fn: (database: Database) => Promise<void>): Promise<void> {
  if (serverDb) return fn(serverDb);
  const database = await openDatabase({ kind: 'pglite', dataDir: join(dir, 'pg') });
  try {
    await fn(database);
  } finally {
    await database.close();
  }
}

describe(`npm run audit:verify (${embedded ? 'embedded data dir' : 'DATABASE_URL'})`, () => {
  let orgId = '';
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'anxin-audit-cli-'));
    if (!embedded) serverDb = await openTestDatabase();
    // The keyring the server would have generated at its first start.
    const { keyring } = loadKeyring({
      file: join(dir, 'keyring.json'),
      masterKey: undefined,
      allowGenerate: true,
    });
    await withDatabase(async (database) => {
      if (embedded) await runMigrations(database);
      const org = await ensureDefaultOrganization(database.db, { name: '测试', timeZone: 'UTC' });
      orgId = org.id;
      await seedChain(database, keyring.auditKey, orgId, 5);
    });
  }, 120_000);
  afterAll(async () => {
    await serverDb?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('exits 0 and says the chain is intact', async () => {
    const run = await runVerify();
    expect(run).toMatchObject({ code: 0 });
    expect(run.stdout).toContain(`ok      ${orgId}  5 events, head seq 5`);
    expect(run.stdout).toContain('Audit chain intact.');
  }, 60_000);

  it('prints the report as JSON with --json', async () => {
    const run = await runVerify(['--json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as ChainReport;
    expect(report.ok).toBe(true);
    expect(report.organizations.find((o) => o.organizationId === orgId)?.events).toBe(5);
  }, 60_000);

  it('exits 2 without touching anything when the keyring is missing', async () => {
    const missing = join(dir, 'elsewhere', 'keyring.json');
    const run = await runVerify([], { ANXIN_KEYRING_FILE: missing });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('No keyring');
    expect(existsSync(missing)).toBe(false);
  }, 60_000);

  it('exits 2 on an unknown option and prints the usage', async () => {
    const run = await runVerify(['--fix']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Usage: npm run audit:verify');
  }, 60_000);

  it.runIf(embedded)(
    'exits 2 and says to stop the server while it holds the data dir',
    async () => {
      const lock = acquireDataDirLock(dir);
      try {
        const run = await runVerify();
        expect(run.code).toBe(2);
        expect(run.stderr).toContain('The server must be stopped');
      } finally {
        lock.release();
      }
    },
    60_000,
  );

  it.runIf(embedded)(
    'exits 2 rather than create a database where there is none',
    async () => {
      const empty = mkdtempSync(join(tmpdir(), 'anxin-audit-cli-empty-'));
      try {
        const run = await runVerify([], { ANXIN_DATA_DIR: empty });
        expect(run.code).toBe(2);
        expect(existsSync(join(empty, 'pg'))).toBe(false);
      } finally {
        rmSync(empty, { recursive: true, force: true });
      }
    },
    60_000,
  );

  it('exits 1 and names the first broken link once an event was edited', async () => {
    await withDatabase((database) =>
      tamper(database, [
        [
          `UPDATE audit_events SET ip = '203.0.113.9' WHERE organization_id = $1 AND seq = 3`,
          [orgId],
        ],
      ]),
    );
    const human = await runVerify();
    expect(human.code).toBe(1);
    expect(human.stdout).toContain(`BROKEN  ${orgId}`);
    expect(human.stdout).toMatch(/first broken link: seq 3, event [0-9a-f-]{36}: hash_mismatch/);
    const json = await runVerify(['--json']);
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout) as ChainReport;
    expect(report.organizations.find((o) => o.organizationId === orgId)?.firstBroken).toMatchObject(
      { seq: 3, problem: 'hash_mismatch' },
    );
  }, 120_000);
});
