import { mfaChallengeRequestSchema } from '@anxin/common';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Form, SubmitButton, TextField } from '../../components/form.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { useShellData } from '../../app/shell-data.ts';
import { validateBody } from '../../lib/form-errors.ts';
import { useForm } from '../../lib/use-form.ts';
import { answerMfa } from './auth-api.ts';

const FIELDS = ['code', 'backupCode'] as const;

export function MfaChallengePage() {
  const { t } = useTranslation();
  const { setActor } = useShellData();
  const [useBackup, setUseBackup] = useState(false);
  const form = useForm('mfa', FIELDS);
  const answer = (values: Readonly<Record<(typeof FIELDS)[number], string>>) =>
    useBackup ? { backupCode: values.backupCode.trim() } : { code: values.code.trim() };

  // Success replaces the actor; the route guard then continues to where the person was going.
  const onSubmit = form.onSubmit(
    async (values) => {
      setActor(await answerMfa(answer(values)));
    },
    { validate: (values) => validateBody(mfaChallengeRequestSchema, answer(values)) },
  );

  return (
    <div className="page page--narrow" data-testid="mfa-page">
      <PageHeading title={t('mfa.title')}>{t('mfa.heading')}</PageHeading>
      <p className="lead">{useBackup ? t('mfa.backupIntro') : t('mfa.intro')}</p>
      <Form form={form} onSubmit={onSubmit}>
        {useBackup ? (
          <TextField
            form={form}
            name="backupCode"
            label={t('fields.backupCode')}
            hint={t('mfa.backupHint')}
            autoComplete="one-time-code"
            maxLength={20}
            required
          />
        ) : (
          <TextField
            form={form}
            name="code"
            label={t('fields.totpCode')}
            hint={t('mfa.codeHint')}
            autoComplete="one-time-code"
            inputMode="numeric"
            maxLength={6}
            required
          />
        )}
        <div className="actions">
          <SubmitButton form={form}>{t('mfa.submit')}</SubmitButton>
          <button
            type="button"
            className="button button--secondary"
            data-testid="mfa-toggle-backup"
            onClick={() => {
              form.reset();
              setUseBackup((current) => !current);
            }}
          >
            {useBackup ? t('mfa.useApp') : t('mfa.useBackup')}
          </button>
        </div>
      </Form>
      <p className="note">{t('mfa.lostDevice')}</p>
    </div>
  );
}
