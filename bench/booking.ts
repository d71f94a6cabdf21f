// `npm run bench:booking`: booking appointments (POST /api/v1/appointments) through the real HTTP
// server, on a PostgreSQL server (a scratch database made from BENCH_DATABASE_URL, dropped
// afterwards) and on the embedded PGlite database.
//
// 1. Race: 200 signed-in, verified clients ask for the same slot of one counselor at once. The
//    exclusion constraints are the guarantee against double booking (A4), so this checks that the
//    guarantee holds under real concurrency and that every loser gets a clean 409 `slot_taken`
//    problem, never a 5xx from an unmapped constraint or serialisation error; the table is
//    queried afterwards for the one holding appointment.
// 2. Throughput: bookings that all succeed (distinct clients, counselors and times, so nothing
//    collides), at a fixed number of connections, next to plain INSERTs of equivalent rows into the
//    same table with the same constraints, on the same database and at the same concurrency. The
//    ratio says what the booking logic (session, listability, slot check, episode, fee, outbox,
//    audit chain) costs on top of the bare write the constraint has to check anyway.
import http from 'node:http';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { openDatabase, type Database } from '../server/src/platform/db/database.ts';
import { CLIENTS, COUNSELORS, seed, ZONE, type Client, type Seeded } from './booking-seed.ts';
import {
  inTempDir,
  median,
  quantile,
  round,
  SERVER,
  startProcess,
  withScratchDatabase,
} from './lib.ts';

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
/** The server's pool holds 10 connections by default; more in flight would only queue there. */
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const WARMUP_SECONDS = 2;
const APPOINTMENTS = '/api/v1/appointments';
const MIN = 60_000;
const HOLDING = "('pending', 'booked', 'arrived', 'fulfilled', 'noshow')";

// Throughput bookings sit on a 2-hour grid inside the counselors' 08:00–20:00, so an intake
// (60 minutes and 10 after) never overlaps its neighbour: 6 starts a day from day 3 on, past the
// minimum notice and the race (which takes the first slot offered), up to day 35, inside the
// default 60-day horizon.
const API_FIRST_DAY = 3;
const API_STARTS_PER_DAY = 6;
const API_SLOTS = 33 * API_STARTS_PER_DAY;
// Raw rows go after every booked day, around the clock, 70 minutes apart (an intake and its
// buffer): the API's days stay untouched and the rows never collide with each other.
const RAW_FIRST_DAY = 40;
const RAW_SPACING_MIN = 70;

/**
 * Which booking the k-th request makes. At slot index s every counselor is booked once, by
 * clients s … s+COUNSELORS-1 (mod CLIENTS): no two of one time share a client, and a client meets
 * a counselor again only after CLIENTS slots, so every booking is a first one, an intake.
 */
function planned(k: number, clients: readonly Client[], counselors: readonly string[]) {
  const s = Math.floor(k / counselors.length);
  const c = k % counselors.length;
  const client = clients[(c + s) % clients.length];
  const counselorId = counselors[c];
  if (!client || !counselorId) throw new Error('bad plan');
  return { s, client, counselorId };
}

function apiStart(s: number): string {
  if (s >= API_SLOTS) throw new Error('throughput plan exhausted: raise API_SLOTS');
  const day = DateTime.now()
    .setZone(ZONE)
    .startOf('day')
    .plus({ days: API_FIRST_DAY + Math.floor(s / API_STARTS_PER_DAY) });
  return day
    .set({ hour: 8 + 2 * (s % API_STARTS_PER_DAY) })
    .toUTC()
    .toISO({ suppressMilliseconds: true }) as string;
}

interface Reply {
  status: number;
  contentType: string;
  body: string;
}

/** One request on a node:http agent: lighter than fetch, so the load generator costs less CPU. */
function request(
  agent: http.Agent,
  base: URL,
  method: 'GET' | 'POST',
  path: string,
  headers: Record<string, string> = {},
  body?: unknown,
): Promise<Reply> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        method,
        path,
        headers: {
          ...headers,
          ...(payload === undefined
            ? {}
            : {
                'content-type': 'application/json',
                'content-length': String(Buffer.byteLength(payload)),
              }),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            contentType: res.headers['content-type'] ?? '',
            body: Buffer.concat(chunks).toString(),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

const increment = (counts: Record<string, number>, key: string) => {
  counts[key] = (counts[key] ?? 0) + 1;
};

function problemCode(r: Reply): string | undefined {
  try {
    const code = (JSON.parse(r.body) as { code?: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined;
  }
}

/** 200 clients, one counselor, one slot, all at once. */
async function race(base: URL, seeded: Seeded) {
  // One socket per racer, opened before the race, so the bookings leave together instead of
  // trickling out behind 200 TCP handshakes.
  const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
  try {
    await Promise.all(seeded.clients.map(() => request(agent, base, 'GET', '/health')));
    // A start the server itself offers, so the slot is bookable (notice, horizon, grid).
    const slots = await request(
      agent,
      base,
      'GET',
      `/api/v1/counselors/${seeded.raceCounselor}/slots?days=7`,
    );
    if (slots.status !== 200) throw new Error(`slots answered ${slots.status}: ${slots.body}`);
    const first = (JSON.parse(slots.body) as { items: { startsAt: string }[] }).items[0];
    if (!first) throw new Error('the race counselor offers no slot');
    const startsAt = first.startsAt;
    const t0 = performance.now();
    const replies = await Promise.all(
      seeded.clients.map((c) =>
        request(agent, base, 'POST', APPOINTMENTS, c.headers, {
          counselorId: seeded.raceCounselor,
          startsAt,
          modality: 'video',
        }),
      ),
    );
    const ms = round(performance.now() - t0);
    const statuses: Record<string, number> = {};
    const loserCodes: Record<string, number> = {};
    let losersAsProblemJson = 0;
    const samples: Record<string, string> = {};
    for (const r of replies) {
      increment(statuses, String(r.status));
      if (r.status === 201) continue;
      increment(loserCodes, problemCode(r) ?? '(none)');
      if (r.contentType.startsWith('application/problem+json')) losersAsProblemJson++;
      // One body per unexpected status, to say what went wrong without 199 copies.
      if (r.status !== 409) samples[String(r.status)] ??= r.body.slice(0, 500);
    }
    const fiveXx = replies.filter((r) => r.status >= 500).length;
    return {
      startsAt,
      requests: replies.length,
      ms,
      statuses,
      loserCodes,
      losersAsProblemJson,
      fiveXx,
      ...(Object.keys(samples).length ? { unexpectedBodies: samples } : {}),
    };
  } finally {
    agent.destroy();
  }
}

interface Outcome {
  key: string;
}

/**
 * `connections` workers each repeating `op` until the time is up (a closed loop: a new request
 * only when the last one answered). Every outcome and latency is recorded.
 */
async function closedLoop(connections: number, seconds: number, op: () => Promise<Outcome>) {
  const deadline = performance.now() + seconds * 1000;
  const times: number[] = [];
  const outcomes: Record<string, number> = {};
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < deadline) {
        const start = performance.now();
        const { key } = await op();
        times.push(performance.now() - start);
        increment(outcomes, key);
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  return {
    perSec: round(times.length / elapsed, 1),
    count: times.length,
    p50Ms: round(median(times), 2),
    p99Ms: round(quantile(times, 0.99), 2),
    outcomes,
  };
}

/** Non-colliding bookings through the API: the first WARMUP_SECONDS are not counted. */
async function apiThroughput(base: URL, seeded: Seeded) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  let k = 0;
  const bodies: Record<string, number> = {};
  const op = async (): Promise<Outcome> => {
    const { s, client, counselorId } = planned(k++, seeded.clients, seeded.counselors);
    const r = await request(agent, base, 'POST', APPOINTMENTS, client.headers, {
      counselorId,
      startsAt: apiStart(s),
      modality: 'video',
    });
    if (r.status !== 201)
      increment(bodies, `${r.status} ${problemCode(r) ?? r.body.slice(0, 200)}`);
    return { key: String(r.status) };
  };
  try {
    // The grid must be what the server offers, or every request would be a 409.
    const first = planned(0, seeded.clients, seeded.counselors);
    const from = apiStart(0).slice(0, 10);
    const offered = await request(
      agent,
      base,
      'GET',
      `/api/v1/counselors/${first.counselorId}/slots?from=${from}&days=2`,
    );
    const starts = (JSON.parse(offered.body) as { items: { startsAt: string }[] }).items.map((i) =>
      new Date(i.startsAt).getTime(),
    );
    if (!starts.includes(new Date(apiStart(0)).getTime()))
      throw new Error(`planned start ${apiStart(0)} is not an offered slot`);
    await closedLoop(CONNECTIONS, WARMUP_SECONDS, op);
    const measured = await closedLoop(CONNECTIONS, SECONDS, op);
    return {
      ...measured,
      attemptsWithWarmup: k,
      ...(Object.keys(bodies).length ? { failures: bodies } : {}),
    };
  } finally {
    agent.destroy();
  }
}

/**
 * The same kind of row the booking writes (an intake, booked, with its buffer after), one INSERT
 * statement per row in autocommit, straight on the database at the same concurrency.
 */
async function rawThroughput(database: Database, seeded: Seeded) {
  const base = DateTime.now().setZone(ZONE).startOf('day').plus({ days: RAW_FIRST_DAY });
  const baseMs = base.toMillis();
  let k = 0;
  const op = async (): Promise<Outcome> => {
    const { s, client, counselorId } = planned(k++, seeded.clients, seeded.counselors);
    const startsAt = baseMs + s * RAW_SPACING_MIN * MIN;
    const endsAt = startsAt + 60 * MIN;
    try {
      await database.query(
        `INSERT INTO appointments (organization_id, counselor_id, client_user_id, session_type_code,
           kind, modality, starts_at, ends_at, blocked_from, blocked_until, status, fee_fen)
         VALUES ($1, $2, $3, 'intake', 'intake', 'video', $4, $5, $4, $6, 'booked', 50000)`,
        [
          seeded.organizationId,
          counselorId,
          client.userId,
          new Date(startsAt).toISOString(),
          new Date(endsAt).toISOString(),
          new Date(endsAt + 10 * MIN).toISOString(),
        ],
      );
      return { key: 'inserted' };
    } catch (err) {
      return { key: `error ${(err as { code?: string }).code ?? String(err)}` };
    }
  };
  await closedLoop(CONNECTIONS, WARMUP_SECONDS, op);
  return { ...(await closedLoop(CONNECTIONS, SECONDS, op)), attemptsWithWarmup: k };
}

/** Seeds, runs the race and the API load on the real server, then checks and loads the table. */
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
    // The server opens the database next; PGlite allows one process at a time.
    await seeding.close();
  }
  const anxin = await startProcess(SERVER, {
    ANXIN_DATA_DIR: dataDir,
    ANXIN_DEMO: '0',
    ANXIN_LOG_LEVEL: 'warn',
    // The general per-IP limiter would otherwise be what is measured: every request is from here.
    ANXIN_RATE_LIMIT_MAX: '100000000',
    ...env,
  });
  let raced: Awaited<ReturnType<typeof race>>;
  let api: Awaited<ReturnType<typeof apiThroughput>>;
  try {
    const base = new URL(anxin.url);
    raced = await race(base, seeded);
    api = await apiThroughput(base, seeded);
  } finally {
    await anxin.stop();
  }
  // PGlite is one process's: the table is opened here only once the server has let go of it.
  const database = await open();
  try {
    const [held] = await database.query<{ atSlot: number; anyTime: number; episodes: number }>(
      `SELECT
         (SELECT count(*)::int FROM appointments WHERE counselor_id = $1 AND starts_at = $2
            AND status IN ${HOLDING}) AS "atSlot",
         (SELECT count(*)::int FROM appointments WHERE counselor_id = $1
            AND status IN ${HOLDING}) AS "anyTime",
         (SELECT count(*)::int FROM care_episodes WHERE counselor_id = $1) AS episodes`,
      [seeded.raceCounselor, raced.startsAt],
    );
    const raw = await rawThroughput(database, seeded);
    const ratio = round(api.perSec / raw.perSec, 3);
    const raceOk =
      raced.statuses['201'] === 1 &&
      raced.statuses['409'] === CLIENTS - 1 &&
      raced.loserCodes['slot_taken'] === CLIENTS - 1 &&
      raced.losersAsProblemJson === CLIENTS - 1 &&
      raced.fiveXx === 0 &&
      held?.atSlot === 1 &&
      held.anyTime === 1;
    return {
      seedMs: seeded.seedMs,
      race: { ...raced, holdingAfterwards: held, meetsGoal: raceOk },
      throughput: { api, raw, apiOverRaw: ratio, meetsGoal: ratio >= 0.5 },
    };
  } finally {
    await database.close();
  }
}

async function main() {
  // Other work on the machine shifts every figure; the 1-minute load says how much there was.
  const loadAtStart = round(loadavg()[0] ?? 0, 2);
  const postgresServer = await withScratchDatabase(ADMIN_URL, 'booking', (url) =>
    inTempDir('booking', (dir) =>
      measureDatabase(() => openDatabase({ kind: 'postgres', url, poolSize: CONNECTIONS }), dir, {
        DATABASE_URL: url,
        ANXIN_ENV: 'development',
      }),
    ),
  );
  const embedded = await inTempDir('booking', (dir) =>
    measureDatabase(() => openDatabase({ kind: 'pglite', dataDir: join(dir, 'pg') }), dir, {}),
  );
  return {
    machine: { cpus: cpus().length, node: process.version, loadAtStart },
    booking: {
      endpoint: `POST ${APPOINTMENTS} (signed-in verified clients)`,
      race: {
        clients: CLIENTS,
        goal: 'exactly one 201, the rest 409 slot_taken (problem+json), no 5xx, one holding row',
      },
      throughput: {
        connections: CONNECTIONS,
        seconds: SECONDS,
        warmupSeconds: WARMUP_SECONDS,
        counselors: COUNSELORS,
        clients: CLIENTS,
        raw: 'single-row INSERT INTO appointments in autocommit, same constraints and concurrency',
        goal: 'api/raw >= 0.5',
      },
      postgresServer,
      embedded,
    },
    goals: {
      raceOnPostgresServer: postgresServer.race.meetsGoal,
      raceOnEmbedded: embedded.race.meetsGoal,
      throughputOnPostgresServer: postgresServer.throughput.meetsGoal,
      throughputOnEmbedded: embedded.throughput.meetsGoal,
    },
  };
}

process.stdout.write(`${JSON.stringify(await main(), null, 2)}\n`);
