// `npm run bench:directory`: the public counselor directory searched with three filters over
// 2,000 seeded counselors (about 90 % listable), next to a bare Fastify /health measured in the
// same run. Latency percentiles are computed from every response, not from histogram buckets.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDefaultOrganization } from '../server/src/modules/organizations/organization.service.ts';
import { loadKeyring } from '../server/src/platform/crypto/keyring.ts';
import { DirectoryKeyShareStore } from '../server/src/platform/crypto/key-shares.ts';
import { Vault } from '../server/src/platform/crypto/vault.ts';
import { openDatabase, type Db } from '../server/src/platform/db/database.ts';
import { runMigrations } from '../server/src/platform/db/migrate.ts';
import {
  counselorProfiles,
  counselorQualifications,
  userRoles,
  users,
} from '../server/src/platform/db/schema/index.ts';
import { BARE, SERVER, measurePaths, round, startProcess } from './lib.ts';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const COUNSELORS = Number(process.env.BENCH_COUNSELORS ?? 2000);

const SPECIALTIES = ['anxiety', 'depression', 'relationships', 'family', 'youth', 'trauma'];
const MORE_SPECIALTIES = ['workplace', 'grief', 'sleep', 'self_growth'];
const APPROACHES = ['cbt', 'psychodynamic', 'humanistic', 'family_systems', 'mindfulness'];
const MODALITIES = ['text', 'video', 'voice', 'in_person'] as const;
const GENDERS = ['female', 'male', 'nonbinary', 'undisclosed'] as const;
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '周', '吴'];

/** The searches measured: three filters each, rotated by every connection. */
const SEARCHES = [
  ['anxiety', 'zh', 'video'],
  ['depression', 'en', 'text'],
  ['trauma', 'zh', 'voice'],
  ['family', 'yue', 'in_person'],
  ['youth', 'zh', 'text'],
  ['relationships', 'en', 'video'],
  ['sleep', 'zh', 'video'],
  ['grief', 'zh', 'voice'],
].map(([s, l, m]) => `/api/v1/directory/counselors?specialty=${s}&language=${l}&modality=${m}`);

/** A seeded generator, so every run measures the same data. */
function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
const rand = mulberry32(20_261_129);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
const some = <T>(xs: readonly T[], p: number): T[] => xs.filter(() => rand() < p);

function counselorValues(i: number) {
  const r = rand();
  // ~90 % listable: the rest are applicants, certificates that expired, overdue re-checks.
  const kind = r < 0.9 ? 'listed' : r < 0.95 ? 'applicant' : r < 0.98 ? 'expired' : 'overdue';
  const specialties = [...some(SPECIALTIES, 0.3), ...some(MORE_SPECIALTIES, 0.15)];
  const languages = (
    [
      ['zh', 0.9],
      ['en', 0.3],
      ['yue', 0.15],
    ] as const
  )
    .filter(([, p]) => rand() < p)
    .map(([code]) => code);
  const modalities = some(MODALITIES, 0.5);
  const base = 20_000 + Math.floor(rand() * 80) * 1_000;
  return {
    kind,
    profile: {
      status: kind === 'applicant' ? ('applicant' as const) : ('approved' as const),
      displayName: `${pick(SURNAMES)}老师 ${i}`,
      gender: pick(GENDERS),
      specialties: specialties.length ? specialties : [pick(SPECIALTIES)],
      approaches: some(APPROACHES, 0.3),
      languages: languages.length ? languages : ['zh'],
      modalities: modalities.length ? modalities : [pick(MODALITIES)],
      yearsOfPractice: Math.floor(rand() * 30),
      bioZh: '擅长以温和、结构化的方式陪伴来访者。',
      fees: { intake: base + 10_000, follow_up: base },
      feeFromFen: base,
      recheckDueOn: kind === 'overdue' ? '2020-01-01' : '2099-01-01',
    },
    expiresOn: kind === 'expired' ? '2020-01-01' : null,
  };
}

/** Seeds the counselors straight into the database the server will open next. */
async function seed(dataDir: string) {
  const database = await openDatabase({ kind: 'pglite', dataDir: join(dataDir, 'pg') });
  await runMigrations(database);
  const org = await ensureDefaultOrganization(database.db, {
    name: 'Bench',
    timeZone: 'Asia/Shanghai',
  });
  const { keyring } = loadKeyring({
    // Where the server will look for it (ANXIN_KEYRING_FILE's default).
    file: join(dataDir, 'keyring.json'),
    masterKey: undefined,
    allowGenerate: true,
  });
  // The shares where the server looks (ANXIN_KEY_SHARE_DIR's default).
  const vault = new Vault(keyring, new DirectoryKeyShareStore(join(dataDir, 'key-shares')));
  let listable = 0;
  for (let start = 0; start < COUNSELORS; start += 250) {
    await database.db.transaction(async (tx: Db) => {
      const scope = vault.scope(tx, org.id);
      for (let i = start; i < Math.min(COUNSELORS, start + 250); i++) {
        const v = counselorValues(i);
        if (v.kind === 'listed') listable++;
        const userId = randomUUID();
        // No usable password: these accounts exist only to own profiles.
        await tx.insert(users).values({
          id: userId,
          organizationId: org.id,
          displayName: v.profile.displayName,
          passwordHash: '!',
        });
        await tx.insert(userRoles).values({ organizationId: org.id, userId, role: 'counselor' });
        const [profile] = await tx
          .insert(counselorProfiles)
          .values({ organizationId: org.id, userId, ...v.profile })
          .returning({ id: counselorProfiles.id });
        const id = randomUUID();
        await tx.insert(counselorQualifications).values({
          id,
          organizationId: org.id,
          counselorId: profile?.id ?? '',
          typeCode: pick(['cps_registered', 'psychotherapist', 'national_level_2']),
          numberEnc: await scope.encrypt(
            { type: 'person', id: userId },
            { table: 'counselor_qualifications', field: 'number', recordId: id },
            `CPS-${i}`,
          ),
          issuer: 'Chinese Psychological Society',
          issuedOn: '2018-06-01',
          expiresOn: v.expiresOn,
          status: 'verified',
          verifiedAt: new Date(),
        });
      }
    });
  }
  await database.close();
  return listable;
}

/** The shared measurement with this bench's connections and duration. */
function measure(base: string, paths: readonly string[]) {
  return measurePaths(base, paths, { connections: CONNECTIONS, seconds: DURATION });
}

/** Collects planner statistics, as autovacuum does on a server (PGlite never runs it). */
async function analyze(dataDir: string) {
  const database = await openDatabase({ kind: 'pglite', dataDir: join(dataDir, 'pg') });
  await database.query('ANALYZE');
  await database.close();
}

/** Starts the real server on the seeded directory, checks the searches, and measures them. */
async function measureServer(dir: string) {
  const anxin = await startProcess(SERVER, {
    ANXIN_DATA_DIR: dir,
    ANXIN_DEMO: '0',
    ANXIN_LOG_LEVEL: 'warn',
    // The general per-IP limiter would otherwise be what is measured.
    ANXIN_RATE_LIMIT_MAX: '100000000',
  });
  try {
    const matches: number[] = [];
    for (const path of SEARCHES) {
      const res = await fetch(anxin.url + path);
      if (res.status !== 200) throw new Error(`directory search answered ${res.status}`);
      matches.push(((await res.json()) as { total: number }).total);
    }
    return { matches, result: await measure(anxin.url, SEARCHES) };
  } finally {
    await anxin.stop();
  }
}

async function main() {
  // Other work on the machine shifts every figure; the 1-minute load says how much there was.
  const loadAtStart = round(loadavg()[0] ?? 0, 2);
  const bare = await startProcess(BARE, {});
  const bareResult = await measure(bare.url, ['/health']);
  await bare.stop();

  const dir = mkdtempSync(join(tmpdir(), 'anxin-bench-directory-'));
  try {
    const t0 = performance.now();
    const listable = await seed(dir);
    const seedMs = performance.now() - t0;
    const asInstalled = await measureServer(dir);
    await analyze(dir);
    const analyzed = await measureServer(dir);
    return {
      machine: { cpus: cpus().length, node: process.version, loadAtStart },
      data: { counselors: COUNSELORS, listable, seedMs: round(seedMs) },
      directorySearch: {
        endpoint:
          'GET /api/v1/directory/counselors?specialty&language&modality (page of 20 + total)',
        searches: SEARCHES.length,
        matchesPerSearch: {
          min: Math.min(...asInstalled.matches),
          max: Math.max(...asInstalled.matches),
        },
        connections: CONNECTIONS,
        seconds: DURATION,
        bareFastify: bareResult,
        // The embedded database as it is after bulk inserts: no planner statistics.
        anxin: asInstalled.result,
        ratio: round(asInstalled.result.requestsPerSec / bareResult.requestsPerSec, 3),
        // After ANALYZE, which a PostgreSQL server's autovacuum does by itself.
        anxinAnalyzed: analyzed.result,
        ratioAnalyzed: round(analyzed.result.requestsPerSec / bareResult.requestsPerSec, 3),
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

process.stdout.write(`${JSON.stringify(await main(), null, 2)}\n`);
