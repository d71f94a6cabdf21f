import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig, type Config } from '../platform/config.ts';
import {
  createKeyringFile,
  generateKeyringFile,
  KeyringError,
} from '../platform/crypto/keyring.ts';
import {
  rotateMasterKey,
  RotationUsageError,
  type RotationReport,
} from '../platform/crypto/rotation.ts';
import { acquireDataDirLock, type DataDirLock } from '../platform/db/data-dir-lock.ts';
import { openDatabase, type Database } from '../platform/db/database.ts';

/**
 * `npm run keys:init` and `npm run keys:rotate [-- --retire]` (ADR 0004).
 * Exit status: 0 done, 1 failed (nothing half-done: see rotateMasterKey), 2 wrong usage.
 */
const USAGE = `Usage:
  keys init               create the keyring file (refuses to overwrite one)
  keys rotate [--retire]  new master key, re-wrap every data key; --retire then removes
                          master keys that no data key uses any more

The keyring file is ANXIN_KEYRING_FILE (default <ANXIN_DATA_DIR>/keyring.json). When
ANXIN_MASTER_KEY is set, rotate uses it as the new key: put the old one in
ANXIN_PREVIOUS_MASTER_KEY (several may be given, separated by commas).
`;

class UsageError extends Error {}

const out = (line: string) => process.stdout.write(`${line}\n`);

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...flags] = argv;
  try {
    if (command === 'init' && flags.length === 0) return init(loadConfig());
    if (command === 'rotate' && flags.every((f) => f === '--retire')) {
      return await rotate(loadConfig(), flags.includes('--retire'));
    }
    throw new UsageError(command ? `Unknown command or option: ${argv.join(' ')}` : '');
  } catch (err) {
    if (err instanceof UsageError || err instanceof RotationUsageError) {
      process.stderr.write(`${err.message ? `${err.message}\n\n` : ''}${USAGE}`);
      return 2;
    }
    // Our own errors are written for operators and hold no key material; anything else is
    // reported by name and message only (a stack trace helps nobody running a key command).
    const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    process.stderr.write(`${err instanceof KeyringError ? err.message : message}\n`);
    return 1;
  }
}

function init(config: Config): number {
  const path = config.keys.keyringFile;
  const fromEnv = config.keys.masterKey !== undefined;
  if (
    existsSync(path) ||
    !createKeyringFile(path, generateKeyringFile({ withMasterKey: !fromEnv }))
  ) {
    process.stderr.write(`A keyring already exists at ${path}; it was left untouched.\n`);
    return 1;
  }
  out(`Created the keyring at ${path} (mode 0600).`);
  if (fromEnv) {
    out(
      'The master key comes from ANXIN_MASTER_KEY; this file holds the audit, index and token keys.',
    );
  }
  out('Back it up now, somewhere other than this machine and apart from database backups:');
  out('without it the encrypted data and the audit chain cannot be read; together with a');
  out('database dump, it reads them.');
  return 0;
}

async function rotate(config: Config, retire: boolean): Promise<number> {
  let lock: DataDirLock | undefined;
  let database: Database | undefined;
  try {
    if (config.databaseUrl) {
      out('Database: PostgreSQL (DATABASE_URL). Stop every server instance before rotating.');
      database = await openDatabase({ kind: 'postgres', url: config.databaseUrl, poolSize: 1 });
    } else {
      // The lock refuses to run beside a server: it would keep wrapping new data keys with the
      // old master key, and a --retire could then remove a key still in use.
      lock = acquireDataDirLock(config.dataDir);
      out(`Database: embedded, in ${config.dataDir} (locked; the server must be stopped).`);
      const pgDir = join(config.dataDir, 'pg');
      if (existsSync(pgDir)) database = await openDatabase({ kind: 'pglite', dataDir: pgDir });
      else out('No embedded database yet: only the keyring changes.');
    }
    const report = await rotateMasterKey(database, {
      keyringFile: config.keys.keyringFile,
      masterKey: config.keys.masterKey,
      previousMasterKeys: splitKeys(process.env.ANXIN_PREVIOUS_MASTER_KEY),
      retire,
    });
    printReport(report, config.keys.keyringFile);
    return 0;
  } finally {
    await database?.close();
    lock?.release();
  }
}

function splitKeys(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter((k) => k.length > 0);
}

function printReport(r: RotationReport, keyringFile: string): void {
  if (r.generatedMasterKeyId)
    out(`New master key ${r.generatedMasterKeyId} added to ${keyringFile}.`);
  else out(`Current master key ${r.currentMasterKeyId} (from ANXIN_MASTER_KEY).`);
  out(`Re-wrapped ${r.rewrapped} data key(s) in one transaction.`);
  const live = [...r.usage.values()].reduce((a, b) => a + b, 0);
  out(`Live data keys: ${live}; destroyed (shredded): ${r.destroyed}.`);
  for (const [id, n] of r.usage) out(`  ${id}: ${n}`);
  if (r.retired.length > 0) out(`Retired from the keyring file: ${r.retired.join(', ')}.`);
  if (r.previousStillUsed.length > 0) {
    out(`Still in use, keep in ANXIN_PREVIOUS_MASTER_KEY: ${r.previousStillUsed.join(', ')}.`);
  } else if (process.env.ANXIN_PREVIOUS_MASTER_KEY) {
    out('No data key uses ANXIN_PREVIOUS_MASTER_KEY any more: it may be removed.');
  }
  if (r.generatedMasterKeyId)
    out(`Back up ${keyringFile} again now: older backups lack the new key.`);
}

process.exitCode = await main(process.argv.slice(2));
