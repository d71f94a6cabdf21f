import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  constants,
  copyFileSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';

export type WriteMode = 'replace' | 'create';

/**
 * Writes a file that holds secrets: mode 0600 from its first byte, complete or not at all, and
 * on disk before we return (losing a keyring loses the data it protects).
 *
 * The content goes to a uniquely named temporary file opened with O_EXCL (so a stale or planted
 * file with wider permissions is never reused), is fsynced, and then
 * - `replace`: renamed over the target (atomic on POSIX);
 * - `create`: hard-linked to the target, which fails if the target exists, so two processes
 *   generating a keyring at once cannot both win. Returns false when the target existed.
 */
export function writeSecretFile(path: string, content: string, mode: WriteMode): boolean {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    try {
      chmodSync(tmp, 0o600); // exact, whatever the umask
      writeFileSync(fd, content);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (mode === 'replace') {
      renameSync(tmp, path);
    } else if (!linkNoClobber(tmp, path)) {
      return false;
    }
    syncDirectory(dir);
    return true;
  } finally {
    rmSync(tmp, { force: true });
  }
}

function linkNoClobber(from: string, to: string): boolean {
  try {
    linkSync(from, to);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV') throw err;
  }
  // Some volumes (SMB, FAT) have no hard links: an exclusive copy still never overwrites.
  try {
    copyFileSync(from, to, constants.COPYFILE_EXCL);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  chmodSync(to, 0o600);
  return true;
}

/** Makes the rename itself durable; not possible on every platform, and then best effort. */
function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Windows cannot open a directory for fsync; the rename is still atomic there.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
