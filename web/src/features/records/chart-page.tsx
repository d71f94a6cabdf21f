import type { Chart } from '@anxin/common';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useShellData } from '../../app/shell-data.ts';
import { Loaded, LoadError } from '../../components/load-state.tsx';
import { PageFrame } from '../../components/page-frame.tsx';
import { isNotFound } from '../../lib/api.ts';
import { AssignAssessmentForm } from '../assessments/assign-form.tsx';
import { GoalsPanel } from '../care-plans/goals-panel.tsx';
import { ReferralsPanel } from '../care-plans/referrals-panel.tsx';
import { useLiveResource } from '../counselors/use-live-resource.ts';
import { buildTimeline, currentEpisode } from './chart-timeline.ts';
import { ChartTimeline } from './chart-timeline-view.tsx';
import { NewNoteForm } from './new-note-form.tsx';
import { getChart } from './records-api.ts';
import { TrendChart } from './trend-chart.tsx';
import './records.css';

/** `/clients/:clientId/chart`: the counselor's chart of one client. */
export function ChartPage() {
  const { t } = useTranslation();
  const { clientId = '' } = useParams();
  const chart = useLiveResource(`chart:${clientId}`, (signal) => getChart(clientId, signal));
  return (
    <PageFrame
      testId="chart-page"
      width="wide"
      title={t('records.chart.title')}
      heading={
        chart.status === 'ready'
          ? t('records.chart.heading', { name: chart.data.client.displayName })
          : t('records.chart.title')
      }
    >
      <Loaded
        resource={chart}
        failure={(error) =>
          isNotFound(error) ? (
            <div className="form-alert" role="alert" data-testid="chart-unavailable">
              <p>{t('records.chart.unavailable')}</p>
            </div>
          ) : (
            <LoadError error={error} onRetry={chart.reload} testId="chart-error" />
          )
        }
      >
        {(data) => <ChartView chart={data} onChanged={chart.refresh} />}
      </Loaded>
    </PageFrame>
  );
}

interface ChartViewProps {
  chart: Chart;
  onChanged: () => Promise<void>;
}

function ChartView({ chart, onChanged }: ChartViewProps) {
  const { t } = useTranslation();
  const { actor } = useShellData();
  const abilities = actor?.abilities ?? [];
  const episode = currentEpisode(chart);
  const actionsId = useId();
  const trendsId = useId();
  const timelineId = useId();
  const mayWrite = episode !== null && abilities.includes('record.write');
  const mayAssign = episode !== null && abilities.includes('assessment.assign');
  return (
    <>
      {(mayWrite || mayAssign) && (
        <section aria-labelledby={actionsId}>
          <h2 id={actionsId} className="visually-hidden">
            {t('records.chart.actions')}
          </h2>
          <div className="chart-actions">
            {mayWrite && <NewNoteForm chart={chart} episode={episode} />}
            {mayAssign && (
              <AssignAssessmentForm clientUserId={chart.client.id} onAssigned={onChanged} />
            )}
          </div>
        </section>
      )}
      {episode && (
        <div className="chart-care-plan">
          <GoalsPanel
            clientUserId={chart.client.id}
            episodeId={episode.id}
            initial={chart.goals.filter((goal) => goal.episodeId === episode.id)}
          />
          <ReferralsPanel clientUserId={chart.client.id} episodeId={episode.id} />
        </div>
      )}
      <section aria-labelledby={trendsId} data-testid="chart-trends">
        <h2 id={trendsId}>{t('records.chart.trends')}</h2>
        {chart.trends.length === 0 ? (
          <p className="field__hint">{t('records.chart.noTrends')}</p>
        ) : (
          <div className="trends">
            {chart.trends.map((trend) => (
              <TrendChart key={trend.assessmentCode} trend={trend} />
            ))}
          </div>
        )}
      </section>
      <section aria-labelledby={timelineId}>
        <h2 id={timelineId}>{t('records.chart.timeline')}</h2>
        <ChartTimeline groups={buildTimeline(chart)} />
      </section>
    </>
  );
}
