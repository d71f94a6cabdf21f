import type { Db } from '../../platform/db/database.ts';
import { policyDocuments } from '../../platform/db/schema/index.ts';
import { DEFAULT_DOCUMENTS } from './default-documents.ts';
import { documentHash } from './document-hash.ts';

/**
 * Version 1 of each document, published and in force from the organisation's creation, so
 * clients can consent before an administrator has written anything. Idempotent: the
 * (organisation, kind, version) key keeps a second run from adding or changing anything.
 */
export async function seedPolicyDocuments(db: Db, organizationId: string): Promise<void> {
  const now = new Date();
  await db
    .insert(policyDocuments)
    .values(
      DEFAULT_DOCUMENTS.map((d) => ({
        organizationId,
        kind: d.kind,
        version: 1,
        status: 'published' as const,
        titleZh: d.titleZh,
        titleEn: d.titleEn,
        bodyZh: d.bodyZh,
        bodyEn: d.bodyEn,
        material: true,
        contentHash: documentHash(d),
        effectiveAt: now,
        publishedAt: now,
      })),
    )
    .onConflictDoNothing();
}
