import { REQUIRED_CONSENT_SCOPES, type ConsentScope, type PendingConsentList } from '@anxin/common';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { Loaded } from '../../components/load-state.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { safeNext } from '../../app/route-guard.ts';
import { useResource } from '../../lib/use-resource.ts';
import { ActionOutcome, useActionState } from '../counselors/action-state.tsx';
import { getPendingConsents, signConsents, type Decision } from './consent-api.ts';
import { forgetPendingConsents } from './consent-gate.tsx';
import { DocumentText } from './document-text.tsx';
import { SCOPE_DOCUMENT, SCOPES } from './scopes.ts';

/**
 * Reading and signing (A12, B3, B4): the documents in force in full, then one checkbox per scope,
 * none ticked beforehand. The two required scopes are separate boxes (the sensitive-information
 * consent is its own, PIPL art. 29); recording and statistics are optional. A guardian signs
 * for their ward through `?subject=`.
 */
export function ConsentSignPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const subject = params.get('subject') ?? undefined;
  const pending = useResource(`consent-pending:${subject ?? ''}`, (signal) =>
    getPendingConsents(subject, signal),
  );
  return (
    <>
      <PageHeading title={t('consent.sign.title')}>{t('consent.sign.title')}</PageHeading>
      <p>{subject ? t('consent.sign.leadGuardian') : t('consent.sign.lead')}</p>
      <Loaded resource={pending}>
        {(data) => <SignForm data={data} subject={subject} next={safeNext(params.get('next'))} />}
      </Loaded>
    </>
  );
}

function SignForm({
  data,
  subject,
  next,
}: {
  data: PendingConsentList;
  subject: string | undefined;
  next: string | null;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const action = useActionState();
  const errorId = useId();
  const [ticked, setTicked] = useState<Partial<Record<ConsentScope, boolean>>>({});
  const [missing, setMissing] = useState(false);
  const docOf = (scope: ConsentScope) =>
    data.documents.find((d) => d.kind === SCOPE_DOCUMENT[scope]);
  const shown = ['informed_consent', 'privacy_notice', 'platform_rules'] as const;
  const required: readonly ConsentScope[] = REQUIRED_CONSENT_SCOPES;

  const submit = () => {
    if (required.some((s) => !ticked[s])) {
      setMissing(true);
      return;
    }
    setMissing(false);
    const decisions: Decision[] = SCOPES.filter((s) => ticked[s]).flatMap((scope) => {
      const doc = docOf(scope);
      return doc ? [{ scope, granted: true, documentId: doc.id }] : [];
    });
    action.run('sign', async () => {
      await signConsents(decisions, subject);
      forgetPendingConsents();
      await navigate(next ?? '/consent/mine');
    });
  };

  return (
    <>
      {data.items.length === 0 && (
        <p data-testid="consent-none-pending">{t('consent.sign.nothingPending')}</p>
      )}
      {data.items.some((i) => i.reason === 'new_version') && (
        <p className="panel panel--important" data-testid="consent-new-version">
          {t('consent.sign.newVersion')}
        </p>
      )}
      {shown.map((kind) => {
        const doc = data.documents.find((d) => d.kind === kind);
        return doc ? <DocumentText key={kind} doc={doc} /> : null;
      })}
      <form
        className="panel"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <fieldset className="fieldset">
          <legend>{t('consent.sign.decisions')}</legend>
          {SCOPES.map((scope) => {
            const isRequired = required.includes(scope);
            const id = `consent-scope-${scope}`;
            return (
              <div className="field" key={scope}>
                <div className="checkbox">
                  <input
                    id={id}
                    type="checkbox"
                    checked={ticked[scope] === true}
                    aria-describedby={`${id}-hint`}
                    aria-invalid={missing && isRequired && !ticked[scope] ? true : undefined}
                    data-testid={id}
                    onChange={(event) => {
                      setTicked((current) => ({ ...current, [scope]: event.target.checked }));
                    }}
                  />
                  <label htmlFor={id}>
                    {t(`consent.scope.${scope}.label`)}{' '}
                    <span className="badge">
                      {isRequired ? t('consent.sign.required') : t('consent.sign.optional')}
                    </span>
                  </label>
                </div>
                <p className="field__hint" id={`${id}-hint`}>
                  {t(`consent.scope.${scope}.hint`)}
                </p>
              </div>
            );
          })}
        </fieldset>
        {missing && (
          <p className="form-alert" role="alert" id={errorId} data-testid="consent-missing">
            {t('consent.sign.requiredMissing')}
          </p>
        )}
        <button
          type="submit"
          className="button"
          data-testid="consent-submit"
          disabled={action.busy !== null}
        >
          {t('consent.sign.submit')}
        </button>
        <ActionOutcome state={action} testId="consent-sign" />
      </form>
    </>
  );
}
