import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadConfig, type Config } from '../platform/config.ts';
import { loadKeyring, KeyringError } from '../platform/crypto/keyring.ts';
import {
  acquireDataDirLock,
  DataDirLockedError,
  type DataDirLock,
} from '../platform/db/data-dir-lock.ts';
import { openDatabase, type Database } from '../platform/db/database.ts';
import { verifyAuditChain, type ChainReport } from '../platform/audit/verify.ts';

/**
 * `npm run audit:verify [-- --json]`: recomputes every organisation's audit chain and compares
 * it with its head and with the checkpoint file. Exit status: 0 intact, 1 broken, 2 could not
 * verify (usage, configuration, keyring, database). Never 1 for anything but a broken chain, so
 * monitoring can page on it.
 */
const USAGE = `Usage: npm run audit:verify [-- --json]

Verifies the hash chain of the audit log of every organisation, the head of each chain and the
checkpoints in ANXIN_AUDIT_CHECKPOINT_FILE (default <ANXIN_DATA_DIR>/audit-checkpoints.jsonl).
Reads DATABASE_URL / ANXIN_DATA_DIR and the keyring like the server does; never creates a keyring.
On the embedded database the server must be stopped first (one process per data directory).

  --json   print the report as JSON instead of a summary
`;

class UsageError extends Error {}

const out = (line = '') => process.stdout.write(`${line}\n`);
const err = (line: string) => process.stderr.write(`${line}\n`);

async function main(argv: readonly string[]): Promise<number> {
  let lock: DataDirLock | undefined;
  let database: Database | undefined;
  try {
    const unknown = argv.filter((a) => a !== '--json');
    if (unknown.length > 0) throw new UsageError(`Unknown option: ${unknown.join(' ')}`);
    const json = argv.includes('--json');
    const config = loadConfig();
    const { keyring } = loadKeyring({
      file: config.keys.keyringFile,
      masterKey: config.keys.masterKey,
      allowGenerate: false,
    });
    if (!config.databaseUrl) lock = lockEmbedded(config);
    database = await openDatabase(
      config.databaseUrl
        ? { kind: 'postgres', url: config.databaseUrl, poolSize: 2 }
        : { kind: 'pglite', dataDir: join(config.dataDir, 'pg') },
    );
    if (!json) err(`Verifying the audit chain in ${describeBackend(config)} …`);
    const report = await verifyAuditChain(database, keyring.auditKey, {
      checkpointFile: config.auditCheckpointFile,
    });
    if (json) out(JSON.stringify(report, null, 2));
    else printSummary(report);
    return report.ok ? 0 : 1;
  } catch (e) {
    if (e instanceof UsageError) {
      err(`${e.message}\n\n${USAGE}`);
    } else if (e instanceof ConfigError || e instanceof KeyringError) {
      err(e.message);
    } else if (e instanceof DataDirLockedError) {
      err(`The server must be stopped before verifying the embedded database.\n${e.message}`);
    } else {
      // Name and message only: a driver's message may quote SQL, never a stack for operators.
      err(`Could not verify: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
    }
    return 2;
  } finally {
    await database?.close();
    lock?.release();
  }
}

/** The embedded database belongs to one process: the running server, or this command. */
function lockEmbedded(config: Config): DataDirLock {
  // Opening a missing data dir would create an empty database and report it intact.
  if (!existsSync(join(config.dataDir, 'pg', 'PG_VERSION'))) {
    throw new ConfigError(`No embedded database in ${config.dataDir} (set ANXIN_DATA_DIR).`);
  }
  return acquireDataDirLock(config.dataDir);
}

function describeBackend(config: Config): string {
  return config.databaseUrl
    ? 'the PostgreSQL database (DATABASE_URL)'
    : `the embedded database in ${config.dataDir} (the server must stay stopped meanwhile)`;
}

function printSummary(report: ChainReport): void {
  const { file, count, warnings } = report.checkpoints;
  out(
    count > 0
      ? `Checkpoints: ${count} in ${file ?? '-'}`
      : `Checkpoints: none in ${file ?? '-'}; deleting the newest events together with the head cannot be detected without them`,
  );
  for (const w of warnings) out(`  warning: ${w}`);
  out();
  for (const org of report.organizations) {
    const head = org.headSeq === null ? 'no head' : `head seq ${org.headSeq}`;
    if (!org.firstBroken) {
      out(`  ok      ${org.organizationId}  ${org.events} events, ${head}`);
      continue;
    }
    const b = org.firstBroken;
    out(`  BROKEN  ${org.organizationId}  ${head}; ${org.events} events verified before the break`);
    out(`          first broken link: seq ${b.seq}${b.id ? `, event ${b.id}` : ''}: ${b.problem}`);
    out(`          ${b.detail}`);
  }
  if (report.organizations.length === 0) out('  (no organisations)');
  out();
  out(report.ok ? 'Audit chain intact.' : 'AUDIT CHAIN BROKEN: treat this as a security incident.');
}

process.exitCode = await main(process.argv.slice(2));
