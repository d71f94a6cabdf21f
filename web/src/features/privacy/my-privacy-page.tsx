import {
  PRIVACY_REQUEST_KIND_NAMES,
  privacyRequestCreateSchema,
  type AccessLogEntry,
  type PrivacyRequest,
  type PrivacyRequestKind,
} from '@anxin/common';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDateFormat } from '../../app/use-date-format.ts';
import { SelectField } from '../../components/choice-fields.tsx';
import { DataTable } from '../../components/data-table.tsx';
import { TextField, useMessage } from '../../components/form.tsx';
import { FormPanel } from '../../components/form-panel.tsx';
import { Loaded } from '../../components/load-state.tsx';
import { PageFrame } from '../../components/page-frame.tsx';
import type { Message } from '../../i18n/keys.ts';
import { messageForError, validateBody } from '../../lib/form-errors.ts';
import { useForm } from '../../lib/use-form.ts';
import { useResource } from '../../lib/use-resource.ts';
import {
  EXPORT_HTML_HREF,
  EXPORT_JSON_HREF,
  createRequest,
  getAccessLog,
  listMyRequests,
} from './privacy-api.ts';
import { DueDate, StatusBadge } from './request-parts.tsx';

/**
 * My privacy (B3, B11): download everything held about me, my requests with their due dates and
 * answers, a new request, and who accessed my records. Consents have their own page.
 */
export function MyPrivacyPage() {
  const { t } = useTranslation();
  const requests = useResource('privacy-requests-mine', listMyRequests);
  return (
    <PageFrame
      testId="my-privacy-page"
      width="wide"
      title={t('privacy.title')}
      lead={t('privacy.lead')}
    >
      <p>
        <Link to="/consent/mine" data-testid="privacy-consents-link">
          {t('privacy.consentsLink')}
        </Link>
      </p>
      <section className="panel" aria-labelledby="privacy-download">
        <h2 id="privacy-download">{t('privacy.download.heading')}</h2>
        <p>{t('privacy.download.intro')}</p>
        <div className="actions">
          <a
            className="button"
            href={EXPORT_HTML_HREF}
            download
            data-testid="privacy-download-html"
          >
            {t('privacy.download.html')}
          </a>
          <a
            className="button button--secondary"
            href={EXPORT_JSON_HREF}
            download
            data-testid="privacy-download-json"
          >
            {t('privacy.download.json')}
          </a>
        </div>
      </section>
      <section className="panel" aria-labelledby="privacy-requests">
        <h2 id="privacy-requests">{t('privacy.requests.heading')}</h2>
        <Loaded resource={requests}>{({ items }) => <MyRequests items={items} />}</Loaded>
      </section>
      <NewRequestForm onCreated={requests.reload} />
      <AccessLog />
    </PageFrame>
  );
}

function MyRequests({ items }: { items: readonly PrivacyRequest[] }) {
  const { t } = useTranslation();
  const formatDate = useDateFormat();
  if (items.length === 0)
    return <p data-testid="privacy-requests-empty">{t('privacy.requests.empty')}</p>;
  return (
    <ul className="card-list" data-testid="privacy-requests-list">
      {items.map((r) => (
        <li key={r.id} className="card card--plain" data-testid="privacy-request">
          <dl className="facts">
            <dt>{t('privacy.requests.kind')}</dt>
            <dd>{t(`privacy.kinds.${r.kind}`)}</dd>
            <dt>{t('privacy.requests.status')}</dt>
            <dd>
              <StatusBadge request={r} />
            </dd>
            <dt>{t('privacy.requests.receivedAt')}</dt>
            <dd>{formatDate(r.receivedAt)}</dd>
            <dt>{t('privacy.requests.dueAt')}</dt>
            <dd>
              <DueDate request={r} testId={`privacy-due-${r.id}`} />
            </dd>
            {r.detail && (
              <>
                <dt>{t('privacy.requests.detail')}</dt>
                <dd className="outbox__text">{r.detail}</dd>
              </>
            )}
            <dt>{t('privacy.requests.answer')}</dt>
            <dd className="outbox__text" data-testid={`privacy-answer-${r.id}`}>
              {r.answer ?? t('privacy.requests.noAnswer')}
            </dd>
          </dl>
        </li>
      ))}
    </ul>
  );
}

const FIELDS = ['kind', 'detail'] as const;
type Values = Readonly<Record<(typeof FIELDS)[number], string>>;
const bodyOf = (v: Values) => ({
  kind: v.kind as PrivacyRequestKind,
  ...(v.detail.trim() ? { detail: v.detail.trim() } : {}),
});

function NewRequestForm({ onCreated }: { onCreated: () => void }) {
  const { t } = useTranslation();
  const say = useMessage();
  const formatDate = useDateFormat();
  const [done, setDone] = useState<Message | null>(null);
  const form = useForm('privacy-request', FIELDS, { kind: 'access' });
  const submit = form.onSubmit(
    async (values) => {
      setDone(null);
      const created = await createRequest(bodyOf(values));
      setDone({ key: 'privacy.form.created', values: { due: formatDate(created.dueAt) } });
      form.reset({ kind: 'access' });
      onCreated();
    },
    { validate: (values) => validateBody(privacyRequestCreateSchema, bodyOf(values)) },
  );
  return (
    <FormPanel
      form={form}
      onSubmit={submit}
      heading={t('privacy.form.heading')}
      intro={<p>{t('privacy.form.intro')}</p>}
      submitLabel={t('privacy.form.submit')}
      status={done && say(done)}
      statusTestId="privacy-request-status"
    >
      <SelectField
        form={form}
        name="kind"
        label={t('privacy.form.kind')}
        options={PRIVACY_REQUEST_KIND_NAMES.map((k) => ({
          value: k,
          label: t(`privacy.kinds.${k}`),
        }))}
        required
      />
      <TextField
        form={form}
        name="detail"
        label={t('privacy.form.detail')}
        hint={t('privacy.form.detailHint')}
        multiline
        maxLength={4000}
      />
    </FormPanel>
  );
}

/** Who accessed my records, newest first, twenty at a time. */
function AccessLog() {
  const { t } = useTranslation();
  const say = useMessage();
  const formatDate = useDateFormat();
  const first = useResource('privacy-access-log', (signal) => getAccessLog(null, signal));
  const [more, setMore] = useState<{ items: AccessLogEntry[]; nextBefore: number | null } | null>(
    null,
  );
  const [error, setError] = useState<Message | null>(null);
  const who = (e: AccessLogEntry) => {
    if (e.self) return t('privacy.accessLog.self');
    if (!e.actorRole) return t('privacy.accessLog.system');
    const role = t(`roles.${e.actorRole}` as 'roles.client');
    return e.actorName ? t('privacy.accessLog.staff', { name: e.actorName, role }) : role;
  };
  return (
    <section className="panel" aria-labelledby="privacy-access-log">
      <h2 id="privacy-access-log">{t('privacy.accessLog.heading')}</h2>
      <p>{t('privacy.accessLog.intro')}</p>
      <Loaded resource={first}>
        {(page) => {
          const items = [...page.items, ...(more?.items ?? [])];
          const next = more ? more.nextBefore : page.nextBefore;
          if (items.length === 0) return <p>{t('privacy.accessLog.empty')}</p>;
          return (
            <>
              <DataTable
                testId="privacy-access-log-table"
                caption={t('privacy.accessLog.caption')}
                columns={[
                  t('privacy.accessLog.at'),
                  t('privacy.accessLog.who'),
                  t('privacy.accessLog.action'),
                  t('privacy.accessLog.record'),
                ]}
              >
                {items.map((e) => (
                  <tr key={e.id} data-testid="privacy-access-entry">
                    <td>{formatDate(e.at)}</td>
                    <td>{who(e)}</td>
                    <td>
                      <code>{e.action}</code>
                    </td>
                    <td>
                      <code>{e.entityType}</code>
                    </td>
                  </tr>
                ))}
              </DataTable>
              {next !== null && (
                <button
                  type="button"
                  className="button button--secondary"
                  data-testid="privacy-access-more"
                  onClick={() => {
                    setError(null);
                    getAccessLog(next).then(
                      (p) => {
                        setMore({
                          items: [...(more?.items ?? []), ...p.items],
                          nextBefore: p.nextBefore,
                        });
                      },
                      (err: unknown) => {
                        setError(messageForError(err));
                      },
                    );
                  }}
                >
                  {t('privacy.accessLog.more')}
                </button>
              )}
              <p className="status-line" role="status">
                {error && say(error)}
              </p>
            </>
          );
        }}
      </Loaded>
    </section>
  );
}
