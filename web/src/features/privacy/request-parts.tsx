import type { PrivacyRequest } from '@anxin/common';
import { useTranslation } from 'react-i18next';
import { useDateFormat } from '../../app/use-date-format.ts';

/** A request's due date; an open request past it is marked overdue in words, not colour alone. */
export function DueDate({ request, testId }: { request: PrivacyRequest; testId: string }) {
  const { t } = useTranslation();
  const formatDate = useDateFormat();
  return (
    <span data-testid={testId}>
      <time dateTime={request.dueAt}>{formatDate(request.dueAt)}</time>
      {request.overdue && (
        <>
          {' '}
          <span className="status status--bad" data-testid={`${testId}-overdue`}>
            {t('privacy.requests.overdue')}
          </span>
        </>
      )}
    </span>
  );
}

export function StatusBadge({ request }: { request: PrivacyRequest }) {
  const { t } = useTranslation();
  const tone =
    request.status === 'completed'
      ? 'status--good'
      : request.status === 'rejected'
        ? 'status--bad'
        : 'status--act';
  return (
    <span className={`status ${tone}`} data-testid={`privacy-status-${request.id}`}>
      {t(`privacy.statuses.${request.status}`)}
    </span>
  );
}

/** A deletion certificate, shown as indented JSON: its categories and dates, no content. */
export function Certificate({ value }: { value: unknown }) {
  const { t } = useTranslation();
  if (value === null || value === undefined) return null;
  return (
    <section className="panel" aria-labelledby="privacy-certificate">
      <h2 id="privacy-certificate">{t('privacyAdmin.detail.certificate')}</h2>
      <pre className="outbox__text" data-testid="privacy-certificate">
        {JSON.stringify(value, null, 2)}
      </pre>
    </section>
  );
}
