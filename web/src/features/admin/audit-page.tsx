import { auditQuerySchema } from '@anxin/common';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { Form, SubmitButton, TextField, useMessage } from '../../components/form.tsx';
import { LoadError, Loading } from '../../components/load-state.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { isRole } from '../../components/role-list.tsx';
import { useDateFormat } from '../../app/use-date-format.ts';
import { useShellData } from '../../app/shell-data.ts';
import { validateBody } from '../../lib/form-errors.ts';
import { omitEmpty, useForm } from '../../lib/use-form.ts';
import { usePaged } from '../../lib/use-paged.ts';
import { listAuditEvents, type AuditFilters } from './admin-api.ts';
import {
  AUDIT_FILTERS,
  changeLines,
  filtersFromParams,
  paramsFromFilters,
  type ChangeLine,
} from './audit-format.ts';

const PAGE_SIZE = 50;

type AuditEvent = Awaited<ReturnType<typeof listAuditEvents>>['items'][number];

export function AuditPage() {
  const { t } = useTranslation();
  const say = useMessage();
  const [params, setParams] = useSearchParams();
  const filters = filtersFromParams(params);
  const key = new URLSearchParams(paramsFromFilters(filters)).toString();
  const events = usePaged(`audit:${key}`, async (beforeSeq: number | null, signal) => {
    const page = await listAuditEvents(
      { ...filters, ...(beforeSeq === null ? {} : { beforeSeq }), limit: PAGE_SIZE },
      signal,
    );
    return { items: page.items, next: page.nextBeforeSeq };
  });

  return (
    <div className="page page--full" data-testid="audit-page">
      <PageHeading title={t('audit.title')}>{t('audit.heading')}</PageHeading>
      <p className="lead">{t('audit.intro')}</p>
      <AuditFilterForm
        key={key}
        filters={filters}
        onApply={(next) => {
          setParams(paramsFromFilters(next));
        }}
      />
      {events.status === 'loading' && <Loading />}
      {events.status === 'error' && <LoadError error={events.error} onRetry={events.reload} />}
      {events.status === 'ready' && (
        <>
          <p role="status" className="status-line" data-testid="audit-count">
            {t('audit.count', { count: events.data.length })}
          </p>
          {events.data.length > 0 && <AuditTable events={events.data} />}
          {events.moreError && (
            <p className="form-alert" role="alert">
              {say(events.moreError)}
            </p>
          )}
          {events.hasMore && (
            <div className="actions">
              <button
                type="button"
                className="button button--secondary"
                data-testid="audit-load-older"
                aria-disabled={events.loadingMore || undefined}
                onClick={events.loadMore}
              >
                {events.loadingMore ? t('form.working') : t('audit.loadOlder')}
              </button>
            </div>
          )}
        </>
      )}
    </div>
  );
}

interface AuditFilterFormProps {
  filters: AuditFilters;
  onApply: (filters: AuditFilters) => void;
}

function AuditFilterForm({ filters, onApply }: AuditFilterFormProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const form = useForm('audit-filter', AUDIT_FILTERS, filters);
  const onSubmit = form.onSubmit(
    async (values) => {
      onApply(omitEmpty({ ...values }));
    },
    { validate: (values) => validateBody(auditQuerySchema, omitEmpty({ ...values })) },
  );
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('audit.filterHeading')}</h2>
      <Form form={form} onSubmit={onSubmit} labelledBy={headingId} className="form--grid">
        <TextField
          form={form}
          name="subjectId"
          label={t('audit.subjectId')}
          hint={t('audit.idHint')}
          autoComplete="off"
          maxLength={36}
        />
        <TextField
          form={form}
          name="actorId"
          label={t('audit.actorId')}
          hint={t('audit.idHint')}
          autoComplete="off"
          maxLength={36}
        />
        <TextField
          form={form}
          name="entityType"
          label={t('audit.entityType')}
          autoComplete="off"
          maxLength={64}
        />
        <TextField
          form={form}
          name="entityId"
          label={t('audit.entityId')}
          autoComplete="off"
          maxLength={64}
        />
        <TextField
          form={form}
          name="action"
          label={t('audit.action')}
          hint={t('audit.actionHint')}
          autoComplete="off"
          maxLength={64}
        />
        <div className="actions">
          <SubmitButton form={form}>{t('audit.apply')}</SubmitButton>
          <button
            type="button"
            className="button button--secondary"
            data-testid="audit-filter-clear"
            onClick={() => {
              form.reset();
              onApply({});
            }}
          >
            {t('audit.clear')}
          </button>
        </div>
      </Form>
    </section>
  );
}

function AuditTable({ events }: { events: readonly AuditEvent[] }) {
  const { t } = useTranslation();
  const { meta } = useShellData();
  const formatDate = useDateFormat();
  const timeZone = meta?.organization?.timeZone;
  return (
    <div className="table-wrap" role="region" aria-labelledby="audit-caption" tabIndex={0}>
      <table className="table table--dense" data-testid="audit-table">
        <caption id="audit-caption" className="visually-hidden">
          {t('audit.caption')}
        </caption>
        <thead>
          <tr>
            <th scope="col">
              {timeZone ? t('audit.timeIn', { zone: timeZone }) : t('audit.time')}
            </th>
            <th scope="col">{t('audit.actor')}</th>
            <th scope="col">{t('audit.action')}</th>
            <th scope="col">{t('audit.entity')}</th>
            <th scope="col">{t('audit.subject')}</th>
            <th scope="col">{t('audit.requestId')}</th>
            <th scope="col">{t('audit.ip')}</th>
            <th scope="col">{t('audit.reason')}</th>
            <th scope="col">{t('audit.changes')}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr
              key={event.id}
              data-testid="audit-row"
              data-seq={event.seq}
              data-action={event.action}
            >
              <td className="nowrap">{formatDate(event.createdAt, true)}</td>
              <td>
                {event.actorName ?? t('audit.system')}
                {event.actorRole && (
                  <span className="cell-note">
                    {isRole(event.actorRole) ? t(`roles.${event.actorRole}`) : event.actorRole}
                  </span>
                )}
              </td>
              <td className="nowrap">
                <code>{event.action}</code>
              </td>
              <td>
                {event.entityType}
                {event.entityId && <code className="cell-note">{event.entityId}</code>}
              </td>
              <td>
                {event.subjectId ? (
                  <Link to={`/admin/users/${event.subjectId}`} className="id">
                    {event.subjectId}
                  </Link>
                ) : (
                  t('audit.empty')
                )}
              </td>
              <td>{event.requestId ? <code>{event.requestId}</code> : t('audit.empty')}</td>
              <td>{event.ip ?? t('audit.empty')}</td>
              <td>{event.reason ?? t('audit.empty')}</td>
              <td>
                <Changes lines={changeLines(event.changes)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Changes({ lines }: { lines: readonly ChangeLine[] }) {
  const { t } = useTranslation();
  if (lines.length === 0) return <>{t('audit.empty')}</>;
  return (
    <ul className="changes" data-testid="audit-changes">
      {lines.map((line) => (
        <li key={line.field}>
          <code>{line.field}</code>:{' '}
          <span className="change-old">{line.old ?? t('audit.none')}</span>
          <span aria-hidden="true"> → </span>
          <span className="visually-hidden"> {t('audit.becomes')} </span>
          <span className="change-new">{line.new ?? t('audit.none')}</span>
        </li>
      ))}
    </ul>
  );
}
