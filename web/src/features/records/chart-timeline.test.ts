import type { AssessmentResult, Chart, ClinicalRecord } from '@anxin/common';
import { describe, expect, it } from 'vitest';
import { buildTimeline, currentEpisode } from './chart-timeline.ts';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const episode = (n: number, createdAt: string, status: 'open' | 'active' | 'closed') => ({
  id: uuid(n),
  status,
  counselorName: 'Lin',
  createdAt,
  closedAt: status === 'closed' ? createdAt : null,
  closeReason: status === 'closed' ? 'goals_met' : null,
});

const appointment = (n: number, episodeId: string | null, startsAt: string) => ({
  id: uuid(n),
  episodeId,
  startsAt,
  endsAt: startsAt,
  status: 'fulfilled',
  sessionTypeCode: 'follow_up',
});

const record = (n: number, episodeId: string, signedAt: string | null, createdAt: string) =>
  ({ id: uuid(n), episodeId, signedAt, createdAt }) as unknown as ClinicalRecord;

const assessment = (n: number, episodeId: string | null, completedAt: string | null) =>
  ({
    id: uuid(n),
    episodeId,
    completedAt,
    assignedAt: '2030-01-01T00:00:00Z',
  }) as unknown as AssessmentResult;

const OLD = uuid(1);
const NEW = uuid(2);

const chart: Chart = {
  client: { id: uuid(99), displayName: 'Client' },
  episodes: [
    episode(1, '2029-01-01T00:00:00Z', 'closed'),
    episode(2, '2030-01-01T00:00:00Z', 'active'),
  ],
  appointments: [
    appointment(10, NEW, '2030-01-10T02:00:00Z'),
    appointment(11, NEW, '2030-01-17T02:00:00Z'),
    appointment(12, OLD, '2029-02-01T02:00:00Z'),
  ],
  records: [
    record(20, NEW, '2030-01-10T03:00:00Z', '2030-01-10T02:50:00Z'),
    record(21, NEW, null, '2030-01-18T00:00:00Z'),
  ],
  assessments: [assessment(30, NEW, '2030-01-12T00:00:00Z'), assessment(31, null, null)],
  trends: [],
  goals: [],
};

describe('buildTimeline', () => {
  it('lists the episodes newest first, their entries interleaved by date, newest first', () => {
    const groups = buildTimeline(chart);
    expect(groups.map((g) => g.episode?.id ?? null)).toEqual([NEW, OLD, null]);
    expect(groups[0]?.entries.map((e) => `${e.kind}:${e.at}`)).toEqual([
      'record:2030-01-18T00:00:00Z',
      'appointment:2030-01-17T02:00:00Z',
      'assessment:2030-01-12T00:00:00Z',
      'record:2030-01-10T03:00:00Z',
      'appointment:2030-01-10T02:00:00Z',
    ]);
    expect(groups[1]?.entries.map((e) => e.kind)).toEqual(['appointment']);
  });

  it('keeps what belongs to no visible episode in a last group', () => {
    const last = buildTimeline(chart).at(-1);
    expect(last?.episode).toBeNull();
    expect(last?.entries.map((e) => [e.kind, e.at])).toEqual([
      ['assessment', '2030-01-01T00:00:00Z'],
    ]);
  });

  it('has no such group when everything has its episode', () => {
    const tidy = { ...chart, assessments: chart.assessments.slice(0, 1) };
    expect(buildTimeline(tidy).map((g) => g.episode?.id)).toEqual([NEW, OLD]);
  });
});

describe('currentEpisode', () => {
  it('is the newest episode not closed, or none', () => {
    expect(currentEpisode(chart)?.id).toBe(NEW);
    expect(currentEpisode({ ...chart, episodes: chart.episodes.slice(0, 1) })).toBeNull();
  });
});
