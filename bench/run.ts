// `npm run bench`: start-up and request throughput of the real server, each next to the same
// measurement of a bare baseline taken in the same run, so the ratio is the figure.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const root = fileURLToPath(new URL('..', import.meta.url));
const SERVER = join(root, 'server/src/main.ts');
const BARE = join(root, 'bench/bare-fastify.ts');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);

interface Started {
  url: string;
  msToUrl: number;
  stop: () => Promise<void>;
}

/** Spawns a server script and resolves once it prints its URL. */
function startProcess(script: string, env: Record<string, string>): Promise<Started> {
  const t0 = performance.now();
  // These figures are for the embedded default, whatever the shell's DATABASE_URL says.
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: root,
    env: { ...inherited, PORT: '0', ANXIN_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m?.[1]) {
        child.stdout.removeAllListeners('data');
        child.stdout.resume(); // keep draining the log
        resolve({
          url: m[1],
          msToUrl: performance.now() - t0,
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

/** Milliseconds from spawn until `path` answers 200. */
async function timeToReady(script: string, path: string, env: Record<string, string>) {
  const t0 = performance.now();
  const server = await startProcess(script, env);
  for (;;) {
    const res = await fetch(server.url + path).catch(() => undefined);
    if (res?.status === 200) break;
    await new Promise((r) => setTimeout(r, 10));
  }
  const ms = performance.now() - t0;
  await server.stop();
  return ms;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};
const round = (x: number, digits = 0) => Number(x.toFixed(digits));

async function benchStartup() {
  const baseline: number[] = [];
  const fresh: number[] = [];
  const existing: number[] = [];
  const existingDir = mkdtempSync(join(tmpdir(), 'anxin-bench-existing-'));
  await timeToReady(SERVER, '/ready', { ANXIN_DATA_DIR: existingDir }); // create it once
  for (let i = 0; i < RUNS; i++) {
    baseline.push(await timeToReady(BARE, '/health', {}));
    const dir = mkdtempSync(join(tmpdir(), 'anxin-bench-fresh-'));
    fresh.push(await timeToReady(SERVER, '/ready', { ANXIN_DATA_DIR: dir }));
    rmSync(dir, { recursive: true, force: true });
    existing.push(await timeToReady(SERVER, '/ready', { ANXIN_DATA_DIR: existingDir }));
  }
  rmSync(existingDir, { recursive: true, force: true });
  const base = median(baseline);
  return {
    runs: RUNS,
    bareFastifyToHealthMs: round(base),
    freshEmbeddedToReadyMs: round(median(fresh)),
    existingEmbeddedToReadyMs: round(median(existing)),
    freshRatio: round(median(fresh) / base, 1),
    existingRatio: round(median(existing) / base, 1),
  };
}

async function load(url: string) {
  await autocannon({ url, connections: 50, duration: 2 }); // warm-up
  const r = await autocannon({ url, connections: 50, duration: DURATION });
  return { requestsPerSec: round(r.requests.average), p99Ms: r.latency.p99, non2xx: r.non2xx };
}

async function benchHealth() {
  const bare = await startProcess(BARE, {});
  const bareResult = await load(`${bare.url}/health`);
  await bare.stop();
  const dir = mkdtempSync(join(tmpdir(), 'anxin-bench-health-'));
  const anxin = await startProcess(SERVER, { ANXIN_DATA_DIR: dir });
  const anxinResult = await load(`${anxin.url}/health`);
  await anxin.stop();
  rmSync(dir, { recursive: true, force: true });
  return {
    connections: 50,
    seconds: DURATION,
    bareFastify: bareResult,
    anxin: anxinResult,
    ratio: round(anxinResult.requestsPerSec / bareResult.requestsPerSec, 2),
  };
}

const result = {
  machine: { cpus: cpus().length, node: process.version },
  startup: await benchStartup(),
  health: await benchHealth(),
};
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
