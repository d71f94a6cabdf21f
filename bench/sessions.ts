// `npm run bench:sessions`: chat delivery in live session rooms through the real server.
//
// BENCH_ROOMS rooms (default 1,000, so 2,000 sockets: a client and a counselor each) where the
// client sends one message per second for BENCH_SECONDS (default 30). Every message goes the
// whole way: frame validation, rate limit, sequence number, body sealed under the client's key,
// risk screening and audit event committed, then delivery to the counselor's socket. Measured:
// sender → peer latency (p50/p99) and messages never delivered, on the embedded database and, when
// BENCH_DATABASE_URL is set, on a scratch database of that server. Next to it, in the same run, a
// bare `ws` relay (this file with `--relay`: no validation, no storage) under the same load, which
// is the floor any WebSocket chat on this machine stands on.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type SQL } from 'drizzle-orm';
import { WebSocket, WebSocketServer } from 'ws';
import { grantConsents } from '../server/src/modules/consent/test-support/consent-fixtures.ts';
import { createPerson } from '../server/src/modules/identity/setup.service.ts';
import { ensureDefaultOrganization } from '../server/src/modules/organizations/organization.service.ts';
import { createSession } from '../server/src/platform/auth/session-store.ts';
import { loadKeyring } from '../server/src/platform/crypto/keyring.ts';
import { DirectoryKeyShareStore } from '../server/src/platform/crypto/key-shares.ts';
import { Vault } from '../server/src/platform/crypto/vault.ts';
import { openDatabase, type Database, type Db } from '../server/src/platform/db/database.ts';
import { runMigrations } from '../server/src/platform/db/migrate.ts';
import {
  counselorProfiles,
  mfaTotp,
  userRoles,
  users,
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

const ROOMS = Number(process.env.BENCH_ROOMS ?? 1000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const ADMIN_URL = process.env.BENCH_DATABASE_URL;
/** Sockets opened at once while connecting (the upgrade checks the room in the database). */
const CONNECT_CONCURRENCY = 50;
/** How long to wait for the last deliveries before counting the rest as lost. */
const DRAIN_MS = 5000;
/** Rooms per counselor: their appointments sit on different days, so they never overlap. */
const ROOMS_PER_COUNSELOR = 10;
const DAY = 86_400_000;

/** What both drivers answer to `execute` (PGlite and node-postgres alike). */
type Rows = { rows: { id: string }[] };

interface Pair {
  roomId: string;
  clientCookie: string;
  counselorCookie: string;
}

// ------------------------------------------------------------------ seeding

async function seed(
  database: Database,
  dataDir: string,
): Promise<{ pairs: Pair[]; seedMs: number }> {
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
  const pairs: Pair[] = [];
  const counselors: { userId: string; profileId: string; cookie: string }[] = [];
  for (let start = 0; start < ROOMS; start += 100) {
    await database.db.transaction(async (tx) => {
      for (let i = start; i < Math.min(ROOMS, start + 100); i++) {
        if (i % ROOMS_PER_COUNSELOR === 0) {
          const userId = randomUUID();
          await tx.insert(users).values({
            id: userId,
            organizationId: org.id,
            displayName: `咨询师 ${i}`,
            passwordHash: '!',
          });
          await tx.insert(userRoles).values({ organizationId: org.id, userId, role: 'counselor' });
          const [profile] = await tx
            .insert(counselorProfiles)
            .values({
              organizationId: org.id,
              userId,
              status: 'approved',
              displayName: `咨询师 ${i}`,
              specialties: ['anxiety'],
              languages: ['zh'],
              modalities: ['video'],
              fees: { intake: 50_000, follow_up: 40_000 },
              feeFromFen: 40_000,
              timeZone: 'Asia/Shanghai',
              recheckDueOn: '2099-01-01',
            })
            .returning({ id: counselorProfiles.id });
          // Staff sign in with a second factor: an enrolled TOTP, and a session that passed it.
          await tx.insert(mfaTotp).values({
            organizationId: org.id,
            userId,
            secretEnc: await vault
              .scope(tx, org.id)
              .encrypt(
                { type: 'person', id: userId },
                { table: 'mfa_totp', field: 'secret', recordId: userId },
                randomUUID(),
              ),
            confirmedAt: new Date(),
          });
          const { token } = await createSession(tx, {
            organizationId: org.id,
            userId,
            roles: ['counselor'],
            mfaVerified: true,
            ip: null,
            userAgent: null,
          });
          counselors.push({
            userId,
            profileId: profile?.id ?? '',
            cookie: `anxin_session=${token}`,
          });
        }
        const counselor = counselors.at(-1);
        if (!counselor) throw new Error('no counselor');
        const { userId, token } = await createPerson(tx, vault, org.id, {
          email: `client${i}@bench.example.org`,
          realName: `来访者 ${i}`,
          displayName: `来访者 ${i}`,
          roles: ['client'],
          passwordHash: '!',
          isDemo: false,
          meta: null,
        });
        await grantConsents(tx, org.id, userId);
        // The appointment is on a later day (one per counselor and day); the room is open now,
        // as it is for the minutes around a session.
        const startsAt = new Date(Date.now() + ((i % ROOMS_PER_COUNSELOR) + 1) * DAY);
        const endsAt = new Date(startsAt.getTime() + 50 * 60_000);
        const appointmentId = await insertReturningId(
          tx,
          sqlAppointment(org.id, counselor.profileId, userId, startsAt, endsAt),
        );
        const roomId = await insertReturningId(
          tx,
          sqlRoom(org.id, appointmentId, userId, counselor.userId),
        );
        pairs.push({
          roomId,
          clientCookie: `anxin_session=${token}`,
          counselorCookie: counselor.cookie,
        });
      }
    });
  }
  await database.query('ANALYZE');
  return { pairs, seedMs: round(performance.now() - t0) };
}

async function insertReturningId(tx: Db, query: SQL): Promise<string> {
  const result: unknown = await tx.execute(query);
  const id = (result as Rows).rows[0]?.id;
  if (!id) throw new Error('insert returned no id');
  return id;
}

function sqlAppointment(org: string, counselor: string, client: string, from: Date, to: Date) {
  const until = new Date(to.getTime() + 10 * 60_000);
  return sql`INSERT INTO appointments (organization_id, counselor_id, client_user_id,
      session_type_code, kind, modality, starts_at, ends_at, blocked_from, blocked_until, status,
      fee_fen)
    VALUES (${org}, ${counselor}, ${client}, 'follow_up', 'follow_up', 'video',
      ${from.toISOString()}, ${to.toISOString()}, ${from.toISOString()}, ${until.toISOString()},
      'booked', 40000)
    RETURNING id`;
}

function sqlRoom(org: string, appointment: string, client: string, counselor: string) {
  return sql`INSERT INTO session_rooms (organization_id, appointment_id, client_user_id,
      counselor_user_id, opens_at, closes_at)
    VALUES (${org}, ${appointment}, ${client}, ${counselor}, now() - interval '5 minutes',
      now() + interval '3 hours')
    RETURNING id`;
}

// ------------------------------------------------------------------ load

interface Sockets {
  sender: WebSocket;
  peer: WebSocket;
}

function open(url: string, cookie: string, ready: (ws: WebSocket, data: string) => boolean) {
  return new Promise<WebSocket>((resolve, reject) => {
    const ws = new WebSocket(url, { headers: { cookie } });
    const onMessage = (data: Buffer) => {
      if (ready(ws, data.toString())) {
        ws.off('message', onMessage);
        resolve(ws);
      }
    };
    ws.on('message', onMessage);
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => reject(new Error(`upgrade refused: ${res.statusCode} ${body}`)));
    });
    ws.once('error', reject);
  });
}

async function inBatches<T, R>(items: T[], size: number, fn: (item: T) => Promise<R>) {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size)
    out.push(...(await Promise.all(items.slice(i, i + size).map(fn))));
  return out;
}

/**
 * One message per second per room, spread evenly over the second; `frame(id)` is what the
 * sender sends and `idOf(data)` picks the id out of what the peer receives.
 */
async function drive(
  rooms: Sockets[],
  frame: (id: string, i: number) => string,
  idOf: (data: string) => string | undefined,
) {
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  let errors = 0;
  for (const r of rooms) {
    r.peer.on('message', (data: Buffer) => {
      const id = idOf(data.toString());
      const t = id === undefined ? undefined : sentAt.get(id);
      if (id === undefined || t === undefined) return;
      latencies.push(performance.now() - t);
      sentAt.delete(id);
    });
    r.sender.on('message', (data: Buffer) => {
      if (data.toString().startsWith('{"type":"error"')) errors++;
    });
  }
  let sent = 0;
  const timers: NodeJS.Timeout[] = [];
  await new Promise<void>((resolve) => {
    rooms.forEach((r, k) => {
      const offset = (k / rooms.length) * 1000;
      let n = 0;
      const tick = () => {
        if (n >= SECONDS) return;
        const id = randomUUID();
        sentAt.set(id, performance.now());
        r.sender.send(frame(id, n++));
        sent++;
        if (n < SECONDS) timers.push(setTimeout(tick, 1000));
      };
      timers.push(setTimeout(tick, offset));
    });
    setTimeout(resolve, SECONDS * 1000 + 1000);
  });
  await new Promise((r) => setTimeout(r, DRAIN_MS));
  for (const t of timers) clearTimeout(t);
  return {
    sent,
    delivered: latencies.length,
    lost: sentAt.size,
    errorFrames: errors,
    p50Ms: round(median(latencies), 2),
    p99Ms: round(quantile(latencies, 0.99), 2),
    maxMs: round(Math.max(...latencies), 2),
  };
}

/** The product: every socket waits for its welcome before the load starts. */
async function measureProduct(base: string, pairs: Pair[]) {
  const ws = base.replace(/^http/, 'ws');
  const welcome = (_ws: WebSocket, data: string) => data.startsWith('{"type":"welcome"');
  const t0 = performance.now();
  const rooms = await inBatches(pairs, CONNECT_CONCURRENCY, async (p) => {
    const url = `${ws}/api/v1/rooms/${p.roomId}/socket`;
    const peer = await open(url, p.counselorCookie, welcome);
    const sender = await open(url, p.clientCookie, welcome);
    return { sender, peer };
  });
  const connectMs = round(performance.now() - t0);
  const result = await drive(
    rooms,
    (id, i) => JSON.stringify({ type: 'message', id, body: `第 ${i} 条消息：今天感觉怎么样？` }),
    (data) => {
      if (!data.startsWith('{"type":"message"')) return undefined;
      return (JSON.parse(data) as { message: { id: string } }).message.id;
    },
  );
  for (const r of rooms) {
    r.sender.terminate();
    r.peer.terminate();
  }
  return { sockets: rooms.length * 2, connectMs, ...result };
}

/** The floor: a bare `ws` relay in its own process, same sockets, same load. */
async function measureRelay() {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), '--relay'],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const port = await new Promise<number>((resolve) =>
    child.stdout.once('data', (d: Buffer) => resolve(Number(d.toString().trim()))),
  );
  try {
    const rooms = await inBatches(
      Array.from({ length: ROOMS }, (_, i) => i),
      CONNECT_CONCURRENCY,
      async (i) => {
        const url = `ws://127.0.0.1:${port}/${i}`;
        const peer = await openBare(url);
        const sender = await openBare(url);
        return { sender, peer };
      },
    );
    const result = await drive(
      rooms,
      (id, i) => JSON.stringify({ type: 'message', id, body: `第 ${i} 条消息：今天感觉怎么样？` }),
      (data) => (JSON.parse(data) as { id: string }).id,
    );
    for (const r of rooms) {
      r.sender.terminate();
      r.peer.terminate();
    }
    return { sockets: rooms.length * 2, ...result };
  } finally {
    child.kill('SIGTERM');
  }
}

function openBare(url: string) {
  return new Promise<WebSocket>((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

/** `--relay`: what each message of a room is sent to the room's other socket, untouched. */
function relayServer() {
  const rooms = new Map<string, Set<WebSocket>>();
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  wss.on('connection', (ws, req) => {
    const room = req.url ?? '';
    const set = rooms.get(room) ?? new Set<WebSocket>();
    rooms.set(room, set);
    set.add(ws);
    ws.on('message', (data: Buffer) => {
      for (const other of set) if (other !== ws) other.send(data.toString());
    });
    ws.on('close', () => set.delete(ws));
  });
  wss.on('listening', () => {
    const address = wss.address();
    process.stdout.write(`${address && typeof address === 'object' ? address.port : 0}\n`);
  });
}

// ------------------------------------------------------------------ runs

async function measureDatabase(
  openDb: () => Promise<Database>,
  dataDir: string,
  env: Record<string, string>,
) {
  const seeding = await openDb();
  let seeded: Awaited<ReturnType<typeof seed>>;
  try {
    seeded = await seed(seeding, dataDir);
  } finally {
    await seeding.close(); // PGlite: one process at a time, and the server opens it next
  }
  const anxin = await startProcess(SERVER, {
    ANXIN_DATA_DIR: dataDir,
    ANXIN_DEMO: '0',
    ANXIN_JOBS: 'off',
    ANXIN_LOG_LEVEL: 'warn',
    // Every upgrade comes from this address: the general per-IP limiter is not what is measured.
    ANXIN_RATE_LIMIT_MAX: '100000000',
    ...env,
  });
  try {
    return { seedMs: seeded.seedMs, ...(await measureProduct(anxin.url, seeded.pairs)) };
  } finally {
    await anxin.stop();
  }
}

const goal = (r: { p99Ms: number; lost: number }) => r.p99Ms <= 25 && r.lost === 0;

async function main() {
  const loadAtStart = round(loadavg()[0] ?? 0, 2);
  const relay = await measureRelay();
  const embedded = await inTempDir('sessions', (dir) =>
    measureDatabase(() => openDatabase({ kind: 'pglite', dataDir: join(dir, 'pg') }), dir, {}),
  );
  const postgresServer = ADMIN_URL
    ? await withScratchDatabase(ADMIN_URL, 'sessions', (url) =>
        inTempDir('sessions', (dir) =>
          measureDatabase(() => openDatabase({ kind: 'postgres', url }), dir, {
            DATABASE_URL: url,
            ANXIN_ENV: 'development',
          }),
        ),
      )
    : 'skipped: set BENCH_DATABASE_URL';
  return {
    machine: { cpus: cpus().length, node: process.version, loadAtStart },
    sessions: {
      rooms: ROOMS,
      seconds: SECONDS,
      load: 'each room: the client sends one message per second; latency is client send → counselor receive',
      goal: 'p99 <= 25 ms and 0 lost',
      relay,
      embedded,
      postgresServer,
    },
    goals: {
      embedded: goal(embedded),
      postgresServer: typeof postgresServer === 'string' ? null : goal(postgresServer),
    },
  };
}

if (process.argv.includes('--relay')) relayServer();
else process.stdout.write(`${JSON.stringify(await main(), null, 2)}\n`);
