import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { LoadError, Loading } from '../../components/load-state.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { useShellData } from '../../app/shell-data.ts';
import { useResource } from '../../lib/use-resource.ts';
import { AdminSubnav } from './admin-subnav.tsx';
import { getShortfall } from './counselor-api.ts';
import { currentYear, formatHours, yearFromParam } from './counselor-format.ts';
import { StatusBadge } from './status-banner.tsx';
import { YearSelect } from './year-select.tsx';

/** Counselors short of the yearly continuing-education hours (C5). */
export function AdminShortfallPage() {
  const { t, i18n } = useTranslation();
  const { actor } = useShellData();
  const [params, setParams] = useSearchParams();
  const thisYear = currentYear();
  const year = yearFromParam(params.get('year'), thisYear);
  const report = useResource(`ce-shortfall:${year}`, (signal) => getShortfall(year, signal));
  const hours = (value: number) => formatHours(value, i18n.language);
  const mayOpen = actor?.abilities.includes('counselor.list') ?? false;
  return (
    <div className="page page--wide" data-testid="admin-shortfall-page">
      <PageHeading title={t('counselors.shortfall.title')}>
        {t('counselors.shortfall.heading')}
      </PageHeading>
      <AdminSubnav />
      <p className="lead">{t('counselors.shortfall.intro')}</p>
      <YearSelect
        year={year}
        thisYear={thisYear}
        testId="shortfall-year"
        onChange={(next) => {
          setParams(next === thisYear ? {} : { year: String(next) });
        }}
      />
      {report.status === 'loading' && <Loading />}
      {report.status === 'error' && <LoadError error={report.error} onRetry={report.reload} />}
      {report.status === 'ready' && (
        <>
          <p role="status" className="status-line" data-testid="shortfall-summary">
            {t('counselors.shortfall.summary', {
              year: report.data.year,
              required: hours(report.data.requiredHours),
              count: report.data.items.length,
            })}
          </p>
          {report.data.items.length === 0 ? (
            <p data-testid="shortfall-empty">{t('counselors.shortfall.empty')}</p>
          ) : (
            <div
              className="table-wrap"
              role="region"
              aria-labelledby="shortfall-caption"
              tabIndex={0}
            >
              <table className="table" data-testid="shortfall-table">
                <caption id="shortfall-caption" className="visually-hidden">
                  {t('counselors.shortfall.caption', { year: report.data.year })}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t('counselors.fields.displayName')}</th>
                    <th scope="col">{t('counselors.fields.status')}</th>
                    <th scope="col">{t('counselors.shortfall.training')}</th>
                    <th scope="col">{t('counselors.shortfall.required')}</th>
                    <th scope="col">{t('counselors.shortfall.missing')}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.data.items.map((item) => (
                    <tr key={item.counselorId} data-testid="shortfall-row">
                      <td>
                        {mayOpen ? (
                          <Link to={`/admin/counselors/${item.counselorId}`}>
                            {item.displayName}
                          </Link>
                        ) : (
                          item.displayName
                        )}
                      </td>
                      <td>
                        <StatusBadge status={item.status} />
                      </td>
                      <td>{hours(item.trainingHours)}</td>
                      <td>{hours(item.requiredHours)}</td>
                      <td>
                        <strong>{hours(item.shortfallHours)}</strong>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </div>
  );
}
