import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useDateFormat } from '../../app/use-date-format.ts';
import type { listRelationships } from './counselor-api.ts';

type Relationship = Awaited<ReturnType<typeof listRelationships>>[number];

/** Declared relationships as cards, current and ended; `actions` adds buttons to a card. */
export function RelationshipList({
  relationships,
  actions,
}: {
  relationships: readonly Relationship[];
  actions?: (relationship: Relationship) => ReactNode;
}) {
  const { t } = useTranslation();
  const formatDate = useDateFormat();
  if (relationships.length === 0) {
    return <p data-testid="relationships-empty">{t('counselors.relationships.empty')}</p>;
  }
  return (
    <ul className="card-list" data-testid="relationship-list">
      {relationships.map((relationship) => (
        <li
          key={relationship.id}
          className="card card--plain"
          data-testid="relationship-row"
          data-ended={relationship.endedAt ? 'true' : 'false'}
        >
          <p className="prose">{relationship.description}</p>
          <dl className="facts">
            <dt>{t('counselors.fields.clientIdentifier')}</dt>
            <dd>{relationship.clientIdentifier ?? t('common.notGiven')}</dd>
            <dt>{t('counselors.relationships.declaredAt')}</dt>
            <dd>{formatDate(relationship.createdAt)}</dd>
            <dt>{t('counselors.relationships.state')}</dt>
            <dd>
              {relationship.endedAt
                ? t('counselors.relationships.endedAt', {
                    time: formatDate(relationship.endedAt),
                  })
                : t('counselors.relationships.current')}
            </dd>
          </dl>
          {actions?.(relationship)}
        </li>
      ))}
    </ul>
  );
}
