import { resolve } from 'node:path';
import { z } from 'zod';

/**
 * Every setting the server reads from the environment, with its default. The README's table
 * of environment variables is generated from this list by hand: keep them in step.
 */
const envSchema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z.url().optional(),
  ANXIN_DATA_DIR: z.string().min(1).default('./data'),
  ANXIN_ORG_NAME: z.string().min(1).max(200).default('安心心理服务中心'),
  ANXIN_ORG_TIME_ZONE: z
    .string()
    .refine(isTimeZone, 'must be an IANA time zone such as Asia/Shanghai')
    .default('Asia/Shanghai'),
  ANXIN_LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info'),
  ANXIN_TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  ANXIN_BODY_LIMIT: z.coerce.number().int().min(1024).default(1_048_576),
  ANXIN_RATE_LIMIT_MAX: z.coerce.number().int().min(1).default(300),
  ANXIN_RATE_LIMIT_WINDOW_MS: z.coerce.number().int().min(1000).default(60_000),
  ANXIN_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  ANXIN_JOBS: z.enum(['on', 'off']).default('on'),
  ANXIN_WEB_DIST: z.string().min(1).optional(),
  ANXIN_ENV: z.enum(['development', 'production']).optional(),
  ANXIN_DEMO: z.enum(['0', '1']).optional(),
  ANXIN_PUBLIC_URL: z.url().optional(),
  ANXIN_MASTER_KEY: z.string().min(40).optional(),
  ANXIN_PREVIOUS_MASTER_KEY: z.string().min(40).optional(),
  ANXIN_KEYRING_FILE: z.string().min(1).optional(),
  /** Where the external shares of shreddable data keys live (ADR 0008); shared by all instances. */
  ANXIN_KEY_SHARE_DIR: z.string().min(1).optional(),
  ANXIN_AUDIT_CHECKPOINT_FILE: z.string().min(1).optional(),
  ANXIN_SMTP_URL: z.url().optional(),
  ANXIN_MAIL_FROM: z.string().min(3).default('安心 Anxin <no-reply@anxin.local>'),
  /** WebRTC ICE servers (STUN/TURN) as a JSON array; empty: host candidates only (one machine, LAN). */
  ANXIN_ICE_SERVERS: z.string().default('[]'),
});

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export interface Config {
  host: string;
  port: number;
  /** Server PostgreSQL when set; otherwise the embedded PGlite database in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  organization: { name: string; timeZone: string };
  logLevel: z.infer<typeof envSchema>['ANXIN_LOG_LEVEL'];
  trustProxy: boolean;
  bodyLimit: number;
  rateLimit: { max: number; windowMs: number };
  shutdownTimeoutMs: number;
  jobs: boolean;
  /** The built web app; absent means the API runs without the web shell. */
  webDist: string;
  /**
   * development: console mail sender, the outbox visible to administrators, generated keyring.
   * Defaults to development on the embedded database and production with DATABASE_URL.
   */
  env: 'development' | 'production';
  /** Seed the demo organisation on an empty database (default: on when embedded). */
  demo: boolean;
  /** Base URL for links in messages; defaults to the address the server listens on. */
  publicUrl: string | undefined;
  keys: {
    masterKey: string | undefined;
    previousMasterKeys: string[];
    keyringFile: string;
    shareDir: string;
  };
  auditCheckpointFile: string;
  mail: { smtpUrl: string | undefined; from: string };
  /** Given to the browsers of a session room as RTCConfiguration.iceServers. */
  iceServers: IceServer[];
}

export interface IceServer {
  urls: string | string[];
  username?: string | undefined;
  credential?: string | undefined;
}

const iceServersSchema = z.array(
  z.object({
    urls: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
    username: z.string().optional(),
    credential: z.string().optional(),
  }),
);

/** No external default: a public STUN server would tell a third party who is in a session. */
function parseIceServers(raw: string): IceServer[] {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new ConfigError('Invalid environment:\n  ANXIN_ICE_SERVERS: must be a JSON array');
  }
  const parsed = iceServersSchema.safeParse(json);
  if (!parsed.success) {
    throw new ConfigError(
      'Invalid environment:\n  ANXIN_ICE_SERVERS: must be an array of { urls, username?, credential? }',
    );
  }
  return parsed.data;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = resolve(e.ANXIN_DATA_DIR);
  const embedded = e.DATABASE_URL === undefined;
  return {
    host: e.HOST,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    dataDir,
    organization: { name: e.ANXIN_ORG_NAME, timeZone: e.ANXIN_ORG_TIME_ZONE },
    logLevel: e.ANXIN_LOG_LEVEL,
    trustProxy: e.ANXIN_TRUST_PROXY === 'true',
    bodyLimit: e.ANXIN_BODY_LIMIT,
    rateLimit: { max: e.ANXIN_RATE_LIMIT_MAX, windowMs: e.ANXIN_RATE_LIMIT_WINDOW_MS },
    shutdownTimeoutMs: e.ANXIN_SHUTDOWN_TIMEOUT_MS,
    jobs: e.ANXIN_JOBS === 'on',
    webDist: resolve(e.ANXIN_WEB_DIST ?? new URL('../../../web/dist', import.meta.url).pathname),
    env: e.ANXIN_ENV ?? (embedded ? 'development' : 'production'),
    demo: e.ANXIN_DEMO === undefined ? embedded : e.ANXIN_DEMO === '1',
    publicUrl: e.ANXIN_PUBLIC_URL,
    keys: {
      masterKey: e.ANXIN_MASTER_KEY,
      previousMasterKeys: (e.ANXIN_PREVIOUS_MASTER_KEY ?? '')
        .split(',')
        .map((k) => k.trim())
        .filter(Boolean),
      keyringFile: resolve(e.ANXIN_KEYRING_FILE ?? `${dataDir}/keyring.json`),
      shareDir: resolve(e.ANXIN_KEY_SHARE_DIR ?? `${dataDir}/key-shares`),
    },
    auditCheckpointFile: resolve(
      e.ANXIN_AUDIT_CHECKPOINT_FILE ?? `${dataDir}/audit-checkpoints.jsonl`,
    ),
    mail: { smtpUrl: e.ANXIN_SMTP_URL, from: e.ANXIN_MAIL_FROM },
    iceServers: parseIceServers(e.ANXIN_ICE_SERVERS),
  };
}
