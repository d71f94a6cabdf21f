// Shared by the benches: spawning the real server or the bare baseline, and small statistics.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';

export const root = fileURLToPath(new URL('..', import.meta.url));
export const SERVER = join(root, 'server/src/main.ts');
export const BARE = join(root, 'bench/bare-fastify.ts');

export interface Started {
  url: string;
  msToUrl: number;
  /** Everything the process printed so far (demo logins are read from it). */
  output: () => string;
  stop: () => Promise<void>;
}

/** Spawns a server script and resolves once it prints its URL. */
export function startProcess(script: string, env: Record<string, string>): Promise<Started> {
  const t0 = performance.now();
  // These figures are for the embedded default, whatever the shell's DATABASE_URL says.
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  // BENCH_NODE_ARGS (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`) goes to the spawned servers:
  // Node refuses profiling flags in NODE_OPTIONS.
  const extra = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...extra, '--import', 'tsx', script], {
    cwd: root,
    env: { ...inherited, PORT: '0', ANXIN_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  let out = '';
  return new Promise((resolve, reject) => {
    let resolved = false;
    child.stdout.on('data', (d: Buffer) => {
      // Keep only the head: the demo logins come before the access log starts.
      if (out.length < 64_000) out += d.toString();
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m?.[1] && !resolved) {
        resolved = true;
        resolve({
          url: m[1],
          msToUrl: performance.now() - t0,
          output: () => out,
          stop: async () => {
            child.kill('SIGTERM');
            await exited;
          },
        });
      }
    });
    void exited.then(() => reject(new Error(`${script} exited before it was ready`)));
  });
}

export const median = (xs: number[]) => quantile(xs, 0.5);
export function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * q))] ?? NaN;
}
export const round = (x: number, digits = 0) => Number(x.toFixed(digits));

export interface LoadOptions {
  connections?: number;
  seconds: number;
  headers?: Record<string, string>;
}

/** autocannon after a short warm-up: mean requests/s, p99 and the non-2xx count. */
export async function load(url: string, o: LoadOptions) {
  const connections = o.connections ?? 50;
  const headers = o.headers ?? {};
  await autocannon({ url, connections, duration: 2, headers });
  const r = await autocannon({ url, connections, duration: o.seconds, headers });
  return { requestsPerSec: round(r.requests.average), p99Ms: r.latency.p99, non2xx: r.non2xx };
}

/**
 * autocannon over `paths` (rotated per connection) after a 2 s warm-up, with exact percentiles
 * of every response rather than autocannon's histogram buckets.
 */
export async function measurePaths(
  base: string,
  paths: readonly string[],
  o: { connections: number; seconds: number },
) {
  const run = (seconds: number, times: number[] | null) =>
    new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon(
        {
          url: base,
          connections: o.connections,
          duration: seconds,
          requests: paths.map((path) => ({ method: 'GET' as const, path })),
        },
        (err: unknown, result) => {
          if (err) reject(err instanceof Error ? err : new Error('autocannon failed'));
          else resolve(result);
        },
      );
      // At run time the event also passes the client first (the typings omit it), so the
      // response time is the last argument.
      instance.on('response', (...args: unknown[]) => {
        const ms = args.at(-1);
        if (times && typeof ms === 'number') times.push(ms);
      });
    });
  await run(2, null); // warm-up: JIT, query plans, caches
  const times: number[] = [];
  const r = await run(o.seconds, times);
  return {
    requestsPerSec: round(r.requests.average),
    p50Ms: round(median(times), 2),
    p95Ms: round(quantile(times, 0.95), 2),
    p99Ms: round(quantile(times, 0.99), 2),
    samples: times.length,
    non2xx: r.non2xx,
  };
}

/** A scratch database `anxin_bench_<name>_<pid>` on the server at `adminUrl`, dropped afterwards. */
export async function withScratchDatabase<T>(
  adminUrl: string,
  name: string,
  fn: (url: string) => Promise<T>,
): Promise<T> {
  const database = `anxin_bench_${name}_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  try {
    const url = new URL(adminUrl);
    url.pathname = `/${database}`;
    return await fn(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
  }
}

/** A fresh data directory (keyring, key shares, PGlite files) for one measurement, then removed. */
export async function inTempDir<T>(name: string, fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), `anxin-bench-${name}-`));
  try {
    return await fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
