import { and, eq, inArray, sql } from 'drizzle-orm';
import {
  assessmentResponses,
  careEpisodes,
  clinicalRecords,
  clinicalRecordVersions,
} from '../../../../platform/db/schema/index.ts';
import type { ErasureSource } from '../erasure-source.ts';

/** An unsigned draft is not yet a record: it goes at once. */
export const recordDraftsSource: ErasureSource = {
  kind: 'erase',
  category: 'clinical_record_drafts',
  async eraseAll({ tx, organizationId, subjectUserId }) {
    const rows = await tx
      .delete(clinicalRecords)
      .where(
        and(
          eq(clinicalRecords.organizationId, organizationId),
          eq(clinicalRecords.clientUserId, subjectUserId),
          eq(clinicalRecords.status, 'draft'),
        ),
      )
      .returning({ id: clinicalRecords.id });
    return rows.length;
  },
};

/**
 * Signed versions are the counseling record (C3, B8): sealed for the counseling floor counted
 * from the episode's close (from now while it is open), then destroyed. Versions are never
 * updated, only deleted: the sealed copy is what remains.
 */
export const recordVersionsSource: ErasureSource = {
  kind: 'seal',
  category: 'clinical_record_versions',
  table: 'clinical_record_versions',
  recordType: 'counseling_record',
  fields: [
    { column: 'content_enc', field: 'content' },
    { column: 'reason_enc', field: 'reason' },
  ],
  async findSealable({ tx, organizationId, subjectUserId, now }) {
    const rows = await tx
      .select({ id: clinicalRecordVersions.id, closedAt: careEpisodes.closedAt })
      .from(clinicalRecordVersions)
      .innerJoin(clinicalRecords, eq(clinicalRecords.id, clinicalRecordVersions.recordId))
      .leftJoin(careEpisodes, eq(careEpisodes.id, clinicalRecords.episodeId))
      .where(
        and(
          eq(clinicalRecordVersions.organizationId, organizationId),
          eq(clinicalRecords.clientUserId, subjectUserId),
        ),
      );
    return rows.map((r) => ({ id: r.id, floorFrom: r.closedAt ?? now }));
  },
  async eraseRows(tx, organizationId, ids) {
    if (ids.length === 0) return 0;
    const rows = await tx
      .delete(clinicalRecordVersions)
      .where(
        and(
          eq(clinicalRecordVersions.organizationId, organizationId),
          inArray(clinicalRecordVersions.id, [...ids]),
        ),
      )
      .returning({ id: clinicalRecordVersions.id });
    return rows.length;
  },
};

/** The record rows without their versions: type, dates, status; no content. */
export const recordsKept: ErasureSource = {
  kind: 'keep',
  category: 'clinical_records',
  async count({ tx, organizationId, subjectUserId }) {
    const [row] = await tx
      .select({ n: sql<number>`count(*)::int`.mapWith(Number) })
      .from(clinicalRecords)
      .where(
        and(
          eq(clinicalRecords.organizationId, organizationId),
          eq(clinicalRecords.clientUserId, subjectUserId),
        ),
      );
    return row?.n ?? 0;
  },
};

/** Questionnaire answers and scores: counseling record, sealed like the notes. */
export const assessmentsSource: ErasureSource = {
  kind: 'seal',
  category: 'assessment_responses',
  table: 'assessment_responses',
  recordType: 'counseling_record',
  fields: [
    { column: 'answers_enc', field: 'answers' },
    { column: 'score_enc', field: 'score' },
  ],
  async findSealable({ tx, organizationId, subjectUserId, now }) {
    const rows = await tx
      .select({ id: assessmentResponses.id, closedAt: careEpisodes.closedAt })
      .from(assessmentResponses)
      .leftJoin(careEpisodes, eq(careEpisodes.id, assessmentResponses.episodeId))
      .where(
        and(
          eq(assessmentResponses.organizationId, organizationId),
          eq(assessmentResponses.clientUserId, subjectUserId),
        ),
      );
    return rows.map((r) => ({ id: r.id, floorFrom: r.closedAt ?? now }));
  },
  async eraseRows(tx, organizationId, ids) {
    if (ids.length === 0) return 0;
    const rows = await tx
      .delete(assessmentResponses)
      .where(
        and(
          eq(assessmentResponses.organizationId, organizationId),
          inArray(assessmentResponses.id, [...ids]),
        ),
      )
      .returning({ id: assessmentResponses.id });
    return rows.length;
  },
};
