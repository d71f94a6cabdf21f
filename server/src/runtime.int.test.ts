import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnServer, type SpawnedServer } from './test/spawn-server.ts';
import { testBackend } from './test/test-database.ts';

/** The real process on the embedded database: what `npm start` runs. */
describe.runIf(testBackend() === 'pglite')('the server process on the embedded database', () => {
  let dataDir: string;
  let first: SpawnedServer;
  let url: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'anxin-runtime-'));
    first = spawnServer({ ANXIN_DATA_DIR: dataDir });
    url = await first.url;
  }, 90_000);
  afterAll(() => {
    first.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts on a fresh data dir and is ready', async () => {
    const res = await fetch(`${url}/ready`);
    expect(res.status).toBe(200);
    expect(existsSync(join(dataDir, 'anxin.lock'))).toBe(true);
  });

  it('refuses a second start on the same data dir, clearly and with a non-zero exit', async () => {
    const second = spawnServer({ ANXIN_DATA_DIR: dataDir });
    expect(await second.exited).toBe(1);
    expect(second.stderr()).toMatch(/in use by another Anxin process \(pid \d+\)/);
    expect((await fetch(`${url}/health`)).status).toBe(200); // the first is unharmed
  }, 60_000);

  it('finishes an in-flight request on SIGTERM, then exits 0 and releases the data dir', async () => {
    const body = JSON.stringify({ 'csp-report': { 'document-uri': 'https://anxin.example/' } });
    const half = Math.floor(body.length / 2);
    const u = new URL(`${url}/api/v1/csp-reports`);
    const response = new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: u.hostname,
          port: u.port,
          path: u.pathname,
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': body.length },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.write(body.slice(0, half));
      // The request is now in flight: the server has its headers and half its body.
      setTimeout(() => {
        first.child.kill('SIGTERM');
        setTimeout(() => req.end(body.slice(half)), 500);
      }, 200);
    });
    expect(await response).toBe(204);
    expect(await first.exited).toBe(0);
    expect(first.stdout()).toContain('stopped cleanly');
    expect(existsSync(join(dataDir, 'anxin.lock'))).toBe(false);

    // The database was closed cleanly: the same data dir starts again with its data.
    const again = spawnServer({ ANXIN_DATA_DIR: dataDir });
    const againUrl = await again.url;
    const meta = (await (await fetch(`${againUrl}/api/v1/meta`)).json()) as {
      organization: { name: string };
    };
    expect(meta.organization.name).toBeTruthy();
    // A later start of the demo prints the same logins again, second factors included.
    const secretOf = (out: string) =>
      /counselor@demo\.anxin\.local\s+\S+\s+TOTP secret (\w+)/.exec(out)?.[1];
    expect(first.stdout()).toContain('DEMO organisation created');
    expect(again.stdout()).toContain('DEMO organisation in use');
    expect(secretOf(again.stdout())).toBeDefined();
    expect(secretOf(again.stdout())).toBe(secretOf(first.stdout()));
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
  }, 90_000);
});
