// `npm run bench:records`: loading the chart of a client (issue 8) through the real HTTP server:
// 200 signed session notes and 100 completed questionnaires, every one decrypted and every one
// an audited read. A second client with as many shares the tables, so the chart's filters are
// measured, not a tiny table. Next to it, in the same run: the same server's health endpoint
// (`/health`, the HTTP floor) and the bare cost of opening the same 300 envelopes in this process (the
// crypto floor); the chart's p95 is reported against both.
//
// On the embedded PGlite database always, and on a scratch PostgreSQL database (made from
// BENCH_DATABASE_URL, dropped afterwards) when that variable is set.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { ASSESSMENTS, scoreAssessment } from '@anxin/common';
import { createPerson } from '../server/src/modules/identity/setup.service.ts';
import { ensureDefaultOrganization } from '../server/src/modules/organizations/organization.service.ts';
import { versionHash } from '../server/src/modules/records/record-hash.ts';
import { csrfForSession } from '../server/src/platform/auth/cookies.ts';
import { createSession } from '../server/src/platform/auth/session-store.ts';
import { loadKeyring } from '../server/src/platform/crypto/keyring.ts';
import { DirectoryKeyShareStore } from '../server/src/platform/crypto/key-shares.ts';
import { Vault } from '../server/src/platform/crypto/vault.ts';
import { openDatabase, type Database } from '../server/src/platform/db/database.ts';
import { runMigrations } from '../server/src/platform/db/migrate.ts';
import {
  assessmentResponses,
  careEpisodes,
  clinicalRecords,
  clinicalRecordVersions,
  counselorProfiles,
  mfaTotp,
  recordTemplates,
} from '../server/src/platform/db/schema/index.ts';
import {
  inTempDir,
  median,
  quantile,
  round,
  SERVER,
  startProcess,
  withScratchDatabase,
} from './lib.ts';
import { and, eq } from 'drizzle-orm';

const ADMIN_URL = process.env.BENCH_DATABASE_URL;
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const WARMUP = 3;
const NOTES = 200;
const QUESTIONNAIRES = 100;

/** A note of realistic length (about 600 characters over the four SOAP fields). */
const soap = (i: number) => ({
  subjective: `第${i}次会谈：来访者报告近两周睡眠不佳，入睡困难，白天注意力下降。`.repeat(3),
  objective: '准时到达，衣着整洁，语速偏慢，情绪低落但配合良好。'.repeat(2),
  assessment: '抑郁情绪持续，未见自伤或伤人风险；睡眠问题与工作压力相关。'.repeat(2),
  plan: '继续认知行为干预，布置睡眠日记，下周复评 PHQ-9。'.repeat(2),
});

interface Seeded {
  headers: Record<string, string>;
  clientUserId: string;
  envelopes: {
    owner: string;
    ref: { table: string; field: string; recordId: string };
    env: string;
  }[];
  seedMs: number;
  dataDir: string;
}

async function seedClient(
  database: Database,
  vault: Vault,
  o: { organizationId: string; counselorUserId: string; profileId: string; templateId: string },
  marker: string,
  envelopes: Seeded['envelopes'] | null,
) {
  const person = await database.db.transaction((tx) =>
    createPerson(tx, vault, o.organizationId, {
      email: `${marker}@bench.example.org`,
      realName: `来访者 ${marker}`,
      displayName: `来访者 ${marker}`,
      roles: ['client'],
      passwordHash: '!',
      isDemo: false,
      meta: null,
    }),
  );
  const clientUserId = person.userId;
  const [episode] = await database.db
    .insert(careEpisodes)
    .values({
      organizationId: o.organizationId,
      clientUserId,
      counselorId: o.profileId,
      status: 'active',
    })
    .returning({ id: careEpisodes.id });
  const episodeId = episode?.id ?? '';
  const owner = { type: 'person' as const, id: clientUserId };
  for (let batch = 0; batch < NOTES; batch += 50) {
    await database.db.transaction(async (tx) => {
      const scope = vault.scope(tx, o.organizationId);
      for (let i = batch; i < batch + 50; i++) {
        const id = randomUUID();
        const versionId = randomUUID();
        const content = soap(i);
        const signedAt = new Date(Date.now() - (NOTES - i) * 86_400_000);
        const hash = versionHash({
          recordId: id,
          recordType: 'session_note',
          clientUserId,
          template: { id: o.templateId, version: 1 },
          version: 1,
          kind: 'original',
          authorUserId: o.counselorUserId,
          signedAt,
          reason: null,
          content,
          prevHash: null,
        });
        await tx.insert(clinicalRecords).values({
          id,
          organizationId: o.organizationId,
          recordType: 'session_note',
          templateId: o.templateId,
          clientUserId,
          episodeId,
          authorUserId: o.counselorUserId,
          authorCounselorId: o.profileId,
          status: 'signed',
          signedAt,
          headVersion: 1,
          headHash: hash,
        });
        const ref = { table: 'clinical_record_versions', field: 'content', recordId: versionId };
        const env = await scope.encrypt(owner, ref, JSON.stringify(content));
        envelopes?.push({ owner: clientUserId, ref, env });
        await tx.insert(clinicalRecordVersions).values({
          id: versionId,
          organizationId: o.organizationId,
          recordId: id,
          version: 1,
          kind: 'original',
          authorUserId: o.counselorUserId,
          signedAt,
          contentEnc: env,
          hash,
        });
      }
    });
  }
  await database.db.transaction(async (tx) => {
    const scope = vault.scope(tx, o.organizationId);
    for (let i = 0; i < QUESTIONNAIRES; i++) {
      const id = randomUUID();
      const def = i % 2 ? ASSESSMENTS.gad7 : ASSESSMENTS.phq9;
      const answers = Object.fromEntries(
        def.items
          .filter((it) => it.scored)
          .map((it, k) => [it.code, it.options[(i + k) % 4]?.code ?? '']),
      );
      const ref = (field: string) => ({ table: 'assessment_responses', field, recordId: id });
      const answersEnc = await scope.encrypt(owner, ref('answers'), JSON.stringify(answers));
      const scoreEnc = await scope.encrypt(
        owner,
        ref('score'),
        JSON.stringify(scoreAssessment(def, answers)),
      );
      envelopes?.push({ owner: clientUserId, ref: ref('answers'), env: answersEnc });
      await tx.insert(assessmentResponses).values({
        id,
        organizationId: o.organizationId,
        clientUserId,
        episodeId,
        assessmentCode: def.code,
        definitionVersion: def.version,
        assignedBy: o.counselorUserId,
        status: 'completed',
        completedAt: new Date(Date.now() - (QUESTIONNAIRES - i) * 86_400_000),
        answersEnc,
        scoreEnc,
      });
    }
  });
  return clientUserId;
}

async function seed(database: Database, dataDir: string): Promise<Seeded> {
  const t0 = performance.now();
  await runMigrations(database);
  const org = await ensureDefaultOrganization(database.db, {
    name: 'Bench',
    timeZone: 'Asia/Shanghai',
  });
  const { keyring } = loadKeyring({
    file: join(dataDir, 'keyring.json'),
    masterKey: undefined,
    allowGenerate: true,
  });
  const vault = new Vault(keyring, new DirectoryKeyShareStore(join(dataDir, 'key-shares')));
  const counselor = await database.db.transaction((tx) =>
    createPerson(tx, vault, org.id, {
      email: 'counselor@bench.example.org',
      realName: '咨询师',
      displayName: '咨询师',
      roles: ['counselor'],
      passwordHash: '!',
      isDemo: false,
      meta: null,
    }),
  );
  // Staff sign in with a second factor: an enrolled TOTP (the secret is never used here).
  await database.db.insert(mfaTotp).values({
    organizationId: org.id,
    userId: counselor.userId,
    secretEnc: await vault
      .scope(database.db, org.id)
      .encrypt(
        { type: 'person', id: counselor.userId },
        { table: 'mfa_totp', field: 'secret', recordId: counselor.userId },
        'JBSWY3DPEHPK3PXP',
      ),
    confirmedAt: new Date(),
  });
  const [profile] = await database.db
    .insert(counselorProfiles)
    .values({
      organizationId: org.id,
      userId: counselor.userId,
      status: 'approved',
      displayName: '咨询师',
    })
    .returning({ id: counselorProfiles.id });
  const [template] = await database.db
    .select({ id: recordTemplates.id })
    .from(recordTemplates)
    .where(and(eq(recordTemplates.organizationId, org.id), eq(recordTemplates.code, 'soap')));
  const o = {
    organizationId: org.id,
    counselorUserId: counselor.userId,
    profileId: profile?.id ?? '',
    templateId: template?.id ?? '',
  };
  const envelopes: Seeded['envelopes'] = [];
  const clientUserId = await seedClient(database, vault, o, 'subject', envelopes);
  await seedClient(database, vault, o, 'other', null);
  const { token } = await createSession(database.db, {
    organizationId: org.id,
    userId: counselor.userId,
    roles: ['counselor'],
    mfaVerified: true,
    ip: null,
    userAgent: null,
  });
  await database.query('ANALYZE');
  const csrf = csrfForSession(keyring.tokenKey, token);
  return {
    headers: { cookie: `anxin_session=${token}; anxin_csrf=${csrf}` },
    clientUserId,
    envelopes,
    seedMs: round(performance.now() - t0),
    dataDir,
  };
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

/** One request after another: a counselor opens one chart at a time. */
async function measure(base: URL, path: string, headers: Record<string, string>, runs = RUNS) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const times: number[] = [];
    let body = '';
    for (let i = 0; i < WARMUP + runs; i++) {
      const t0 = performance.now();
      const r = await get(agent, base, path, headers);
      const ms = performance.now() - t0;
      if (r.status !== 200)
        throw new Error(`${path} answered ${r.status}: ${r.body.slice(0, 300)}`);
      if (i >= WARMUP) times.push(ms);
      body = r.body;
    }
    return { times, body };
  } finally {
    agent.destroy();
  }
}

/** The crypto floor: the same envelopes opened in this process, keys already unwrapped. */
async function decryptFloor(database: Database, seeded: Seeded, organizationId: string) {
  const { keyring } = loadKeyring({
    file: join(seeded.dataDir, 'keyring.json'),
    masterKey: undefined,
    allowGenerate: false,
  });
  const vault = new Vault(keyring, new DirectoryKeyShareStore(join(seeded.dataDir, 'key-shares')));
  const times: number[] = [];
  for (let run = 0; run < WARMUP + RUNS; run++) {
    const scope = vault.scope(database.db, organizationId);
    await scope.preload(
      [...new Set(seeded.envelopes.map((e) => e.owner))].map((id) => ({
        type: 'person' as const,
        id,
      })),
    );
    const t0 = performance.now();
    await Promise.all(
      seeded.envelopes.map((e) => scope.decrypt({ type: 'person', id: e.owner }, e.ref, e.env)),
    );
    if (run >= WARMUP) times.push(performance.now() - t0);
  }
  return times;
}

const stats = (times: number[]) => ({
  p50Ms: round(median(times), 1),
  p95Ms: round(quantile(times, 0.95), 1),
});

async function measureDatabase(
  open: () => Promise<Database>,
  dataDir: string,
  env: Record<string, string>,
) {
  const database = await open();
  let seeded: Seeded;
  let crypto: number[];
  try {
    seeded = await seed(database, dataDir);
    const [org] = await database.query<{ id: string }>('SELECT id FROM organizations LIMIT 1');
    crypto = await decryptFloor(database, seeded, org?.id ?? '');
  } finally {
    await database.close();
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
    const chart = await measure(
      base,
      `/api/v1/clients/${seeded.clientUserId}/chart`,
      seeded.headers,
    );
    const parsed = JSON.parse(chart.body) as { records: unknown[]; assessments: unknown[] };
    const health = await measure(base, '/health', {}, 200);
    const p95 = quantile(chart.times, 0.95);
    return {
      seedMs: seeded.seedMs,
      chart: {
        runs: RUNS,
        ...stats(chart.times),
        bytes: Buffer.byteLength(chart.body),
        records: parsed.records.length,
        questionnaires: parsed.assessments.length,
      },
      httpFloor: stats(health.times),
      cryptoFloor: { envelopes: seeded.envelopes.length, ...stats(crypto) },
      ratios: {
        chartP95OverHttpP95: round(p95 / quantile(health.times, 0.95), 1),
        chartP95OverCryptoP95: round(p95 / quantile(crypto, 0.95), 1),
      },
    };
  } finally {
    await anxin.stop();
  }
}

async function main() {
  const loadAtStart = round(loadavg()[0] ?? 0, 2);
  const embedded = await inTempDir('records', (dir) =>
    measureDatabase(() => openDatabase({ kind: 'pglite', dataDir: join(dir, 'pg') }), dir, {}),
  );
  const postgresServer = ADMIN_URL
    ? await withScratchDatabase(ADMIN_URL, 'records', (url) =>
        inTempDir('records', (dir) =>
          measureDatabase(() => openDatabase({ kind: 'postgres', url, poolSize: 10 }), dir, {
            DATABASE_URL: url,
            ANXIN_ENV: 'development',
          }),
        ),
      )
    : 'skipped (set BENCH_DATABASE_URL)';
  return {
    machine: { cpus: cpus().length, node: process.version, loadAtStart },
    chart: {
      endpoint: 'GET /api/v1/clients/:id/chart',
      notes: NOTES,
      questionnaires: QUESTIONNAIRES,
      embedded,
      postgresServer,
    },
  };
}

process.stdout.write(`${JSON.stringify(await main(), null, 2)}\n`);
