import { totpConfirmRequestSchema } from '@anxin/common';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Form, SubmitButton, TextField } from '../../components/form.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { useShellData } from '../../app/shell-data.ts';
import { validateBody } from '../../lib/form-errors.ts';
import { qrDataUrl } from '../../lib/qr.ts';
import { useForm } from '../../lib/use-form.ts';
import { confirmTotp, startTotp } from '../account/account-api.ts';
import { BackupCodes } from '../account/backup-codes.tsx';

type Stage =
  | { step: 'intro' }
  | { step: 'scan'; secret: string; qr: string }
  | { step: 'codes'; backupCodes: string[] };

/**
 * Enrolment in three steps: start (an explicit click, so a double render never asks the server
 * for two secrets), scan and confirm with a first code, then the backup codes, shown once.
 */
export function MfaSetupPage() {
  const { t } = useTranslation();
  const { actor, refreshSession } = useShellData();
  const [stage, setStage] = useState<Stage>({ step: 'intro' });
  const start = useForm('mfa-start', []);
  const confirm = useForm('mfa-setup', ['code'] as const);
  const [finishing, setFinishing] = useState(false);

  const onStart = start.onSubmit(
    async () => {
      const enrolment = await startTotp();
      const qr = await qrDataUrl(enrolment.otpauthUrl);
      setStage({ step: 'scan', secret: enrolment.secret, qr });
    },
    { overrides: { conflict: 'mfaSetup.alreadyEnrolled' } },
  );
  const onConfirm = confirm.onSubmit(
    async ({ code }) => {
      setStage({ step: 'codes', backupCodes: await confirmTotp(code.trim()) });
    },
    { validate: ({ code }) => validateBody(totpConfirmRequestSchema, { code: code.trim() }) },
  );
  // The session changes only now: refreshing earlier would send the person away from the codes.
  const onDone = () => {
    setFinishing(true);
    void refreshSession().finally(() => {
      setFinishing(false);
    });
  };

  return (
    <div className="page page--narrow" data-testid="mfa-setup-page">
      <PageHeading title={t('mfaSetup.title')}>{t('mfaSetup.heading')}</PageHeading>
      {actor?.mfa.required && (
        <p className="note" data-testid="mfa-setup-required">
          {t('mfaSetup.required')}
        </p>
      )}
      {stage.step === 'intro' && (
        <>
          <p className="lead">{t('mfaSetup.intro')}</p>
          <Form form={start} onSubmit={onStart}>
            <div className="actions">
              <SubmitButton form={start}>{t('mfaSetup.start')}</SubmitButton>
            </div>
          </Form>
        </>
      )}
      {stage.step === 'scan' && (
        <>
          <ol className="steps">
            <li>
              <p>{t('mfaSetup.scan')}</p>
              <img
                className="qr"
                src={stage.qr}
                alt={t('mfaSetup.qrAlt')}
                width={240}
                height={240}
                data-testid="totp-qr"
              />
              <p>{t('mfaSetup.manual')}</p>
              <p>
                <code className="secret" data-testid="totp-secret">
                  {stage.secret}
                </code>
              </p>
            </li>
            <li>
              <p>{t('mfaSetup.enterCode')}</p>
              <Form form={confirm} onSubmit={onConfirm}>
                <TextField
                  form={confirm}
                  name="code"
                  label={t('fields.totpCode')}
                  hint={t('mfa.codeHint')}
                  autoComplete="one-time-code"
                  inputMode="numeric"
                  maxLength={6}
                  required
                />
                <div className="actions">
                  <SubmitButton form={confirm}>{t('mfaSetup.confirm')}</SubmitButton>
                </div>
              </Form>
            </li>
          </ol>
        </>
      )}
      {stage.step === 'codes' && (
        <>
          <p className="lead" role="status" data-testid="mfa-setup-success">
            {t('mfaSetup.success')}
          </p>
          <BackupCodes codes={stage.backupCodes} />
          <div className="actions">
            <button
              type="button"
              className="button"
              onClick={onDone}
              aria-disabled={finishing || undefined}
              data-testid="mfa-setup-done"
            >
              {finishing ? t('form.working') : t('mfaSetup.done')}
            </button>
          </div>
        </>
      )}
    </div>
  );
}
