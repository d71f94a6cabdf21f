import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { AppContext } from './app-context.ts';
import { existingDemoLogins, seedDemo, type DemoLogin } from './modules/identity/demo.seed.ts';
import { issueSetupToken } from './modules/identity/setup.service.ts';
import { createAuditCheckpointJob } from './platform/audit/checkpoint.job.ts';
import { createDeliveryJob } from './modules/notifications/notification-delivery.job.ts';
import { createCredentialExpiryJob } from './modules/counselors/credential-expiry.job.ts';
import { createNoShowJob } from './modules/scheduling/no-show.job.ts';
import { createAppointmentRemindersJob } from './modules/scheduling/reminders.job.ts';
import { createRetentionJob } from './modules/privacy/retention/retention.job.ts';
import { createBreachOverdueJob } from './modules/privacy/breach/breach-overdue.job.ts';
import { createCloseRoomsJob } from './modules/sessions/room-close.job.ts';
import { createSenders } from './modules/notifications/senders/create-senders.ts';
import { heartbeatJob } from './modules/system/heartbeat.job.ts';
import { analyzeJob, vacuumJob } from './modules/system/maintenance.job.ts';
import { ConfigError, type Config } from './platform/config.ts';
import { acquireDataDirLock, type DataDirLock } from './platform/db/data-dir-lock.ts';
import { openDatabase, type Database } from './platform/db/database.ts';
import { runMigrations } from './platform/db/migrate.ts';
import { DirectoryKeyShareStore } from './platform/crypto/key-shares.ts';
import { createFinishShreddingJob } from './platform/crypto/shredding.job.ts';
import { loadKeyring } from './platform/crypto/keyring.ts';
import { Vault } from './platform/crypto/vault.ts';
import { buildApp } from './platform/http/app.ts';
import { startJobs, type JobDefinition, type Jobs } from './platform/jobs/jobs.ts';
import { seedOrganizationDefaults } from './modules/organizations/organization.service.ts';
import { organizations } from './platform/db/schema/index.ts';

/** Every periodic or queued job of the product; modules add theirs here. */
export const JOB_DEFINITIONS: readonly JobDefinition[] = [heartbeatJob, analyzeJob, vacuumJob];

export const VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

export interface Runtime {
  readonly app: FastifyInstance;
  readonly ctx: AppContext;
  /** Where the server listens, e.g. http://127.0.0.1:3000 */
  readonly url: string;
  /** Finishes in-flight requests, stops jobs, closes the database, releases the lock. */
  stop(): Promise<void>;
}

/**
 * Starts the whole server: lock → database → migrations → organisation → jobs → HTTP. A failure
 * at any step undoes the steps before it, so a refused start leaves nothing open or locked.
 */
export async function startRuntime(config: Config, log: Logger): Promise<Runtime> {
  const undo: (() => Promise<void> | void)[] = [];
  const unwind = async () => {
    for (const step of undo.reverse()) await step();
    undo.length = 0;
  };
  try {
    let lock: DataDirLock | undefined;
    if (!config.databaseUrl) {
      lock = acquireDataDirLock(config.dataDir);
      undo.push(() => lock?.release());
    }
    const { keyring, generated } = loadKeyring({
      file: config.keys.keyringFile,
      masterKey: config.keys.masterKey,
      previousMasterKeys: config.keys.previousMasterKeys,
      // Generated silently only in development; a production deployment brings its keys.
      allowGenerate: config.env === 'development',
    });
    if (generated) {
      log.warn(
        { keyringFile: config.keys.keyringFile },
        'generated a new keyring: back it up outside this machine; without it encrypted data and the audit chain cannot be read',
      );
    }
    const vault = new Vault(keyring, new DirectoryKeyShareStore(config.keys.shareDir));
    const database: Database = await openDatabase(
      config.databaseUrl
        ? { kind: 'postgres', url: config.databaseUrl }
        : { kind: 'pglite', dataDir: `${config.dataDir}/pg` },
    );
    undo.push(() => database.close());
    await runMigrations(database);
    const missing = await vault.missingMasterKeys(database.db);
    if (missing.length) {
      throw new ConfigError(
        `Data keys are wrapped by master keys this keyring lacks (${missing.join(', ')}): restore the keyring or set ANXIN_PREVIOUS_MASTER_KEY.`,
      );
    }
    const seeded = config.demo ? await seedDemo(database.db, vault, keyring.auditKey) : null;
    const demoLogins =
      seeded ?? (config.demo ? await existingDemoLogins(database.db, vault) : null);
    // Organisations made before a module existed get its defaults too (idempotent).
    for (const org of await database.db.select({ id: organizations.id }).from(organizations)) {
      await seedOrganizationDefaults(database.db, org.id);
    }
    const setupToken = await issueSetupToken(database.db, vault);

    const instanceId = randomUUID();
    let jobs: Jobs | undefined;
    if (config.jobs) {
      const senders = createSenders(config, process.stdout);
      undo.push(() => senders.close()); // closes after the jobs that use it have stopped
      jobs = await startJobs(
        { database, log, instanceId },
        [
          ...JOB_DEFINITIONS,
          createDeliveryJob({ senders, vault }),
          createAuditCheckpointJob(config.auditCheckpointFile, keyring.auditKey),
          createCredentialExpiryJob({ vault, auditKey: keyring.auditKey }),
          createNoShowJob({ vault, auditKey: keyring.auditKey }),
          createAppointmentRemindersJob({ vault, auditKey: keyring.auditKey }),
          createRetentionJob({ vault, auditKey: keyring.auditKey }),
          createBreachOverdueJob({ vault, auditKey: keyring.auditKey }),
          createCloseRoomsJob({ auditKey: keyring.auditKey }),
          createFinishShreddingJob(vault),
        ],
        { schedule: true },
      );
      undo.push(() => jobs?.stop());
    }
    const ctx: AppContext = { config, database, jobs, version: VERSION, instanceId, vault };
    const app = await buildApp(ctx, log);
    undo.push(() => app.close());
    const address = await app.listen({ host: config.host, port: config.port });
    // Links in messages need a reachable address; with PORT=0 only now is it known.
    config.publicUrl ??= address;
    const base = config.publicUrl;
    if (setupToken) printSetupLink(new URL(`/setup?token=${setupToken}`, base).toString());
    if (demoLogins) printDemoLogins(demoLogins, seeded !== null);

    let stopping: Promise<void> | undefined;
    return {
      app,
      ctx,
      url: address,
      stop: () => (stopping ??= unwind()),
    };
  } catch (err) {
    await unwind();
    throw err;
  }
}

/**
 * Console output for the person starting the server, deliberately not through the logger: the
 * setup link is a secret that must not be kept in log files.
 */
function printSetupLink(link: string): void {
  process.stdout.write(
    `\n  No organisation yet. Open this one-time link to create it and its first administrator:\n  ${link}\n  (valid 24 hours; a restart issues a new one)\n`,
  );
}

function printDemoLogins(logins: DemoLogin[], created: boolean): void {
  const lines = logins.map(
    (l) =>
      `    ${l.role.padEnd(14)} ${l.email.padEnd(32)} ${l.password}${l.totpSecret ? `   TOTP secret ${l.totpSecret}` : ''}`,
  );
  process.stdout.write(
    `\n  DEMO organisation ${created ? 'created' : 'in use'} (do not enter real information). Sign in as any role:\n${lines.join('\n')}\n`,
  );
}
