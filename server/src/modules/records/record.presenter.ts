import type { ClinicalRecord, RecordContent, RecordTemplate } from '@anxin/common';
import type { RecordRow, TemplateRow, VersionRow } from './record.repo.ts';

export function presentTemplate(t: TemplateRow): RecordTemplate {
  return {
    id: t.id,
    recordType: t.recordType,
    code: t.code,
    version: t.version,
    title: { 'zh-CN': t.titleZh, en: t.titleEn },
    fields: t.fields,
  };
}

export interface OpenedVersion {
  row: VersionRow & { authorName: string };
  content: RecordContent;
  reason: string | null;
}

export function presentRecord(o: {
  row: RecordRow;
  authorName: string;
  template: TemplateRow;
  draft: RecordContent | null;
  versions: readonly OpenedVersion[];
  can: ClinicalRecord['can'];
}): ClinicalRecord {
  const { row } = o;
  return {
    id: row.id,
    recordType: row.recordType,
    template: presentTemplate(o.template),
    clientUserId: row.clientUserId,
    episodeId: row.episodeId,
    appointmentId: row.appointmentId,
    authorUserId: row.authorUserId,
    authorName: o.authorName,
    status: row.status,
    draft: o.draft,
    draftRevision: row.draftRevision,
    signedAt: row.signedAt?.toISOString() ?? null,
    needsCosign: row.needsCosign,
    cosignedBy: row.cosignedBy,
    cosignedAt: row.cosignedAt?.toISOString() ?? null,
    headHash: row.headHash,
    versions: o.versions.map((v) => ({
      version: v.row.version,
      kind: v.row.kind,
      authorUserId: v.row.authorUserId,
      authorName: v.row.authorName,
      signedAt: v.row.signedAt.toISOString(),
      reason: v.reason,
      content: v.content,
      hash: v.row.hash,
      prevHash: v.row.prevHash,
    })),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    can: o.can,
  };
}
