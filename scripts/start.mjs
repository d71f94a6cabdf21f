// `npm start`: builds the web app when its sources are newer than the build, then runs the
// server (API + web) in the foreground. `npm run dev`: the server restarting on change, and
// Vite's dev server with hot reload in front of it.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dev = process.argv.includes('--dev');
const serverMain = join(root, 'server/src/main.ts');

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newestMtime(join(path, name))), 0);
}

function webBuildIsStale() {
  const built = join(root, 'web/dist/index.html');
  if (!existsSync(built)) return true;
  const sources = ['web/src', 'web/public', 'web/index.html', 'web/vite.config.ts', 'common/src'];
  const newest = Math.max(...sources.map((s) => newestMtime(join(root, s))));
  return newest > statSync(built).mtimeMs;
}

function run(command, args) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  return child;
}

if (dev) {
  run(process.execPath, ['--import', 'tsx', '--watch', serverMain]);
  run('npm', ['run', 'dev', '--workspace', 'web']);
} else {
  if (webBuildIsStale()) {
    process.stdout.write('Building the web app…\n');
    const build = spawnSync('npm', ['run', 'build', '--workspace', 'web'], {
      cwd: root,
      stdio: 'inherit',
    });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
  run(process.execPath, ['--import', 'tsx', serverMain]);
}
