import type { AssessmentResult, Chart, ClinicalRecord } from '@anxin/common';

export type ChartEpisode = Chart['episodes'][number];
export type ChartAppointment = Chart['appointments'][number];

export type TimelineEntry =
  | { kind: 'appointment'; at: string; appointment: ChartAppointment }
  | { kind: 'record'; at: string; record: ClinicalRecord }
  | { kind: 'assessment'; at: string; assessment: AssessmentResult };

export interface TimelineGroup {
  /** Null for what belongs to no episode the reader sees (an assessment given outside one). */
  episode: ChartEpisode | null;
  entries: TimelineEntry[];
}

/** When an entry happened: the appointment's start, the signature, the questionnaire's answer. */
const recordTime = (record: ClinicalRecord) => record.signedAt ?? record.createdAt;
const assessmentTime = (assessment: AssessmentResult) =>
  assessment.completedAt ?? assessment.assignedAt;

const newestFirst = <T extends { at: string }>(a: T, b: T) => Date.parse(b.at) - Date.parse(a.at);

/**
 * The chart's timeline: the episodes newest first, and within each its appointments, records
 * and questionnaires interleaved by date, newest first. Entries of no visible episode come last.
 */
export function buildTimeline(chart: Chart): TimelineGroup[] {
  const entries: (TimelineEntry & { episodeId: string | null })[] = [
    ...chart.appointments.map((appointment) => ({
      kind: 'appointment' as const,
      at: appointment.startsAt,
      appointment,
      episodeId: appointment.episodeId,
    })),
    ...chart.records.map((record) => ({
      kind: 'record' as const,
      at: recordTime(record),
      record,
      episodeId: record.episodeId,
    })),
    ...chart.assessments.map((assessment) => ({
      kind: 'assessment' as const,
      at: assessmentTime(assessment),
      assessment,
      episodeId: assessment.episodeId,
    })),
  ].sort(newestFirst);
  const known = new Set(chart.episodes.map((episode) => episode.id));
  const groups: TimelineGroup[] = [...chart.episodes]
    .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt))
    .map((episode) => ({
      episode,
      entries: entries.filter((entry) => entry.episodeId === episode.id).map(withoutEpisode),
    }));
  const loose = entries.filter((entry) => entry.episodeId === null || !known.has(entry.episodeId));
  if (loose.length > 0) groups.push({ episode: null, entries: loose.map(withoutEpisode) });
  return groups;
}

function withoutEpisode(entry: TimelineEntry & { episodeId: string | null }): TimelineEntry {
  const { episodeId: _episodeId, ...rest } = entry;
  return rest;
}

/**
 * The newest episode still open or active: where new notes and questionnaires go (the server
 * checks that it is the reader's own; a supervisor's chart may show others').
 */
export function currentEpisode(chart: Chart): ChartEpisode | null {
  return (
    [...chart.episodes]
      .filter((episode) => episode.status !== 'closed')
      .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt))[0] ?? null
  );
}
