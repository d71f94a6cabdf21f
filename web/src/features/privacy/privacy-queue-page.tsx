import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useDateFormat } from '../../app/use-date-format.ts';
import { DataTable } from '../../components/data-table.tsx';
import { Loaded } from '../../components/load-state.tsx';
import { PageFrame } from '../../components/page-frame.tsx';
import { useResource } from '../../lib/use-resource.ts';
import { listQueue, type QueueFilter } from './privacy-api.ts';
import { DueDate, StatusBadge } from './request-parts.tsx';

const FILTERS: readonly QueueFilter[] = [
  'open',
  'all',
  'received',
  'in_progress',
  'completed',
  'rejected',
];
const isFilter = (value: string | null): value is QueueFilter =>
  FILTERS.includes(value as QueueFilter);

/** The handlers' queue (B11): overdue open requests first and marked, then by due date. */
export function PrivacyQueuePage() {
  const { t } = useTranslation();
  const formatDate = useDateFormat();
  const [params, setParams] = useSearchParams();
  const raw = params.get('show');
  const filter: QueueFilter = isFilter(raw) ? raw : 'open';
  const queue = useResource(`privacy-queue-${filter}`, (signal) => listQueue(filter, signal));
  return (
    <PageFrame
      testId="privacy-queue-page"
      width="wide"
      title={t('privacyAdmin.queue.title')}
      lead={t('privacyAdmin.queue.lead')}
    >
      <p>
        <Link to="/admin/privacy-requests/calendar" data-testid="privacy-calendar-link">
          {t('privacyAdmin.queue.calendarLink')}
        </Link>
      </p>
      <nav aria-label={t('privacyAdmin.queue.filter')} className="actions">
        {FILTERS.map((f) => (
          <button
            key={f}
            type="button"
            className={f === filter ? 'button' : 'button button--secondary'}
            aria-pressed={f === filter}
            data-testid={`privacy-filter-${f}`}
            onClick={() => {
              setParams(f === 'open' ? {} : { show: f });
            }}
          >
            {t(`privacyAdmin.queue.filters.${f}`)}
          </button>
        ))}
      </nav>
      <Loaded resource={queue}>
        {({ items }) =>
          items.length === 0 ? (
            <p data-testid="privacy-queue-empty">{t('privacyAdmin.queue.empty')}</p>
          ) : (
            <DataTable
              testId="privacy-queue"
              caption={t('privacyAdmin.queue.title')}
              columns={[
                t('privacyAdmin.queue.subject'),
                t('privacyAdmin.queue.kind'),
                t('privacyAdmin.queue.status'),
                t('privacyAdmin.queue.receivedAt'),
                t('privacyAdmin.queue.dueAt'),
                t('privacyAdmin.queue.handler'),
              ]}
            >
              {items.map((r) => (
                <tr
                  key={r.id}
                  data-testid="privacy-queue-row"
                  className={r.overdue ? 'row--alert' : undefined}
                >
                  <td>
                    <Link to={`/admin/privacy-requests/${r.id}`}>
                      {r.subjectName ?? r.subjectUserId}
                    </Link>
                  </td>
                  <td>{t(`privacy.kinds.${r.kind}`)}</td>
                  <td>
                    <StatusBadge request={r} />
                  </td>
                  <td>{formatDate(r.receivedAt)}</td>
                  <td>
                    <DueDate request={r} testId={`privacy-queue-due-${r.id}`} />
                  </td>
                  <td>{r.handlerName ?? t('privacyAdmin.queue.unassigned')}</td>
                </tr>
              ))}
            </DataTable>
          )
        }
      </Loaded>
    </PageFrame>
  );
}
