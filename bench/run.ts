// `npm run bench`: start-up and request throughput of the real server, each next to the same
// measurement of a bare baseline taken in the same run, so the ratio is the figure.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { BARE, SERVER, load, median, round, startProcess } from './lib.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);

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

async function benchHealth() {
  const bare = await startProcess(BARE, {});
  const bareResult = await load(`${bare.url}/health`, { seconds: DURATION });
  await bare.stop();
  const dir = mkdtempSync(join(tmpdir(), 'anxin-bench-health-'));
  const anxin = await startProcess(SERVER, { ANXIN_DATA_DIR: dir });
  const anxinResult = await load(`${anxin.url}/health`, { seconds: DURATION });
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
