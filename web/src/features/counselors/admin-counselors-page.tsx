import { COUNSELOR_STATUSES } from '@anxin/common';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { DataTable } from '../../components/data-table.tsx';
import { Loaded } from '../../components/load-state.tsx';
import { PageFrame } from '../../components/page-frame.tsx';
import { useDateFormat } from '../../app/use-date-format.ts';
import { useResource } from '../../lib/use-resource.ts';
import {
  ADMIN_PAGE_SIZE,
  ADMIN_VIEWS,
  adminListFromParams,
  adminListQuery,
  pageCount,
  paramsFromAdminList,
  type AdminListState,
} from './admin-list-view.ts';
import { AdminSubnav } from './admin-subnav.tsx';
import { listProfiles } from './counselor-api.ts';
import { Pager } from './pager.tsx';
import { StatusBadge } from './status-banner.tsx';
import { useDayFormat } from './use-day-format.ts';

/** Administrators' work list: applications to review, certificates expiring, stale profiles. */
export function AdminCounselorsPage() {
  const { t } = useTranslation();
  const formatDate = useDateFormat();
  const formatDay = useDayFormat();
  const [params, setParams] = useSearchParams();
  const state = adminListFromParams(params);
  const query = adminListQuery(state);
  const key = new URLSearchParams(paramsFromAdminList(state)).toString();
  const list = useResource(`admin-counselors:${key}`, (signal) => listProfiles(query, signal));
  const href = (next: AdminListState) => {
    const search = new URLSearchParams(paramsFromAdminList(next)).toString();
    return search ? `/admin/counselors?${search}` : '/admin/counselors';
  };

  return (
    <PageFrame
      testId="admin-counselors-page"
      width="full"
      title={t('counselors.admin.title')}
      heading={t('counselors.admin.heading')}
      nav={<AdminSubnav />}
    >
      <nav className="tabs" aria-label={t('counselors.admin.viewsLabel')}>
        <ul>
          {ADMIN_VIEWS.map((view) => (
            <li key={view}>
              <Link
                to={href({ view, status: null, page: 1 })}
                aria-current={state.view === view ? 'page' : undefined}
                data-testid={`admin-view-${view}`}
              >
                {t(`counselors.admin.view.${view}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <p className="field__hint">{t(`counselors.admin.viewHint.${state.view}`)}</p>
      {state.view === 'all' && list.status === 'ready' && (
        <nav className="filter-links" aria-label={t('counselors.admin.statusFilterLabel')}>
          <ul>
            <li>
              <Link
                to={href({ view: 'all', status: null, page: 1 })}
                aria-current={state.status === null ? 'page' : undefined}
              >
                {t('counselors.admin.allStatuses')}
              </Link>
            </li>
            {COUNSELOR_STATUSES.map((status) => (
              <li key={status}>
                <Link
                  to={href({ view: 'all', status, page: 1 })}
                  aria-current={state.status === status ? 'page' : undefined}
                  data-testid={`admin-status-${status}`}
                >
                  {t('counselors.admin.statusCount', {
                    status: t(`counselors.status.${status}`),
                    count: list.data.counts[status],
                  })}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <Loaded resource={list}>
        {(data) => (
          <>
            <p role="status" className="status-line" data-testid="admin-counselors-count">
              {t('counselors.admin.count', { count: data.total })}
            </p>
            {data.items.length === 0 ? (
              <p data-testid="admin-counselors-empty">{t('counselors.admin.empty')}</p>
            ) : (
              <DataTable
                testId="admin-counselors-table"
                caption={t(`counselors.admin.view.${state.view}`)}
                columns={[
                  t('counselors.fields.displayName'),
                  t('counselors.fields.status'),
                  t('counselors.fields.submittedAt'),
                  t('counselors.fields.nextDue'),
                  t('counselors.fields.lastReviewedAt'),
                  t('counselors.fields.listed'),
                ]}
              >
                {data.items.map((item) => (
                  <tr key={item.id} data-testid="admin-counselor-row" data-counselor-id={item.id}>
                    <td>
                      <Link to={`/admin/counselors/${item.id}`} data-testid="admin-counselor-link">
                        {item.displayName}
                      </Link>
                    </td>
                    <td>
                      <StatusBadge status={item.status} />
                    </td>
                    <td>{item.submittedAt ? formatDate(item.submittedAt) : '—'}</td>
                    <td>
                      {item.nextDueOn ? (
                        <>
                          {formatDay(item.nextDueOn)}
                          {item.nextDueKind && (
                            <span className="cell-note">
                              {t(`counselors.admin.dueKind.${item.nextDueKind}`)}
                            </span>
                          )}
                        </>
                      ) : (
                        '—'
                      )}
                    </td>
                    <td>
                      {item.lastReviewedAt
                        ? formatDate(item.lastReviewedAt)
                        : t('counselors.never')}
                      {item.reviewOverdue && (
                        <span className="cell-note warning">
                          {t('counselors.admin.reviewOverdue')}
                        </span>
                      )}
                    </td>
                    <td>{item.listable ? t('common.yes') : t('common.no')}</td>
                  </tr>
                ))}
              </DataTable>
            )}
            <Pager
              page={state.page}
              pages={pageCount(data.total, ADMIN_PAGE_SIZE)}
              testId="admin-counselors-pager"
              onPage={(page) => {
                setParams(paramsFromAdminList({ ...state, page }));
              }}
            />
          </>
        )}
      </Loaded>
    </PageFrame>
  );
}
