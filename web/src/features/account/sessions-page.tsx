import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError, Loading } from '../../components/load-state.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { useMessage } from '../../components/form.tsx';
import { useDateFormat } from '../../app/use-date-format.ts';
import type { Message } from '../../i18n/keys.ts';
import { messageForError } from '../../lib/form-errors.ts';
import { useResource } from '../../lib/use-resource.ts';
import { listSessions, revokeOtherSessions, revokeSession } from './account-api.ts';

export function SessionsPage() {
  const { t } = useTranslation();
  const say = useMessage();
  const formatDate = useDateFormat();
  const sessions = useResource('sessions', listSessions);
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<Message | null>(null);

  const run = (id: string, action: () => Promise<unknown>, done: Message) => {
    if (busy) return;
    setBusy(id);
    setMessage(null);
    action().then(
      () => {
        setBusy(null);
        setMessage(done);
        sessions.reload();
      },
      (error: unknown) => {
        setBusy(null);
        setMessage(messageForError(error));
      },
    );
  };

  return (
    <div className="page page--wide" data-testid="sessions-page">
      <PageHeading title={t('sessions.title')}>{t('sessions.heading')}</PageHeading>
      <p className="lead">{t('sessions.intro')}</p>
      <p className="status-line" role="status" data-testid="sessions-status">
        {message && say(message)}
      </p>
      {sessions.status === 'loading' && <Loading />}
      {sessions.status === 'error' && (
        <LoadError error={sessions.error} onRetry={sessions.reload} />
      )}
      {sessions.status === 'ready' && (
        <>
          <div className="table-wrap" role="region" aria-labelledby="sessions-caption" tabIndex={0}>
            <table className="table" data-testid="sessions-table">
              <caption id="sessions-caption" className="visually-hidden">
                {t('sessions.caption')}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('sessions.device')}</th>
                  <th scope="col">{t('sessions.ip')}</th>
                  <th scope="col">{t('sessions.createdAt')}</th>
                  <th scope="col">{t('sessions.lastSeenAt')}</th>
                  <th scope="col">{t('sessions.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {sessions.data.items.map((session) => (
                  <tr
                    key={session.id}
                    data-testid="session-row"
                    data-session-id={session.id}
                    data-current={session.current ? 'true' : 'false'}
                  >
                    <td className="cell-wide">
                      {session.userAgent ?? t('sessions.unknownDevice')}
                      {session.current && (
                        <>
                          {' '}
                          <span className="badge badge--strong">{t('sessions.current')}</span>
                        </>
                      )}
                    </td>
                    <td>{session.ip ?? t('common.unknown')}</td>
                    <td>{formatDate(session.createdAt)}</td>
                    <td>{formatDate(session.lastSeenAt)}</td>
                    <td>
                      {!session.current && (
                        <button
                          type="button"
                          className="button button--secondary button--small"
                          data-testid="session-revoke"
                          aria-disabled={busy !== null || undefined}
                          onClick={() => {
                            run(session.id, () => revokeSession(session.id), {
                              key: 'sessions.revoked',
                            });
                          }}
                        >
                          {busy === session.id ? t('form.working') : t('sessions.revoke')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {sessions.data.items.some((session) => !session.current) && (
            <div className="actions">
              <button
                type="button"
                className="button"
                data-testid="sessions-revoke-others"
                aria-disabled={busy !== null || undefined}
                onClick={() => {
                  run('others', revokeOtherSessions, { key: 'sessions.othersRevoked' });
                }}
              >
                {busy === 'others' ? t('form.working') : t('sessions.revokeOthers')}
              </button>
            </div>
          )}
        </>
      )}
    </div>
  );
}
