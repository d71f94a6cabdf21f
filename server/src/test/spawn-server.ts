import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../main.ts', import.meta.url));

export interface SpawnedServer {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  /** Resolves with the URL once the server prints it; rejects if it exits first. */
  url: Promise<string>;
}

/** Runs the real entry point (`npm start` minus the web build) in a child process. */
export function spawnServer(env: Record<string, string>): SpawnedServer {
  // The embedded database unless the caller passes DATABASE_URL (the suite's own is not inherited).
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: { ...inherited, PORT: '0', ANXIN_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = new Promise<string>((resolve, reject) => {
    const onData = () => {
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m?.[1]) resolve(m[1]);
    };
    child.stdout.on('data', onData);
    void exited.then((code) => reject(new Error(`server exited (${code}) before ready:\n${err}`)));
  });
  url.catch(() => undefined); // a test expecting a refused start never awaits the URL
  return { child, stdout: () => out, stderr: () => err, exited, url };
}
