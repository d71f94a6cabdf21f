import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DataTable } from '../../components/data-table.tsx';
import { Loaded } from '../../components/load-state.tsx';
import { PageFrame } from '../../components/page-frame.tsx';
import { useShellData } from '../../app/shell-data.ts';
import { useResource } from '../../lib/use-resource.ts';
import { AdminSubnav } from './admin-subnav.tsx';
import { getShortfall } from './counselor-api.ts';
import { formatHours } from './counselor-format.ts';
import { StatusBadge } from './status-banner.tsx';
import { useYearParam, YearSelect } from './year-select.tsx';

/** Counselors short of the yearly continuing-education hours (C5). */
export function AdminShortfallPage() {
  const { t, i18n } = useTranslation();
  const { actor } = useShellData();
  const choice = useYearParam();
  const { year } = choice;
  const report = useResource(`ce-shortfall:${year}`, (signal) => getShortfall(year, signal));
  const hours = (value: number) => formatHours(value, i18n.language);
  const mayOpen = actor?.abilities.includes('counselor.list') ?? false;
  return (
    <PageFrame
      testId="admin-shortfall-page"
      width="wide"
      title={t('counselors.shortfall.title')}
      heading={t('counselors.shortfall.heading')}
      nav={<AdminSubnav />}
      lead={t('counselors.shortfall.intro')}
    >
      <YearSelect {...choice} testId="shortfall-year" />
      <Loaded resource={report}>
        {(data) => (
          <>
            <p role="status" className="status-line" data-testid="shortfall-summary">
              {t('counselors.shortfall.summary', {
                year: data.year,
                required: hours(data.requiredHours),
                count: data.items.length,
              })}
            </p>
            {data.items.length === 0 ? (
              <p data-testid="shortfall-empty">{t('counselors.shortfall.empty')}</p>
            ) : (
              <DataTable
                testId="shortfall-table"
                caption={t('counselors.shortfall.caption', { year: data.year })}
                columns={[
                  t('counselors.fields.displayName'),
                  t('counselors.fields.status'),
                  t('counselors.shortfall.training'),
                  t('counselors.shortfall.required'),
                  t('counselors.shortfall.missing'),
                ]}
              >
                {data.items.map((item) => (
                  <tr key={item.counselorId} data-testid="shortfall-row">
                    <td>
                      {mayOpen ? (
                        <Link to={`/admin/counselors/${item.counselorId}`}>{item.displayName}</Link>
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
              </DataTable>
            )}
          </>
        )}
      </Loaded>
    </PageFrame>
  );
}
