// `npm run bench:slots`: open slots of one counselor over 14 days (GET /counselors/:id/slots),
// rotating over 500 listable counselors with weekly hours and about three bookings a day each,
// next to a bare Fastify /health measured in the same run. On the embedded database, and also on
// a PostgreSQL server (a scratch database, dropped afterwards) when BENCH_DATABASE_URL is set.
// Percentiles are computed from every response, not from histogram buckets.
import { randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { ensureDefaultOrganization } from '../server/src/modules/organizations/organization.service.ts';
import { loadKeyring } from '../server/src/platform/crypto/keyring.ts';
import { DirectoryKeyShareStore } from '../server/src/platform/crypto/key-shares.ts';
import { Vault } from '../server/src/platform/crypto/vault.ts';
import { openDatabase, type Database, type Db } from '../server/src/platform/db/database.ts';
import { runMigrations } from '../server/src/platform/db/migrate.ts';
import {
  appointments,
  availabilityRules,
  counselorProfiles,
  counselorQualifications,
  userRoles,
  users,
} from '../server/src/platform/db/schema/index.ts';
import {
  BARE,
  inTempDir,
  measurePaths,
  round,
  SERVER,
  startProcess,
  withScratchDatabase,
} from './lib.ts';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const COUNSELORS = Number(process.env.BENCH_COUNSELORS ?? 500);
const DAYS = 14;
const ZONE = 'Asia/Shanghai';
/** Counselors whose slots are requested, rotated by every connection. */
const ROTATION = 100;

interface Seeded {
  ids: string[];
  appointments: number;
}

/** Weekdays 09:00–12:00 and 13:00–18:00, Saturdays 10:00–16:00 for every other counselor. */
function weeklyRules(i: number) {
  const rules = [1, 2, 3, 4, 5].flatMap((weekday) => [
    { weekday, startTime: '09:00', endTime: '12:00' },
    { weekday, startTime: '13:00', endTime: '18:00' },
  ]);
  return i % 2 ? [...rules, { weekday: 6, startTime: '10:00', endTime: '16:00' }] : rules;
}

/** Three 50-minute bookings a day, at times that vary by counselor, with 10 minutes after. */
function bookingsOf(i: number, counselorId: string, clientUserId: string, organizationId: string) {
  const today = DateTime.now().setZone(ZONE).startOf('day');
  const shift = (i % 4) * 30;
  return Array.from({ length: DAYS }, (_, d) => today.plus({ days: d + 1 })).flatMap((day) =>
    [9 * 60 + 30, 14 * 60, 16 * 60].map((minute) => {
      const startsAt = day.plus({ minutes: minute + shift }).toJSDate();
      const endsAt = new Date(startsAt.getTime() + 50 * 60_000);
      return {
        organizationId,
        counselorId,
        clientUserId,
        sessionTypeCode: 'follow_up',
        kind: 'follow_up' as const,
        modality: 'video' as const,
        startsAt,
        endsAt,
        blockedFrom: startsAt,
        blockedUntil: new Date(endsAt.getTime() + 10 * 60_000),
        status: 'booked' as const,
      };
    }),
  );
}

/** One listable counselor, their client, hours and bookings. */
async function seedCounselor(tx: Db, vault: Vault, organizationId: string, i: number) {
  const counselorUserId = randomUUID();
  const clientUserId = randomUUID();
  // No usable password: these accounts exist only to own profiles and appointments.
  await tx.insert(users).values([
    { id: counselorUserId, organizationId, displayName: `咨询师 ${i}`, passwordHash: '!' },
    { id: clientUserId, organizationId, displayName: `来访者 ${i}`, passwordHash: '!' },
  ]);
  await tx.insert(userRoles).values([
    { organizationId, userId: counselorUserId, role: 'counselor' },
    { organizationId, userId: clientUserId, role: 'client' },
  ]);
  const [profile] = await tx
    .insert(counselorProfiles)
    .values({
      organizationId,
      userId: counselorUserId,
      status: 'approved',
      displayName: `咨询师 ${i}`,
      specialties: ['anxiety'],
      languages: ['zh'],
      modalities: ['video'],
      fees: { intake: 50_000, follow_up: 40_000 },
      feeFromFen: 40_000,
      timeZone: ZONE,
      recheckDueOn: '2099-01-01',
    })
    .returning({ id: counselorProfiles.id });
  const counselorId = profile?.id ?? '';
  const qualificationId = randomUUID();
  await tx.insert(counselorQualifications).values({
    id: qualificationId,
    organizationId,
    counselorId,
    typeCode: 'cps_registered',
    numberEnc: await vault
      .scope(tx, organizationId)
      .encrypt(
        { type: 'person', id: counselorUserId },
        { table: 'counselor_qualifications', field: 'number', recordId: qualificationId },
        `CPS-${i}`,
      ),
    issuer: 'Chinese Psychological Society',
    issuedOn: '2018-06-01',
    status: 'verified',
    verifiedAt: new Date(),
  });
  await tx
    .insert(availabilityRules)
    .values(weeklyRules(i).map((r) => ({ organizationId, counselorId, ...r })));
  const booked = bookingsOf(i, counselorId, clientUserId, organizationId);
  await tx.insert(appointments).values(booked);
  return { counselorId, appointments: booked.length };
}

/** Seeds the database the server will open next, then collects planner statistics. */
async function seed(database: Database, dataDir: string): Promise<Seeded> {
  await runMigrations(database);
  const org = await ensureDefaultOrganization(database.db, { name: 'Bench', timeZone: ZONE });
  const { keyring } = loadKeyring({
    file: join(dataDir, 'keyring.json'), // where the server looks (ANXIN_KEYRING_FILE's default)
    masterKey: undefined,
    allowGenerate: true,
  });
  // The shares where the server looks (ANXIN_KEY_SHARE_DIR's default).
  const vault = new Vault(keyring, new DirectoryKeyShareStore(join(dataDir, 'key-shares')));
  const out: Seeded = { ids: [], appointments: 0 };
  for (let start = 0; start < COUNSELORS; start += 100) {
    await database.db.transaction(async (tx) => {
      for (let i = start; i < Math.min(COUNSELORS, start + 100); i++) {
        const one = await seedCounselor(tx, vault, org.id, i);
        out.ids.push(one.counselorId);
        out.appointments += one.appointments;
      }
    });
  }
  // What autovacuum does on a server in its own time (PGlite never runs it).
  await database.query('ANALYZE');
  return out;
}

/** The shared measurement with this bench's duration, at `connections` (default: the bench's). */
function measure(base: string, paths: readonly string[], connections = CONNECTIONS) {
  return measurePaths(base, paths, { connections, seconds: DURATION });
}

/** Seeds, starts the real server on that database, checks one answer, and measures. */
async function measureServer(database: Database, dataDir: string, env: Record<string, string>) {
  const t0 = performance.now();
  const seeded = await seed(database, dataDir);
  await database.close();
  const seedMs = round(performance.now() - t0);
  const anxin = await startProcess(SERVER, {
    ANXIN_DATA_DIR: dataDir,
    ANXIN_DEMO: '0',
    ANXIN_LOG_LEVEL: 'warn',
    // The general per-IP limiter would otherwise be what is measured.
    ANXIN_RATE_LIMIT_MAX: '100000000',
    ...env,
  });
  try {
    const paths = seeded.ids
      .slice(0, ROTATION)
      .map((id) => `/api/v1/counselors/${id}/slots?days=${DAYS}`);
    const res = await fetch(anxin.url + (paths[0] ?? ''));
    if (res.status !== 200) throw new Error(`slots answered ${res.status}`);
    const slotsPerAnswer = ((await res.json()) as { items: unknown[] }).items.length;
    // One searcher at a time is the latency a person sees; the loaded run shows the queueing.
    const oneAtATime = await measure(anxin.url, paths, 1);
    const result = await measure(anxin.url, paths);
    return {
      data: { counselors: seeded.ids.length, appointments: seeded.appointments, seedMs },
      slotsPerAnswer,
      oneConnection: oneAtATime,
      anxin: result,
    };
  } finally {
    await anxin.stop();
  }
}

async function main() {
  // Other work on the machine shifts every figure; the 1-minute load says how much there was.
  const loadAtStart = round(loadavg()[0] ?? 0, 2);
  const bare = await startProcess(BARE, {});
  const bareFastify = await measure(bare.url, ['/health']);
  await bare.stop();
  const embedded = await inTempDir('slots', async (dir) =>
    measureServer(await openDatabase({ kind: 'pglite', dataDir: join(dir, 'pg') }), dir, {}),
  );
  const adminUrl = process.env.BENCH_DATABASE_URL;
  const server = adminUrl
    ? await withScratchDatabase(adminUrl, 'slots', (url) =>
        inTempDir('slots', async (dir) =>
          measureServer(await openDatabase({ kind: 'postgres', url }), dir, {
            DATABASE_URL: url,
            ANXIN_ENV: 'development',
          }),
        ),
      )
    : null;
  const goal = (m: { anxin: { p95Ms: number }; oneConnection: { p95Ms: number } }) => ({
    oneConnection: m.oneConnection.p95Ms <= 50,
    [`${CONNECTIONS}Connections`]: m.anxin.p95Ms <= 50,
  });
  return {
    machine: { cpus: cpus().length, node: process.version, loadAtStart },
    slotSearch: {
      endpoint: `GET /api/v1/counselors/:id/slots?days=${DAYS} (visitor; ${ROTATION} counselors rotated)`,
      connections: CONNECTIONS,
      seconds: DURATION,
      goal: 'p95 <= 50 ms',
      bareFastify,
      embedded: { ...embedded, meetsGoal: goal(embedded) },
      ...(server ? { postgresServer: { ...server, meetsGoal: goal(server) } } : {}),
    },
  };
}

process.stdout.write(`${JSON.stringify(await main(), null, 2)}\n`);
