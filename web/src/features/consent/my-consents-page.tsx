import { REQUIRED_CONSENT_SCOPES } from '@anxin/common';
import type { Consent, ConsentScope, Guardianship } from '@anxin/common';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { Loaded } from '../../components/load-state.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { useShellData } from '../../app/shell-data.ts';
import { useResource } from '../../lib/use-resource.ts';
import { ActionOutcome, useActionState } from '../counselors/action-state.tsx';
import { getMyConsents, listGuardianships, withdrawConsent } from './consent-api.ts';
import { forgetPendingConsents } from './consent-gate.tsx';
import { GuardianSection } from './guardian-section.tsx';

/**
 * My consents (B3): what is active now, every decision before, and withdrawal — confirmed after
 * the consequences are said: future appointments cancelled free of charge, and for the service
 * or sensitive information a deletion request opened.
 */
export function MyConsentsPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const subject = params.get('subject') ?? undefined;
  const consents = useResource(`consents:${subject ?? ''}`, (signal) =>
    getMyConsents(subject, signal),
  );
  const links = useResource('guardianships', (signal) => listGuardianships(signal));
  const { actor } = useShellData();
  // Kept here: the list reloads after a withdrawal, and the outcome must stay said.
  const [result, setResult] = useState<Withdrawn | null>(null);
  return (
    <>
      <PageHeading title={t('consent.mine.title')}>{t('consent.mine.title')}</PageHeading>
      <p>
        <Link to={subject ? `/consent?subject=${subject}` : '/consent'}>
          {t('consent.mine.signLink')}
        </Link>
      </p>
      <Loaded resource={consents}>
        {(data) => (
          <>
            <Current
              items={data.current}
              subject={subject}
              onWithdrawn={(r) => {
                setResult(r);
                consents.reload();
              }}
            />
            <History items={data.history} />
          </>
        )}
      </Loaded>
      {result && (
        <p className="notice" role="status" data-testid="consent-withdrawn">
          {t('consent.mine.withdrawn', { count: result.cancelled })}
          {result.request && ` ${t('consent.mine.deletionOpened')}`}
        </p>
      )}
      <Loaded resource={links}>
        {(items: Guardianship[]) => (
          <GuardianSection items={items} userId={actor?.id ?? ''} onChanged={links.reload} />
        )}
      </Loaded>
    </>
  );
}

interface Withdrawn {
  cancelled: number;
  request: boolean;
}

const REQUIRED = new Set<ConsentScope>(REQUIRED_CONSENT_SCOPES);

function Current({
  items,
  subject,
  onWithdrawn,
}: {
  items: Consent[];
  subject: string | undefined;
  onWithdrawn: (result: Withdrawn) => void;
}) {
  const { t } = useTranslation();
  const action = useActionState();
  const [confirming, setConfirming] = useState<ConsentScope | null>(null);
  return (
    <section className="panel" data-testid="consents-current">
      <h2>{t('consent.mine.current')}</h2>
      {items.length === 0 && <p>{t('consent.mine.noneActive')}</p>}
      <ul>
        {items.map((c) => (
          <li key={c.id} data-testid={`consent-active-${c.scope}`}>
            <strong>{t(`consent.scope.${c.scope}.label`)}</strong>{' '}
            {t('consent.mine.since', {
              date: c.decidedAt.slice(0, 10),
              version: c.documentVersion ?? '',
            })}{' '}
            {confirming !== c.scope && (
              <button
                type="button"
                className="button button--secondary button--small"
                data-testid={`consent-withdraw-${c.scope}`}
                onClick={() => {
                  setConfirming(c.scope);
                }}
              >
                {t('consent.mine.withdraw')}
              </button>
            )}
            {confirming === c.scope && (
              <div
                className="panel panel--danger"
                role="alertdialog"
                aria-labelledby={`w-${c.scope}`}
              >
                <p id={`w-${c.scope}`} data-testid="consent-withdraw-consequences">
                  {REQUIRED.has(c.scope)
                    ? t('consent.mine.consequencesRequired')
                    : t('consent.mine.consequencesOptional')}
                </p>
                <button
                  type="button"
                  className="button button--danger"
                  data-testid="consent-withdraw-confirm"
                  disabled={action.busy !== null}
                  onClick={() => {
                    action.run('withdraw', async () => {
                      const r = await withdrawConsent(c.scope, subject);
                      forgetPendingConsents();
                      setConfirming(null);
                      onWithdrawn({
                        cancelled: r.cancelledAppointments,
                        request: r.privacyRequestId !== null,
                      });
                    });
                  }}
                >
                  {t('consent.mine.confirmWithdraw')}
                </button>{' '}
                <button
                  type="button"
                  className="button button--secondary"
                  onClick={() => {
                    setConfirming(null);
                  }}
                >
                  {t('common.cancel')}
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
      <ActionOutcome state={action} testId="consent-withdraw" />
    </section>
  );
}

function History({ items }: { items: Consent[] }) {
  const { t } = useTranslation();
  return (
    <section className="panel">
      <h2>{t('consent.mine.history')}</h2>
      <table className="data-table" data-testid="consents-history">
        <thead>
          <tr>
            <th scope="col">{t('consent.mine.col.scope')}</th>
            <th scope="col">{t('consent.mine.col.status')}</th>
            <th scope="col">{t('consent.mine.col.decided')}</th>
            <th scope="col">{t('consent.mine.col.version')}</th>
            <th scope="col">{t('consent.mine.col.signer')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((c) => (
            <tr key={c.id}>
              <td>{t(`consent.scope.${c.scope}.label`)}</td>
              <td>
                {c.withdrawnAt ? t('consent.status.withdrawn') : t(`consent.status.${c.status}`)}
              </td>
              <td>{c.decidedAt.slice(0, 16).replace('T', ' ')}</td>
              <td>{c.documentVersion ?? ''}</td>
              <td>{t(`consent.signer.${c.signer}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
