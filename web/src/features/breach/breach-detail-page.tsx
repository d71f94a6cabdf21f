import type { BreachIncident, BreachReport, BreachStatus } from '@anxin/common';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useDateFormat } from '../../app/use-date-format.ts';
import { useMessage } from '../../components/form.tsx';
import { Loaded } from '../../components/load-state.tsx';
import { PageFrame } from '../../components/page-frame.tsx';
import type { Message } from '../../i18n/keys.ts';
import { messageForError } from '../../lib/form-errors.ts';
import { useResource } from '../../lib/use-resource.ts';
import {
  editIncident,
  getIncident,
  getReport,
  notifyAffected,
  reportCsvHref,
  transitionIncident,
} from './breach-api.ts';
import { IncidentForm } from './breach-incident-form.tsx';
import { IncidentDeadlines } from './breach-parts.tsx';
import { ScopeBuilder } from './breach-scope-builder.tsx';

/** One incident: its facts and deadlines, its handling, the affected people and the report. */
export function BreachDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const incident = useResource(`breach-${id}`, (signal) => getIncident(id, signal));
  return (
    <PageFrame testId="breach-detail-page" width="wide" title={t('breach.detail.title')}>
      <Loaded resource={incident}>
        {(data) => (
          <IncidentView
            incident={data}
            onChange={incident.replace}
            // Fetched and swapped in place: a reload would unmount the page and its messages.
            reload={() => {
              void getIncident(id).then(incident.replace, () => undefined);
            }}
          />
        )}
      </Loaded>
    </PageFrame>
  );
}

function IncidentView({
  incident,
  onChange,
  reload,
}: {
  incident: BreachIncident;
  onChange: (i: BreachIncident) => void;
  reload: () => void;
}) {
  const { t } = useTranslation();
  const say = useMessage();
  const formatDate = useDateFormat();
  const [message, setMessage] = useState<Message | null>(null);
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<BreachReport | null>(null);

  const run = <T,>(work: () => Promise<T>, done: (value: T) => void) => {
    if (busy) return;
    setBusy(true);
    setMessage(null);
    work().then(
      (value) => {
        setBusy(false);
        done(value);
      },
      (error: unknown) => {
        setBusy(false);
        setMessage(messageForError(error));
      },
    );
  };
  const move = (to: BreachStatus) => {
    run(
      () => transitionIncident(incident.id, to),
      (next) => {
        onChange(next);
        setMessage({ key: 'breach.detail.moved', values: { status: t(`breach.status.${to}`) } });
      },
    );
  };
  const notify = () => {
    run(
      () => notifyAffected(incident.id),
      (r) => {
        setMessage({ key: 'breach.notify.done', values: { ...r } });
        reload();
      },
    );
  };
  const closed = incident.status === 'closed';
  return (
    <>
      <section className="panel" aria-labelledby="breach-facts">
        <h2 id="breach-facts" data-testid="breach-title">
          {incident.title}
        </h2>
        <dl className="facts">
          <dt>{t('breach.fields.status')}</dt>
          <dd data-testid="breach-status">{t(`breach.status.${incident.status}`)}</dd>
          <dt>{t('breach.fields.severity')}</dt>
          <dd data-testid="breach-severity">{t(`breach.severity.${incident.severity}`)}</dd>
          <dt>{t('breach.fields.discoveredAt')}</dt>
          <dd>{formatDate(incident.discoveredAt)}</dd>
          <dt>{t('breach.fields.dataCategories')}</dt>
          <dd>
            {incident.dataCategories
              .map((c) => t(`breach.category.${c}` as 'breach.category.other'))
              .join(' · ')}
          </dd>
          <dt>{t('breach.fields.affected')}</dt>
          <dd data-testid="breach-affected">
            {t('breach.list.affected', {
              affected: incident.affectedCount,
              notified: incident.notifiedCount,
            })}
          </dd>
        </dl>
        <IncidentDeadlines incident={incident} />
        <div className="actions">
          {incident.nextStatuses.map((to) => (
            <button
              key={to}
              type="button"
              className="button button--secondary"
              onClick={() => {
                move(to);
              }}
              data-testid={`breach-to-${to}`}
            >
              {t(`breach.transition.${to}`)}
            </button>
          ))}
          {!closed && incident.status !== 'detected' && (
            <button type="button" className="button" onClick={notify} data-testid="breach-notify">
              {t('breach.notify.button')}
            </button>
          )}
        </div>
        <p className="status-line" role="status" data-testid="breach-message">
          {message && say(message)}
        </p>
      </section>

      {!closed && (
        <ScopeBuilder
          incidentId={incident.id}
          discoveredAt={incident.discoveredAt}
          onRecorded={reload}
        />
      )}

      <section className="panel" aria-labelledby="breach-report">
        <h2 id="breach-report">{t('breach.report.heading')}</h2>
        <p>{t('breach.report.intro')}</p>
        <div className="actions">
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              run(() => getReport(incident.id), setReport);
            }}
            data-testid="breach-report-show"
          >
            {t('breach.report.show')}
          </button>
          <a
            className="button button--secondary"
            href={reportCsvHref(incident.id)}
            download
            data-testid="breach-report-csv"
          >
            {t('breach.report.csv')}
          </a>
        </div>
        {report && (
          <dl className="facts" data-testid="breach-report-body">
            <dt>{t('breach.report.total')}</dt>
            <dd>{report.affected.total}</dd>
            <dt>{t('breach.report.notified')}</dt>
            <dd>{report.affected.notified}</dd>
            {report.byCategory.map((c) => (
              <div key={c.category}>
                <dt>{t(`breach.category.${c.category}` as 'breach.category.other')}</dt>
                <dd>{c.affected}</dd>
              </div>
            ))}
          </dl>
        )}
      </section>

      {!closed && (
        <IncidentForm
          key={incident.id + incident.severity}
          incident={incident}
          onSubmit={async (body) => {
            onChange(await editIncident(incident.id, body));
            setMessage({ key: 'breach.form.saved' });
          }}
        />
      )}
    </>
  );
}
