import { isStaffRole, type Profile } from '@anxin/common';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Form, SubmitButton } from '../../components/form.tsx';
import { useShellData } from '../../app/shell-data.ts';
import { useForm } from '../../lib/use-form.ts';
import { disableTotp, regenerateBackupCodes } from './account-api.ts';
import { BackupCodes } from './backup-codes.tsx';

/** Staff must keep two-step verification; clients may turn it off. */
export function isStaff(roles: Profile['roles'], mfaRequired: boolean): boolean {
  return mfaRequired || roles.some(isStaffRole);
}

export function MfaSection({ profile, onChanged }: { profile: Profile; onChanged: () => void }) {
  const { t } = useTranslation();
  const headingId = useId();
  const { actor, refreshSession } = useShellData();
  const [codes, setCodes] = useState<string[] | null>(null);
  const [confirmingDisable, setConfirmingDisable] = useState(false);
  const regenerate = useForm('backup-codes', []);
  const disable = useForm('mfa-disable', []);
  const staff = isStaff(profile.roles, actor?.mfa.required ?? false);

  const onRegenerate = regenerate.onSubmit(async () => {
    setCodes(await regenerateBackupCodes());
  });
  const onDisable = disable.onSubmit(
    async () => {
      await disableTotp();
      setConfirmingDisable(false);
      setCodes(null);
      await refreshSession();
      onChanged();
    },
    { overrides: { forbidden: 'account.mfaStaffOnly' } },
  );

  return (
    <section className="panel" aria-labelledby={headingId} data-testid="account-mfa">
      <h2 id={headingId}>{t('account.mfaHeading')}</h2>
      <p data-testid="account-mfa-status">
        {profile.mfaEnrolled ? t('account.mfaOn') : t('account.mfaOff')}
      </p>
      {!profile.mfaEnrolled && (
        <p>
          <Link to="/mfa/setup?next=%2Faccount" className="button" data-testid="account-mfa-setup">
            {t('account.mfaSetUp')}
          </Link>
        </p>
      )}
      {profile.mfaEnrolled && (
        <>
          <p>{t('account.backupIntro')}</p>
          <Form form={regenerate} onSubmit={onRegenerate}>
            <div className="actions">
              <SubmitButton form={regenerate} secondary>
                {t('account.backupRegenerate')}
              </SubmitButton>
            </div>
          </Form>
          {codes && <BackupCodes codes={codes} />}
          {staff ? (
            <p className="field__hint">{t('account.mfaStaffOnly')}</p>
          ) : confirmingDisable ? (
            <Form form={disable} onSubmit={onDisable}>
              <p className="warning" data-testid="mfa-disable-warning">
                {t('account.mfaDisableWarning')}
              </p>
              <div className="actions">
                <SubmitButton form={disable}>{t('account.mfaDisableConfirm')}</SubmitButton>
                <button
                  type="button"
                  className="button button--secondary"
                  onClick={() => {
                    setConfirmingDisable(false);
                  }}
                >
                  {t('common.cancel')}
                </button>
              </div>
            </Form>
          ) : (
            <p>
              <button
                type="button"
                className="button button--secondary"
                data-testid="mfa-disable-start"
                onClick={() => {
                  setConfirmingDisable(true);
                }}
              >
                {t('account.mfaDisable')}
              </button>
            </p>
          )}
        </>
      )}
    </section>
  );
}
