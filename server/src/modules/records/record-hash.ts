import { createHash } from 'node:crypto';
import { canonicalJson } from '../../platform/audit/canonical.ts';

/** What a signed version's hash covers: its content and everything that says who, when, why. */
export interface VersionFacts {
  recordId: string;
  recordType: string;
  clientUserId: string;
  /** The template (id and version) the content was written on. */
  template: { id: string; version: number };
  version: number;
  kind: 'original' | 'addendum';
  authorUserId: string;
  signedAt: Date;
  /** The addendum's reason; null for the original. */
  reason: string | null;
  content: Readonly<Record<string, string>>;
  /** The previous version's hash; null for version 1. */
  prevHash: string | null;
}

/**
 * SHA-256 over the canonical JSON of the facts. The hash is of the plain content, so anyone who
 * may read the record can check it against a printed copy; it is stored beside the sealed
 * content and means nothing without it (a note's text is far too long to guess).
 */
export function versionHash(facts: VersionFacts): string {
  return createHash('sha256')
    .update(
      canonicalJson({
        v: 1,
        recordId: facts.recordId,
        recordType: facts.recordType,
        clientUserId: facts.clientUserId,
        template: facts.template,
        version: facts.version,
        kind: facts.kind,
        authorUserId: facts.authorUserId,
        signedAt: facts.signedAt.toISOString(),
        reason: facts.reason,
        content: facts.content,
        prevHash: facts.prevHash,
      }),
    )
    .digest('hex');
}

export interface StoredVersion {
  facts: VersionFacts;
  /** The hash as stored. */
  hash: string;
}

export type ChainProblem =
  | { version: number; problem: 'hash_mismatch' | 'broken_link' | 'out_of_sequence' }
  | { version: number; problem: 'head_mismatch' };

/**
 * Checks a record's versions (in version order) against the head the record row points at:
 * each hash recomputed from its decrypted content, each link to the version before, numbers
 * 1…n without gaps, and the last one the head. An empty list means the chain is intact.
 */
export function verifyChain(
  versions: readonly StoredVersion[],
  head: { version: number; hash: string | null },
): ChainProblem[] {
  const problems: ChainProblem[] = [];
  let prev: string | null = null;
  versions.forEach((v, i) => {
    if (v.facts.version !== i + 1)
      problems.push({ version: v.facts.version, problem: 'out_of_sequence' });
    if (v.facts.prevHash !== prev)
      problems.push({ version: v.facts.version, problem: 'broken_link' });
    if (versionHash(v.facts) !== v.hash)
      problems.push({ version: v.facts.version, problem: 'hash_mismatch' });
    prev = v.hash;
  });
  if (head.version !== versions.length || head.hash !== prev)
    problems.push({ version: head.version, problem: 'head_mismatch' });
  return problems;
}
