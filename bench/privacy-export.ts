// `npm run bench:export`: producing one person's export (B3, B11) through the real HTTP server,
// as JSON and as the readable HTML document, for a person with 200 records: appointments (half
// cancelled, with an encrypted reason), ledger entries, consent decisions, privacy requests with
// detail and answer, disclosures, messages and audit events about them. A second person with as
// many records shares the tables, so the export's filters are what is measured, not a tiny table.
//
// On the embedded PGlite database always, and on a scratch PostgreSQL database (made from
// BENCH_DATABASE_URL, dropped afterwards) when that variable is set.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { grantConsents } from '../server/src/modules/consent/test-support/consent-fixtures.ts';
import { createPerson } from '../server/src/modules/identity/setup.service.ts';
import { ensureDefaultOrganization } from '../server/src/modules/organizations/organization.service.ts';
import { seedPersonRecords } from '../server/src/modules/privacy/export/test-support/export-seed.ts';
import { csrfForSession } from '../server/src/platform/auth/cookies.ts';
import { loadKeyring } from '../server/src/platform/crypto/keyring.ts';
import { DirectoryKeyShareStore } from '../server/src/platform/crypto/key-shares.ts';
import { Vault } from '../server/src/platform/crypto/vault.ts';
import { openDatabase, type Database } from '../server/src/platform/db/database.ts';
import { runMigrations } from '../server/src/platform/db/migrate.ts';
import { counselorProfiles, userRoles, users } from '../server/src/platform/db/schema/index.ts';
import {
  inTempDir,
  median,
  quantile,
  round,
  SERVER,
  startProcess,
  withScratchDatabase,
} from './lib.ts';

const ADMIN_URL = process.env.BENCH_DATABASE_URL;
const RUNS = Number(process.env.BENCH_RUNS ?? 50);
const WARMUP = 5;
const ZONE = 'Asia/Shanghai';
const EXPORT = '/api/v1/privacy/me/export';
/** 200 records in all (the two consents every client is given make 22 consent decisions). */
const COUNTS = {
  appointments: 80,
  ledgerEntries: 40,
  consents: 18,
  requests: 20,
  disclosures: 10,
  notifications: 10,
  auditEvents: 20,
} as const;
const RECORDS: number = Object.values(COUNTS).reduce((a: number, b: number) => a + b, 0) + 2;

interface Seeded {
  headers: Record<string, string>;
  seedMs: number;
}

async function seed(database: Database, dataDir: string): Promise<Seeded> {
  const t0 = performance.now();
  await runMigrations(database);
  const org = await ensureDefaultOrganization(database.db, { name: 'Bench', timeZone: ZONE });
  const { keyring } = loadKeyring({
    file: join(dataDir, 'keyring.json'),
    masterKey: undefined,
    allowGenerate: true,
  });
  const vault = new Vault(keyring, new DirectoryKeyShareStore(join(dataDir, 'key-shares')));
  const counselorUserId = randomUUID();
  const counselorProfileId = await database.db.transaction(async (tx) => {
    await tx.insert(users).values({
      id: counselorUserId,
      organizationId: org.id,
      displayName: '咨询师',
      passwordHash: '!',
    });
    await tx
      .insert(userRoles)
      .values({ organizationId: org.id, userId: counselorUserId, role: 'counselor' });
    const [profile] = await tx
      .insert(counselorProfiles)
      .values({
        organizationId: org.id,
        userId: counselorUserId,
        status: 'approved',
        displayName: '咨询师',
        timeZone: ZONE,
      })
      .returning({ id: counselorProfiles.id });
    return profile?.id ?? '';
  });
  let headers: Record<string, string> = {};
  for (const [i, marker] of ['subject', 'other'].entries()) {
    const { userId, token } = await database.db.transaction(async (tx) => {
      const person = await createPerson(tx, vault, org.id, {
        email: `${marker}@bench.example.org`,
        realName: `来访者 ${marker}`,
        displayName: `来访者 ${marker}`,
        roles: ['client'],
        passwordHash: '!',
        isDemo: false,
        meta: null,
      });
      await grantConsents(tx, org.id, person.userId);
      return person;
    });
    await seedPersonRecords(database.db, vault, keyring.auditKey, {
      organizationId: org.id,
      userId,
      counselorProfileId,
      staffUserId: counselorUserId,
      marker,
      // A year apart, so the two people's appointments never overlap at the counselor.
      firstStart: new Date(Date.now() - (30 + 365 * i) * 86_400_000),
      counts: COUNTS,
    });
    if (i === 0) {
      const csrf = csrfForSession(keyring.tokenKey, token);
      headers = { cookie: `anxin_session=${token}; anxin_csrf=${csrf}` };
    }
  }
  await database.query('ANALYZE');
  return { headers, seedMs: round(performance.now() - t0) };
}

function get(agent: http.Agent, base: URL, path: string, headers: Record<string, string>) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request(
      { agent, host: base.hostname, port: base.port, method: 'GET', path, headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** One request after another (an export is one person's, never concurrent with itself). */
async function measure(base: URL, path: string, headers: Record<string, string>) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const times: number[] = [];
    let bytes = 0;
    let sections: Record<string, number> | null = null;
    for (let i = 0; i < WARMUP + RUNS; i++) {
      const t0 = performance.now();
      const r = await get(agent, base, path, headers);
      const ms = performance.now() - t0;
      if (r.status !== 200)
        throw new Error(`${path} answered ${r.status}: ${r.body.slice(0, 300)}`);
      if (i >= WARMUP) times.push(ms);
      bytes = Buffer.byteLength(r.body);
      if (i === 0 && path === EXPORT) {
        const data = JSON.parse(r.body) as { sections: Record<string, unknown[]> };
        sections = Object.fromEntries(Object.entries(data.sections).map(([k, v]) => [k, v.length]));
      }
    }
    return {
      runs: RUNS,
      p50Ms: round(median(times), 1),
      p95Ms: round(quantile(times, 0.95), 1),
      maxMs: round(Math.max(...times), 1),
      bytes,
      ...(sections ? { firstExportSections: sections } : {}),
    };
  } finally {
    agent.destroy();
  }
}

async function measureDatabase(
  open: () => Promise<Database>,
  dataDir: string,
  env: Record<string, string>,
) {
  const seeding = await open();
  let seeded: Seeded;
  try {
    seeded = await seed(seeding, dataDir);
  } finally {
    await seeding.close();
  }
  const anxin = await startProcess(SERVER, {
    ANXIN_DATA_DIR: dataDir,
    ANXIN_DEMO: '0',
    ANXIN_LOG_LEVEL: 'warn',
    ANXIN_RATE_LIMIT_MAX: '100000000',
    ...env,
  });
  try {
    const base = new URL(anxin.url);
    // Every export is audited, so the person's access log grows by one per request: the last
    // export holds WARMUP + 2 × RUNS more audit events than the first.
    const json = await measure(base, EXPORT, seeded.headers);
    const html = await measure(base, `${EXPORT}.html`, seeded.headers);
    return { seedMs: seeded.seedMs, json, html };
  } finally {
    await anxin.stop();
  }
}

async function main() {
  const loadAtStart = round(loadavg()[0] ?? 0, 2);
  const embedded = await inTempDir('export', (dir) =>
    measureDatabase(() => openDatabase({ kind: 'pglite', dataDir: join(dir, 'pg') }), dir, {}),
  );
  const postgresServer = ADMIN_URL
    ? await withScratchDatabase(ADMIN_URL, 'export', (url) =>
        inTempDir('export', (dir) =>
          measureDatabase(() => openDatabase({ kind: 'postgres', url, poolSize: 10 }), dir, {
            DATABASE_URL: url,
            ANXIN_ENV: 'development',
          }),
        ),
      )
    : 'skipped (set BENCH_DATABASE_URL)';
  return {
    machine: { cpus: cpus().length, node: process.version, loadAtStart },
    export: {
      endpoints: [`GET ${EXPORT}`, `GET ${EXPORT}.html`],
      recordsOfThePerson: RECORDS,
      seeded: COUNTS,
      embedded,
      postgresServer,
    },
  };
}

process.stdout.write(`${JSON.stringify(await main(), null, 2)}\n`);
