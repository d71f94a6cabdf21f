import type { PrivacyRequest } from '@anxin/common';
import { privacyRequestAnswerSchema } from '@anxin/common';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useShellData } from '../../app/shell-data.ts';
import { useDateFormat } from '../../app/use-date-format.ts';
import { TextField, useMessage } from '../../components/form.tsx';
import { FormPanel } from '../../components/form-panel.tsx';
import { Loaded } from '../../components/load-state.tsx';
import { PageFrame } from '../../components/page-frame.tsx';
import type { Message } from '../../i18n/keys.ts';
import { messageForError, validateBody } from '../../lib/form-errors.ts';
import { useForm } from '../../lib/use-form.ts';
import { useResource } from '../../lib/use-resource.ts';
import {
  answerRequest,
  assignRequest,
  eraseForRequest,
  getRequest,
  transitionRequest,
} from './privacy-api.ts';
import { Certificate, DueDate, StatusBadge } from './request-parts.tsx';

/** One request for its handler: facts, the person's words, answer, state changes, erasure. */
export function PrivacyRequestPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const request = useResource(`privacy-request-${id}`, (signal) => getRequest(id, signal));
  return (
    <PageFrame testId="privacy-request-page" width="wide" title={t('privacyAdmin.detail.title')}>
      <p>
        <Link to="/admin/privacy-requests">{t('privacyAdmin.detail.back')}</Link>
      </p>
      <Loaded resource={request}>
        {(data) => (
          <RequestView request={data} onChange={request.replace} reload={request.reload} />
        )}
      </Loaded>
    </PageFrame>
  );
}

const open = (r: PrivacyRequest) => r.status === 'received' || r.status === 'in_progress';
/** Deletions (and withdrawals that end in one) are completed by the erasure, not a click. */
const erasable = (r: PrivacyRequest) => r.kind === 'deletion' || r.kind === 'withdrawal';

function RequestView({
  request,
  onChange,
  reload,
}: {
  request: PrivacyRequest;
  onChange: (r: PrivacyRequest) => void;
  reload: () => void;
}) {
  const { t } = useTranslation();
  const say = useMessage();
  const formatDate = useDateFormat();
  const { actor } = useShellData();
  const [message, setMessage] = useState<Message | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmErase, setConfirmErase] = useState(false);

  const run = <T,>(work: () => Promise<T>, done: (value: T) => void) => {
    if (busy) return;
    setBusy(true);
    setMessage(null);
    work().then(
      (value) => {
        setBusy(false);
        done(value);
      },
      (error: unknown) => {
        setBusy(false);
        setMessage(messageForError(error));
      },
    );
  };
  const changed = (next: PrivacyRequest) => {
    onChange(next);
    setMessage({
      key: 'privacyAdmin.detail.moved',
      values: { status: t(`privacy.statuses.${next.status}`) },
    });
  };
  const isOpen = open(request);
  return (
    <>
      <section className="panel" aria-labelledby="privacy-request-facts">
        <h2 id="privacy-request-facts">{request.subjectName ?? request.subjectUserId}</h2>
        <dl className="facts">
          <dt>{t('privacyAdmin.detail.kind')}</dt>
          <dd data-testid="privacy-request-kind">{t(`privacy.kinds.${request.kind}`)}</dd>
          {request.scope && (
            <>
              <dt>{t('privacyAdmin.detail.scope')}</dt>
              <dd>{request.scope}</dd>
            </>
          )}
          <dt>{t('privacyAdmin.detail.status')}</dt>
          <dd>
            <StatusBadge request={request} />
          </dd>
          <dt>{t('privacyAdmin.detail.receivedAt')}</dt>
          <dd>{formatDate(request.receivedAt)}</dd>
          <dt>{t('privacyAdmin.detail.dueAt')}</dt>
          <dd>
            <DueDate request={request} testId="privacy-request-due" />
          </dd>
          {request.completedAt && (
            <>
              <dt>{t('privacyAdmin.detail.completedAt')}</dt>
              <dd>{formatDate(request.completedAt)}</dd>
            </>
          )}
          <dt>{t('privacyAdmin.detail.handler')}</dt>
          <dd data-testid="privacy-request-handler">
            {request.handlerName ?? t('privacyAdmin.queue.unassigned')}
          </dd>
          <dt>{t('privacyAdmin.detail.detail')}</dt>
          <dd className="outbox__text" data-testid="privacy-request-detail">
            {request.detail ?? t('privacyAdmin.detail.noDetail')}
          </dd>
          <dt>{t('privacyAdmin.detail.answer')}</dt>
          <dd className="outbox__text" data-testid="privacy-request-answer">
            {request.answer ?? t('privacyAdmin.detail.noAnswer')}
          </dd>
        </dl>
        {isOpen && (
          <div className="actions">
            {actor && request.handlerUserId !== actor.id && (
              <button
                type="button"
                className="button button--secondary"
                data-testid="privacy-assign-me"
                onClick={() => {
                  run(
                    () => assignRequest(request.id, actor.id),
                    (next) => {
                      onChange(next);
                      setMessage({ key: 'privacyAdmin.detail.assigned' });
                    },
                  );
                }}
              >
                {t('privacyAdmin.detail.assignMe')}
              </button>
            )}
            {request.status === 'received' && (
              <button
                type="button"
                className="button button--secondary"
                data-testid="privacy-start"
                onClick={() => {
                  run(() => transitionRequest(request.id, 'start'), changed);
                }}
              >
                {t('privacyAdmin.detail.events.start')}
              </button>
            )}
            {request.kind !== 'deletion' && (
              <button
                type="button"
                className="button"
                data-testid="privacy-complete"
                onClick={() => {
                  run(() => transitionRequest(request.id, 'complete'), changed);
                }}
              >
                {t('privacyAdmin.detail.events.complete')}
              </button>
            )}
          </div>
        )}
        <p className="status-line" role="status" data-testid="privacy-request-message">
          {message && say(message)}
        </p>
      </section>
      {isOpen && erasable(request) && actor?.abilities.includes('privacy.erase') && (
        <section className="panel" aria-labelledby="privacy-erase">
          <h2 id="privacy-erase">{t('privacyAdmin.detail.erase')}</h2>
          <p>{t('privacyAdmin.detail.eraseIntro')}</p>
          {confirmErase ? (
            <div className="actions">
              <p>{t('privacyAdmin.detail.eraseConfirm')}</p>
              <button
                type="button"
                className="button"
                data-testid="privacy-erase-confirm"
                onClick={() => {
                  run(
                    () => eraseForRequest(request.id),
                    () => {
                      setConfirmErase(false);
                      setMessage({ key: 'privacyAdmin.detail.erased' });
                      reload();
                    },
                  );
                }}
              >
                {t('privacyAdmin.detail.eraseConfirmButton')}
              </button>
              <button
                type="button"
                className="button button--secondary"
                onClick={() => {
                  setConfirmErase(false);
                }}
              >
                {t('common.cancel')}
              </button>
            </div>
          ) : (
            <button
              type="button"
              className="button"
              data-testid="privacy-erase"
              onClick={() => {
                setConfirmErase(true);
              }}
            >
              {t('privacyAdmin.detail.erase')}
            </button>
          )}
        </section>
      )}
      {isOpen && <AnswerForm request={request} onChange={onChange} />}
      {isOpen && <RejectForm request={request} onChange={changed} />}
      <Certificate value={request.certificate} />
    </>
  );
}

function AnswerForm({
  request,
  onChange,
}: {
  request: PrivacyRequest;
  onChange: (r: PrivacyRequest) => void;
}) {
  const { t } = useTranslation();
  const say = useMessage();
  const [done, setDone] = useState<Message | null>(null);
  const form = useForm('privacy-answer', ['answer'] as const, { answer: request.answer ?? '' });
  const submit = form.onSubmit(
    async (values) => {
      setDone(null);
      onChange(await answerRequest(request.id, values.answer.trim()));
      setDone({ key: 'privacyAdmin.detail.answerSaved' });
    },
    {
      validate: (values) =>
        validateBody(privacyRequestAnswerSchema, { answer: values.answer.trim() }),
    },
  );
  return (
    <FormPanel
      form={form}
      onSubmit={submit}
      heading={t('privacyAdmin.detail.answerHeading')}
      submitLabel={t('privacyAdmin.detail.answerSubmit')}
      status={done && say(done)}
      statusTestId="privacy-answer-status"
    >
      <TextField
        form={form}
        name="answer"
        label={t('privacyAdmin.detail.answerLabel')}
        hint={t('privacyAdmin.detail.answerHint')}
        multiline
        maxLength={8000}
        required
      />
    </FormPanel>
  );
}

function RejectForm({
  request,
  onChange,
}: {
  request: PrivacyRequest;
  onChange: (r: PrivacyRequest) => void;
}) {
  const { t } = useTranslation();
  const form = useForm('privacy-reject', ['reason'] as const);
  const submit = form.onSubmit(
    async (values) => {
      onChange(await transitionRequest(request.id, 'reject', values.reason.trim()));
    },
    {
      validate: (values) =>
        values.reason.trim() ? [] : [{ path: 'body.reason', code: 'required' }],
    },
  );
  return (
    <FormPanel
      form={form}
      onSubmit={submit}
      heading={t('privacyAdmin.detail.rejectHeading')}
      submitLabel={t('privacyAdmin.detail.rejectSubmit')}
    >
      <TextField
        form={form}
        name="reason"
        label={t('privacyAdmin.detail.rejectLabel')}
        hint={t('privacyAdmin.detail.rejectHint')}
        multiline
        maxLength={8000}
        required
      />
    </FormPanel>
  );
}
