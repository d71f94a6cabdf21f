import { ConfigError, loadConfig } from './platform/config.ts';
import { KeyringError } from './platform/crypto/keyring.ts';
import { DataDirLockedError } from './platform/db/data-dir-lock.ts';
import { createLogger } from './platform/logging.ts';
import { startRuntime } from './runtime.ts';

/**
 * The process entry point: start, print where to go, and stop cleanly on SIGTERM/SIGINT.
 * Exit codes: 0 after a clean stop, 1 on a failed start or a stop that overran its timeout.
 */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    fail(err.message);
    return;
  }
  const log = createLogger(config.logLevel);

  let runtime;
  try {
    runtime = await startRuntime(config, log);
  } catch (err) {
    if (
      err instanceof DataDirLockedError ||
      err instanceof ConfigError ||
      err instanceof KeyringError
    ) {
      fail(err.message);
    } else {
      log.fatal({ err }, 'start-up failed');
      fail('Anxin could not start; see the log above.');
    }
    return;
  }

  const backend = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${config.dataDir}`;
  log.info({ url: runtime.url, backend }, 'Anxin is ready');
  process.stdout.write(`\n  安心 Anxin is running at ${browserUrl(runtime.url)}  (${backend})\n\n`);

  // A terminal's Ctrl-C reaches both this process and `npm start`'s wrapper, which forwards it:
  // the second signal must not cut the graceful stop short.
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      log.error('shutdown timed out');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    timer.unref();
    runtime.stop().then(
      () => {
        log.info('stopped cleanly');
        process.exit(0);
      },
      (err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

/** `listen` reports the bound address; a wildcard host is not something a browser can open. */
function browserUrl(url: string): string {
  return url.replace('://0.0.0.0', '://localhost').replace('://[::]', '://localhost');
}

function fail(message: string): void {
  process.stderr.write(`${message}\n`);
  process.exitCode = 1;
}

await main();
