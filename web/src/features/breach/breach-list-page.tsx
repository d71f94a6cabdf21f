import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { DataTable } from '../../components/data-table.tsx';
import { Loaded } from '../../components/load-state.tsx';
import { PageFrame } from '../../components/page-frame.tsx';
import { useResource } from '../../lib/use-resource.ts';
import { createIncident, listIncidents } from './breach-api.ts';
import { IncidentForm } from './breach-incident-form.tsx';
import { Deadline } from './breach-parts.tsx';

/** The incident register (B12): every incident with its deadlines, overdue ones highlighted. */
export function BreachListPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const incidents = useResource('breach-incidents', listIncidents);
  return (
    <PageFrame
      testId="breach-list-page"
      width="wide"
      title={t('breach.list.title')}
      lead={t('breach.list.lead')}
    >
      <Loaded resource={incidents}>
        {({ items }) =>
          items.length === 0 ? (
            <p data-testid="breach-empty">{t('breach.list.empty')}</p>
          ) : (
            <DataTable
              testId="breach-table"
              caption={t('breach.list.title')}
              columns={[
                t('breach.fields.title'),
                t('breach.fields.severity'),
                t('breach.fields.status'),
                t('breach.fields.reportDueAt'),
                t('breach.fields.affected'),
              ]}
            >
              {items.map((i) => (
                <tr
                  key={i.id}
                  data-testid="breach-row"
                  className={i.reportOverdue || i.notifyOverdue ? 'row--alert' : undefined}
                >
                  <td>
                    <Link to={`/admin/breach/${i.id}`}>{i.title}</Link>
                  </td>
                  <td>{t(`breach.severity.${i.severity}`)}</td>
                  <td>{t(`breach.status.${i.status}`)}</td>
                  <td>
                    <Deadline
                      dueAt={i.reportDueAt}
                      done={i.reportedAt !== null || i.status === 'closed'}
                      overdue={i.reportOverdue}
                      testId={`breach-due-${i.id}`}
                    />
                  </td>
                  <td>
                    {t('breach.list.affected', {
                      affected: i.affectedCount,
                      notified: i.notifiedCount,
                    })}
                  </td>
                </tr>
              ))}
            </DataTable>
          )
        }
      </Loaded>
      <IncidentForm
        onSubmit={async (body) => {
          const created = await createIncident(body);
          await navigate(`/admin/breach/${created.id}`);
        }}
      />
    </PageFrame>
  );
}
