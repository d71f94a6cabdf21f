import type { Config } from './platform/config.ts';
import type { Database } from './platform/db/database.ts';
import type { Vault } from './platform/crypto/vault.ts';
import type { Jobs } from './platform/jobs/jobs.ts';

/** What route modules are given. Built once per process by the runtime (or by a test). */
export interface AppContext {
  config: Config;
  database: Database;
  /** Absent when the process runs without background jobs (ANXIN_JOBS=off, most tests). */
  jobs: Jobs | undefined;
  version: string;
  instanceId: string;
  /** Envelope encryption, blind indexes and token digests; holds the keyring. */
  vault: Vault;
}
