import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  appendCheckpoints,
  checkpointsByOrganization,
  readCheckpointFile,
  type Checkpoint,
} from './checkpoints.ts';

const org = '5d2f4a8e-1c3b-4e6f-8a9b-0c1d2e3f4a5b';
const cp = (seq: number, hash = seq.toString(16).padStart(64, '0')): Checkpoint => ({
  organizationId: org,
  seq,
  hash,
  at: '2026-11-22T00:00:00.000Z',
});

describe('checkpoint file', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'anxin-checkpoints-'));
    file = join(dir, 'nested', 'audit-checkpoints.jsonl');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a missing file as no checkpoints', () => {
    expect(readCheckpointFile(file)).toEqual({ checkpoints: [], warnings: [] });
  });

  it('creates the directory, appends one JSON line per checkpoint and keeps earlier lines', () => {
    appendCheckpoints(file, [cp(1)]);
    appendCheckpoints(file, [cp(2), cp(3)]);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as Checkpoint).seq)).toEqual([1, 2, 3]);
    expect(readCheckpointFile(file).checkpoints).toEqual([cp(1), cp(2), cp(3)]);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('reports a line cut short by a crash and keeps the lines appended after it readable', () => {
    appendCheckpoints(file, [cp(1)]);
    appendFileSync(file, '{"organizationId":"5d2f');
    appendCheckpoints(file, [cp(2)]);
    const read = readCheckpointFile(file);
    expect(read.checkpoints.map((c) => c.seq)).toEqual([1, 2]);
    expect(read.warnings).toEqual([expect.stringContaining('line 2')]);
  });

  it('ignores and reports lines whose fields are not a checkpoint', () => {
    const flat = join(dir, 'flat.jsonl');
    appendFileSync(flat, `${JSON.stringify({ ...cp(1), hash: 'x' })}\n${JSON.stringify(cp(2))}\n`);
    const read = readCheckpointFile(flat);
    expect(read.checkpoints).toEqual([cp(2)]);
    expect(read.warnings).toEqual([expect.stringContaining('line 1')]);
  });

  it('groups hashes by organisation and seq, keeping repeated checkpoints of one seq', () => {
    const grouped = checkpointsByOrganization([cp(1), cp(2), cp(2, 'a'.repeat(64))]);
    expect(grouped.get(org)?.get(2)).toEqual([cp(2).hash, 'a'.repeat(64)]);
  });
});
