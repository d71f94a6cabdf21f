import { describe, expect, it } from 'vitest';
import { verifyChain, versionHash, type StoredVersion, type VersionFacts } from './record-hash.ts';

const base: Omit<VersionFacts, 'version' | 'kind' | 'reason' | 'content' | 'prevHash'> = {
  recordId: '00000000-0000-4000-8000-000000000001',
  recordType: 'session_note',
  clientUserId: '00000000-0000-4000-8000-000000000002',
  template: { id: '00000000-0000-4000-8000-000000000003', version: 1 },
  authorUserId: '00000000-0000-4000-8000-000000000004',
  signedAt: new Date('2027-01-04T03:00:00Z'),
};

function chain(contents: Record<string, string>[]): StoredVersion[] {
  const out: StoredVersion[] = [];
  contents.forEach((content, i) => {
    const facts: VersionFacts = {
      ...base,
      version: i + 1,
      kind: i === 0 ? 'original' : 'addendum',
      reason: i === 0 ? null : `correction ${i}`,
      content,
      prevHash: out[i - 1]?.hash ?? null,
    };
    out.push({ facts, hash: versionHash(facts) });
  });
  return out;
}

const head = (vs: StoredVersion[]) => ({ version: vs.length, hash: vs.at(-1)?.hash ?? null });

describe('the record version chain', () => {
  const intact = chain([{ s: 'slept badly' }, { s: 'also: lost appetite' }, { p: 'review in 2w' }]);

  it('verifies an intact chain', () => {
    expect(verifyChain(intact, head(intact))).toEqual([]);
  });

  it('hashes the same facts the same, whatever the key order', () => {
    const [first] = intact;
    if (!first) throw new Error('chain');
    const reordered = { ...first.facts, content: { ...first.facts.content } };
    expect(versionHash(reordered)).toBe(first.hash);
  });

  it('detects changed content in a middle version', () => {
    const tampered = intact.map((v, i) =>
      i === 1 ? { ...v, facts: { ...v.facts, content: { s: 'also: fine' } } } : v,
    );
    expect(verifyChain(tampered, head(intact))).toEqual([{ version: 2, problem: 'hash_mismatch' }]);
  });

  it('detects a changed signing time or author', () => {
    const later = intact.map((v, i) =>
      i === 0 ? { ...v, facts: { ...v.facts, signedAt: new Date('2027-01-05T00:00:00Z') } } : v,
    );
    expect(verifyChain(later, head(intact))).toEqual([{ version: 1, problem: 'hash_mismatch' }]);
  });

  it('detects a removed version', () => {
    const [a, , c] = intact;
    if (!a || !c) throw new Error('chain');
    expect(verifyChain([a, c], head(intact))).toEqual([
      { version: 3, problem: 'out_of_sequence' },
      { version: 3, problem: 'broken_link' },
      { version: 3, problem: 'head_mismatch' },
    ]);
  });

  it('detects a dropped last version through the head', () => {
    expect(verifyChain(intact.slice(0, 2), head(intact))).toEqual([
      { version: 3, problem: 'head_mismatch' },
    ]);
  });

  it('detects a rewritten chain whose head was not rewritten with it', () => {
    const forged = chain([
      { s: 'slept well' },
      { s: 'also: lost appetite' },
      { p: 'review in 2w' },
    ]);
    expect(verifyChain(forged, head(intact))).toEqual([{ version: 3, problem: 'head_mismatch' }]);
  });
});
