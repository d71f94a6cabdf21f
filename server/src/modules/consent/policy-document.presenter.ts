import type { PolicyDocument } from '@anxin/common';
import type { PolicyDocumentRow } from './policy-document.repo.ts';

export function presentDocument(r: PolicyDocumentRow): PolicyDocument {
  return {
    id: r.id,
    kind: r.kind,
    version: r.version,
    status: r.status,
    titleZh: r.titleZh,
    titleEn: r.titleEn,
    bodyZh: r.bodyZh,
    bodyEn: r.bodyEn,
    material: r.material,
    contentHash: r.contentHash,
    effectiveAt: r.effectiveAt?.toISOString() ?? null,
    publishedAt: r.publishedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
  };
}
