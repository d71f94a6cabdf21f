import type { ConductReport, ConductReportSummary } from '@anxin/common';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDateFormat } from '../../app/use-date-format.ts';
import { DataTable } from '../../components/data-table.tsx';
import { useMessage } from '../../components/form.tsx';
import { Loaded } from '../../components/load-state.tsx';
import { PageFrame } from '../../components/page-frame.tsx';
import type { Message } from '../../i18n/keys.ts';
import { messageForError } from '../../lib/form-errors.ts';
import { useResource } from '../../lib/use-resource.ts';
import {
  closeConductReport,
  listConductReports,
  readConductReport,
  type ConductStatus,
} from './sessions-api.ts';

const TABS: readonly ConductStatus[] = ['open', 'closed'];

/**
 * `/admin/conduct-reports` (A6): reports from session rooms. The list carries no content; an
 * administrator opens one report at a time, which is an audited read of the client's session,
 * and closes it once handled.
 */
export function ConductReportsPage() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<ConductStatus>('open');
  const reports = useResource(`conduct-reports:${status}`, (signal) =>
    listConductReports(status, signal),
  );
  return (
    <PageFrame
      testId="conduct-reports-page"
      width="wide"
      title={t('sessionRoom.conductAdmin.title')}
      lead={t('sessionRoom.conductAdmin.lead')}
    >
      <div className="actions" role="group" aria-label={t('sessionRoom.conductAdmin.filter')}>
        {TABS.map((tab) => (
          <button
            key={tab}
            type="button"
            className={tab === status ? 'button' : 'button button--secondary'}
            aria-pressed={tab === status}
            onClick={() => {
              setStatus(tab);
            }}
            data-testid={`conduct-tab-${tab}`}
          >
            {t(`sessionRoom.conductAdmin.status.${tab}`)}
          </button>
        ))}
      </div>
      <Loaded resource={reports}>
        {({ items }) =>
          items.length === 0 ? (
            <p data-testid="conduct-empty">{t('sessionRoom.conductAdmin.empty')}</p>
          ) : (
            <ReportTable items={items} onClosed={reports.reload} />
          )
        }
      </Loaded>
    </PageFrame>
  );
}

function ReportTable({ items, onClosed }: { items: ConductReportSummary[]; onClosed: () => void }) {
  const { t } = useTranslation();
  const formatDate = useDateFormat();
  const [openId, setOpenId] = useState<string | null>(null);
  return (
    <DataTable
      testId="conduct-table"
      caption={t('sessionRoom.conductAdmin.title')}
      columns={[
        t('sessionRoom.conductAdmin.columns.reportedAt'),
        t('sessionRoom.conductAdmin.columns.reporter'),
        t('sessionRoom.conductAdmin.columns.subject'),
        t('sessionRoom.conductAdmin.columns.status'),
        t('sessionRoom.conductAdmin.columns.actions'),
      ]}
    >
      {items.map((r) => (
        <ReportRow
          key={r.id}
          report={r}
          expanded={openId === r.id}
          onToggle={() => {
            setOpenId(openId === r.id ? null : r.id);
          }}
          onClosed={onClosed}
          when={formatDate(r.createdAt)}
        />
      ))}
    </DataTable>
  );
}

function ReportRow(props: {
  report: ConductReportSummary;
  expanded: boolean;
  onToggle: () => void;
  onClosed: () => void;
  when: string;
}) {
  const { t } = useTranslation();
  const r = props.report;
  return (
    <>
      <tr data-testid="conduct-row" data-id={r.id} data-status={r.status}>
        <td>{props.when}</td>
        <td>{t(`sessionRoom.conductAdmin.reporter.${r.reporterRole}`)}</td>
        <td>
          {r.messageSeq === null
            ? t('sessionRoom.conductAdmin.behaviour')
            : t('sessionRoom.conductAdmin.message', { seq: r.messageSeq })}
        </td>
        <td>{t(`sessionRoom.conductAdmin.status.${r.status}`)}</td>
        <td>
          <button
            type="button"
            className="button button--secondary"
            aria-expanded={props.expanded}
            onClick={props.onToggle}
            data-testid="conduct-open"
          >
            {props.expanded
              ? t('sessionRoom.conductAdmin.hide')
              : t('sessionRoom.conductAdmin.read')}
          </button>
        </td>
      </tr>
      {props.expanded && (
        <tr>
          <td colSpan={5}>
            <ReportContent id={r.id} closed={r.status === 'closed'} onClosed={props.onClosed} />
          </td>
        </tr>
      )}
    </>
  );
}

/** Loaded only when expanded: each opening is one audited read. */
function ReportContent(props: { id: string; closed: boolean; onClosed: () => void }) {
  const { t } = useTranslation();
  const say = useMessage();
  const report = useResource<ConductReport>(`conduct-report:${props.id}`, () =>
    readConductReport(props.id),
  );
  const [message, setMessage] = useState<Message | null>(null);
  const [busy, setBusy] = useState(false);
  const close = () => {
    if (busy) return;
    setBusy(true);
    closeConductReport(props.id).then(props.onClosed, (error: unknown) => {
      setBusy(false);
      setMessage(messageForError(error));
    });
  };
  return (
    <Loaded resource={report}>
      {(data) => (
        <div className="panel" data-testid="conduct-content">
          <dl className="facts">
            <dt>{t('sessionRoom.conductAdmin.excerpt')}</dt>
            <dd data-testid="conduct-excerpt">
              {data.excerpt ?? t('sessionRoom.conductAdmin.noExcerpt')}
            </dd>
            <dt>{t('sessionRoom.conductAdmin.reason')}</dt>
            <dd data-testid="conduct-reason">{data.reason}</dd>
          </dl>
          {message && (
            <p className="form-alert" role="alert">
              {say(message)}
            </p>
          )}
          {!props.closed && (
            <button
              type="button"
              className="button"
              onClick={close}
              disabled={busy}
              data-testid="conduct-close"
            >
              {t('sessionRoom.conductAdmin.close')}
            </button>
          )}
        </div>
      )}
    </Loaded>
  );
}
