// `npm run bench:identity`: sign-in latency, and the throughput of an audited read of sensitive
// data (GET /api/v1/users/:id decrypts identity and contact details and appends a hash-chained
// audit event committed before the answer) next to a bare Fastify measured in the same run, and
// next to a bare Fastify answering with one SELECT on PGlite (the embedded database's ceiling).
// With BENCH_DATABASE_URL (an admin URL of a PostgreSQL server) it measures there too.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import pg from 'pg';
import { join } from 'node:path';
import { BARE, SERVER, load, median, quantile, root, round, startProcess } from './lib.ts';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const SIGN_INS = Number(process.env.BENCH_SIGN_INS ?? 40);
const CLIENT = { identifier: 'client@demo.anxin.local', password: 'anxin-demo-2026' };

/** The cookies a response set, as name → value. */
function cookiesOf(res: Response): Map<string, string> {
  const jar = new Map<string, string>();
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const eq = pair?.indexOf('=') ?? -1;
    if (pair && eq > 0) jar.set(pair.slice(0, eq), pair.slice(eq + 1));
  }
  return jar;
}
const cookieHeader = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');

/**
 * One sign-in as the web app does it: the visitor's CSRF cookie, then the credentials. Each
 * sign-in comes from its own address (behind a trusted proxy) so the per-IP limit on the
 * credential endpoints, which is 20 a minute, does not turn the measurement into 429s.
 */
async function signIn(url: string, n: number) {
  const ip = `198.51.100.${(n % 250) + 1}`;
  const visitor = cookiesOf(
    await fetch(`${url}/api/v1/session`, { headers: { 'x-forwarded-for': ip } }),
  );
  const t0 = performance.now();
  const res = await fetch(`${url}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      cookie: cookieHeader(visitor),
      'x-csrf-token': visitor.get('anxin_csrf') ?? '',
      'x-forwarded-for': ip,
    },
    body: JSON.stringify(CLIENT),
  });
  const ms = performance.now() - t0;
  if (res.status !== 200) throw new Error(`sign-in answered ${res.status}`);
  const body = (await res.json()) as { actor: { id: string } };
  return { ms, jar: cookiesOf(res), userId: body.actor.id };
}

async function main() {
  const bare = await startProcess(BARE, {});
  const bareResult = await load(`${bare.url}/health`, { seconds: DURATION });
  await bare.stop();
  // The embedded database's own ceiling, measured in the same run: any request that reads a row
  // can go no faster than this, whatever the application does around it.
  const barePglite = await startProcess(join(root, 'bench/bare-pglite.ts'), {});
  const pgliteResult = await load(`${barePglite.url}/row`, { seconds: DURATION });
  await barePglite.stop();

  const embedded = await measureServer({});
  const server = process.env.BENCH_DATABASE_URL
    ? await withScratchDatabase(process.env.BENCH_DATABASE_URL, (url) =>
        measureServer({ DATABASE_URL: url, ANXIN_ENV: 'development' }),
      )
    : null;
  const ratios = (m: Measured) => ({
    anxin: m.audited,
    ratio: round(m.audited.requestsPerSec / bareResult.requestsPerSec, 3),
    ratioToOneSelect: round(m.audited.requestsPerSec / pgliteResult.requestsPerSec, 2),
  });
  return {
    machine: {
      cpus: cpus().length,
      node: process.version,
      loadAtStart: round(loadavg()[0] ?? 0, 2),
    },
    signIn: embedded.signIn,
    auditedRead: {
      endpoint: 'GET /api/v1/users/:id (session, decrypt, audit event committed before the answer)',
      connections: 50,
      seconds: DURATION,
      bareFastify: bareResult,
      bareFastifyOnePgliteSelect: pgliteResult,
      embedded: ratios(embedded),
      ...(server ? { postgresServer: { signIn: server.signIn, ...ratios(server) } } : {}),
    },
  };
}

interface Measured {
  signIn: { samples: number; p50Ms: number; p95Ms: number };
  audited: Awaited<ReturnType<typeof load>>;
}

/** Sign-in latency and audited-read throughput of the real server on one database. */
async function measureServer(env: Record<string, string>): Promise<Measured> {
  const dir = mkdtempSync(join(tmpdir(), 'anxin-bench-identity-'));
  const anxin = await startProcess(SERVER, {
    ANXIN_DATA_DIR: dir,
    ANXIN_DEMO: '1',
    ANXIN_TRUST_PROXY: 'true',
    ANXIN_LOG_LEVEL: 'warn',
    // The general per-IP limiter would otherwise be what is measured.
    ANXIN_RATE_LIMIT_MAX: '100000000',
    ...env,
  });
  try {
    const times: number[] = [];
    let last: Awaited<ReturnType<typeof signIn>> | undefined;
    await signIn(anxin.url, 0); // warm-up: argon2 and the first queries
    for (let i = 1; i <= SIGN_INS; i++) {
      last = await signIn(anxin.url, i);
      times.push(last.ms);
    }
    if (!last) throw new Error('no sign-in');
    const read = `${anxin.url}/api/v1/users/${last.userId}`;
    const check = await fetch(read, { headers: { cookie: cookieHeader(last.jar) } });
    if (check.status !== 200) throw new Error(`audited read answered ${check.status}`);
    const audited = await load(read, {
      seconds: DURATION,
      headers: { cookie: cookieHeader(last.jar) },
    });
    return {
      signIn: {
        samples: times.length,
        p50Ms: round(median(times), 1),
        p95Ms: round(quantile(times, 0.95), 1),
      },
      audited,
    };
  } finally {
    await anxin.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs `fn` on a fresh database of the server at `adminUrl`, dropped afterwards. */
async function withScratchDatabase<T>(adminUrl: string, fn: (url: string) => Promise<T>) {
  const name = `anxin_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  try {
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return await fn(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

process.stdout.write(`${JSON.stringify(await main(), null, 2)}\n`);
