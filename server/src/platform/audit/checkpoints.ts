import {
  closeSync,
  existsSync,
  fstatSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

/**
 * Checkpoints: the chain's head written outside the database, one JSON line per organisation per
 * run. Someone able to rewrite audit_events and audit_heads (a superuser, or a holder of the audit
 * key who recomputes every hash) cannot reach this file, so a verifier can still tell that events
 * were removed or rewritten. The file is only ever appended to; ship or mirror it elsewhere
 * (another host, WORM storage) to make it as durable as the threat requires.
 */
export interface Checkpoint {
  organizationId: string;
  seq: number;
  hash: string;
  /** When it was taken (ISO 8601). */
  at: string;
}

const checkpointSchema = z.object({
  organizationId: z
    .string()
    .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
  seq: z.number().int().min(0),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  at: z.string().min(1),
});

export interface CheckpointFile {
  checkpoints: Checkpoint[];
  /** Lines that are not checkpoints (a write cut short by a crash, or damage), with where. */
  warnings: string[];
}

/**
 * Reads the file; a missing file is an empty one. A line that is not a checkpoint is reported,
 * not fatal: whoever can damage this file can as well delete lines, so the line proves nothing
 * about the chain, but a human should look at it.
 */
export function readCheckpointFile(path: string): CheckpointFile {
  if (!existsSync(path)) return { checkpoints: [], warnings: [] };
  const checkpoints: Checkpoint[] = [];
  const warnings: string[] = [];
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((line, index) => {
      if (line.trim() === '') return;
      const parsed = parseLine(line);
      if (parsed) checkpoints.push(parsed);
      else warnings.push(`line ${index + 1} of ${path} is not a valid checkpoint and was ignored`);
    });
  return { checkpoints, warnings };
}

function parseLine(line: string): Checkpoint | undefined {
  try {
    const result = checkpointSchema.safeParse(JSON.parse(line));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}

/** Checkpoint hashes of one organisation by seq, as the chain walk consumes them. */
export function checkpointsByOrganization(
  checkpoints: readonly Checkpoint[],
): Map<string, Map<number, string[]>> {
  const byOrg = new Map<string, Map<number, string[]>>();
  for (const c of checkpoints) {
    const bySeq = byOrg.get(c.organizationId) ?? new Map<number, string[]>();
    byOrg.set(c.organizationId, bySeq);
    bySeq.set(c.seq, [...(bySeq.get(c.seq) ?? []), c.hash]);
  }
  return byOrg;
}

/**
 * Appends the lines in one write and fsyncs the file (and, when it was just created, its
 * directory): once this returns, the checkpoints survive a power cut.
 */
export function appendCheckpoints(path: string, checkpoints: readonly Checkpoint[]): void {
  if (checkpoints.length === 0) return;
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const created = !existsSync(path);
  // A line cut short by a crash must not swallow the first new one.
  const lead = !created && !endsWithNewline(path) ? '\n' : '';
  const data =
    lead +
    checkpoints
      .map(
        (c) =>
          `${JSON.stringify({ organizationId: c.organizationId, seq: c.seq, hash: c.hash, at: c.at })}\n`,
      )
      .join('');
  const fd = openSync(path, 'a', 0o600);
  try {
    writeSync(fd, data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  if (created) {
    const dirFd = openSync(dir, 'r');
    try {
      fsyncSync(dirFd);
    } finally {
      closeSync(dirFd);
    }
  }
}

function endsWithNewline(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size === 0) return true;
    const last = Buffer.alloc(1);
    readSync(fd, last, 0, 1, size - 1);
    return last[0] === 0x0a;
  } finally {
    closeSync(fd);
  }
}
