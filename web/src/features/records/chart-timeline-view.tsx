import { APPOINTMENT_STATUSES, EPISODE_CLOSE_REASONS, type AssessmentResult } from '@anxin/common';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDateFormat } from '../../app/use-date-format.ts';
import { useLocale } from '../../i18n/use-locale.ts';
import { StatusBadge } from '../scheduling/scheduling-parts.tsx';
import { useSessionTypes } from '../scheduling/use-session-types.ts';
import type { ChartAppointment, TimelineEntry, TimelineGroup } from './chart-timeline.ts';
import { RecordStatusBadge } from './record-parts.tsx';
import { definitionOf } from './trend-chart.tsx';

/** The episodes, newest first, each with what happened in it, newest first. */
export function ChartTimeline({ groups }: { groups: readonly TimelineGroup[] }) {
  const { t } = useTranslation();
  const formatDate = useDateFormat();
  return (
    <ol className="chart-episodes" data-testid="chart-timeline">
      {groups.map((group) => {
        const { episode } = group;
        return (
          <li
            key={episode?.id ?? 'none'}
            className="panel chart-episode"
            data-testid="chart-episode"
            data-status={episode?.status ?? 'none'}
          >
            <h3>
              {episode
                ? t('records.chart.episode', {
                    counselor: episode.counselorName,
                    date: formatDate(episode.createdAt),
                  })
                : t('records.chart.outsideEpisode')}
              {episode && (
                <span className={`status status--${episode.status === 'closed' ? 'wait' : 'good'}`}>
                  {t(`records.chart.episodeStatus.${episode.status}`)}
                </span>
              )}
            </h3>
            {episode?.closedAt && (
              <p className="field__hint">
                {t('records.chart.closed', {
                  date: formatDate(episode.closedAt),
                  reason: t(closeReasonKey(episode.closeReason)),
                })}
              </p>
            )}
            {group.entries.length === 0 ? (
              <p className="field__hint">{t('records.chart.emptyEpisode')}</p>
            ) : (
              <ol className="timeline">
                {group.entries.map((entry) => (
                  <li
                    key={`${entry.kind}:${entryId(entry)}`}
                    className="timeline__item"
                    data-testid="timeline-entry"
                    data-kind={entry.kind}
                  >
                    <TimelineItem entry={entry} />
                  </li>
                ))}
              </ol>
            )}
          </li>
        );
      })}
    </ol>
  );
}

/** A close reason's message; one the page does not know yet, as unknown. */
function closeReasonKey(
  reason: string | null,
): `records.chart.closeReason.${(typeof EPISODE_CLOSE_REASONS)[number]}` | 'common.unknown' {
  const known = EPISODE_CLOSE_REASONS.find((name) => name === reason);
  return known ? `records.chart.closeReason.${known}` : 'common.unknown';
}

function entryId(entry: TimelineEntry): string {
  switch (entry.kind) {
    case 'appointment':
      return entry.appointment.id;
    case 'record':
      return entry.record.id;
    case 'assessment':
      return entry.assessment.id;
  }
}

function TimelineItem({ entry }: { entry: TimelineEntry }) {
  const { t } = useTranslation();
  const [locale] = useLocale();
  const formatDate = useDateFormat();
  switch (entry.kind) {
    case 'appointment':
      return <AppointmentItem appointment={entry.appointment} />;
    case 'record':
      return (
        <>
          <p className="timeline__title">
            <Link
              to={`/records/${encodeURIComponent(entry.record.id)}`}
              data-testid="timeline-record"
            >
              {entry.record.template.title[locale]}
            </Link>{' '}
            <RecordStatusBadge status={entry.record.status} />
          </p>
          <p className="field__hint">
            {t('records.chart.recordBy', {
              author: entry.record.authorName,
              date: formatDate(entry.at),
            })}
          </p>
        </>
      );
    case 'assessment':
      return <AssessmentItem assessment={entry.assessment} />;
  }
}

const isAppointmentStatus = (status: string) =>
  APPOINTMENT_STATUSES.find((known) => known === status);

function AppointmentItem({ appointment }: { appointment: ChartAppointment }) {
  const { t } = useTranslation();
  const formatDate = useDateFormat();
  const sessionTypes = useSessionTypes();
  const status = isAppointmentStatus(appointment.status);
  return (
    <>
      <p className="timeline__title">
        {t('records.chart.appointment', { date: formatDate(appointment.startsAt) })}{' '}
        {status && <StatusBadge status={status} />}
      </p>
      <p className="field__hint">{sessionTypes.label(appointment.sessionTypeCode)}</p>
    </>
  );
}

const SEVERITY_ORDER = ['low', 'moderate', 'high'] as const;

/** A questionnaire: assigned or answered; the counselor sees its score and any risk item. */
function AssessmentItem({ assessment }: { assessment: AssessmentResult }) {
  const { t } = useTranslation();
  const [locale] = useLocale();
  const formatDate = useDateFormat();
  const def = definitionOf(assessment.assessmentCode);
  const score = assessment.score;
  const band =
    def?.scoring.kind === 'sum'
      ? def.scoring.bands.find((candidate) => candidate.code === score?.band)
      : undefined;
  const worst = SEVERITY_ORDER.findLast((severity) =>
    score?.risks.some((risk) => risk.severity === severity),
  );
  return (
    <>
      <p className="timeline__title">
        <strong>{def?.title[locale] ?? assessment.assessmentCode}</strong>{' '}
        <span
          className={`status status--${assessment.status === 'completed' ? 'good' : 'wait'}`}
          data-testid="timeline-assessment-status"
          data-status={assessment.status}
        >
          {t(`assessments.status.${assessment.status}`)}
        </span>
      </p>
      <p className="field__hint">
        {assessment.completedAt
          ? t('records.chart.answeredOn', { date: formatDate(assessment.completedAt) })
          : t('records.chart.assignedOn', { date: formatDate(assessment.assignedAt) })}
      </p>
      {score?.total !== null && score?.total !== undefined && def?.scoring.kind === 'sum' && (
        <p data-testid="timeline-assessment-score">
          {t('records.chart.score', {
            total: score.total,
            max: def.scoring.max,
            band: band?.label[locale] ?? t('common.unknown'),
          })}
        </p>
      )}
      {score?.triage && score.triage !== 'none' && (
        <p>{t('records.chart.triage', { level: t(`records.chart.severity.${score.triage}`) })}</p>
      )}
      {worst && (
        <p className="chart-risk" data-testid="timeline-assessment-risk">
          {t('records.chart.risk', { level: t(`records.chart.severity.${worst}`) })}
        </p>
      )}
    </>
  );
}
