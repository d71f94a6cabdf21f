import { useTranslation } from 'react-i18next';
import { LoadError, Loading } from '../../components/load-state.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { useDateFormat } from '../../app/use-date-format.ts';
import { useResource } from '../../lib/use-resource.ts';
import { listOutbox } from './admin-api.ts';

/** Development only: the messages the server would have sent, to read verification codes. */
export function OutboxPage() {
  const { t } = useTranslation();
  const formatDate = useDateFormat();
  const outbox = useResource('outbox', listOutbox);
  return (
    <div className="page page--wide" data-testid="outbox-page">
      <PageHeading title={t('outbox.title')}>{t('outbox.heading')}</PageHeading>
      <p className="lead">{t('outbox.intro')}</p>
      <div className="actions">
        <button
          type="button"
          className="button button--secondary"
          data-testid="outbox-refresh"
          onClick={outbox.reload}
        >
          {t('outbox.refresh')}
        </button>
      </div>
      {outbox.status === 'loading' && <Loading />}
      {outbox.status === 'error' && (
        <LoadError
          error={outbox.error}
          onRetry={outbox.reload}
          overrides={{ not_found: 'outbox.unavailable' }}
        />
      )}
      {outbox.status === 'ready' && outbox.data.items.length === 0 && (
        <p data-testid="outbox-empty">{t('outbox.empty')}</p>
      )}
      {outbox.status === 'ready' && outbox.data.items.length > 0 && (
        <ol className="outbox" data-testid="outbox-list">
          {outbox.data.items.map((item) => (
            <li
              key={item.id}
              className="panel outbox__item"
              data-testid="outbox-row"
              data-template={item.template}
              data-to={item.to ?? ''}
            >
              <h2 className="outbox__subject">{item.subject}</h2>
              <dl className="facts facts--inline">
                <dt>{t('outbox.to')}</dt>
                <dd>{item.to ?? t('common.unknown')}</dd>
                <dt>{t('outbox.channel')}</dt>
                <dd>{t(`outbox.channelValue.${item.channel}`)}</dd>
                <dt>{t('outbox.template')}</dt>
                <dd>
                  <code>{item.template}</code>
                </dd>
                <dt>{t('outbox.status')}</dt>
                <dd>{t(`outbox.statusValue.${item.status}`)}</dd>
                <dt>{t('outbox.createdAt')}</dt>
                <dd>{formatDate(item.createdAt, true)}</dd>
              </dl>
              <pre className="outbox__text" data-testid="outbox-text">
                {item.text}
              </pre>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
