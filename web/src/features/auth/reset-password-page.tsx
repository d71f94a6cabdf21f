import { PASSWORD_MIN, passwordResetCompleteSchema } from '@anxin/common';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Form, SubmitButton, TextField } from '../../components/form.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { validateBody } from '../../lib/form-errors.ts';
import { useForm } from '../../lib/use-form.ts';
import { completePasswordReset } from './auth-api.ts';

export function ResetPasswordPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const tokenLooksValid = token.length >= 20 && token.length <= 200;
  const navigate = useNavigate();
  const form = useForm('reset-password', ['password'] as const);
  const onSubmit = form.onSubmit(
    async ({ password }) => {
      await completePasswordReset(token, password);
      await navigate('/sign-in', { replace: true, state: { notice: 'passwordReset' } });
    },
    {
      validate: ({ password }) => validateBody(passwordResetCompleteSchema, { token, password }),
      overrides: { invalid_token: 'resetPassword.invalidToken' },
    },
  );

  return (
    <div className="page page--narrow" data-testid="reset-password-page">
      <PageHeading title={t('resetPassword.title')}>{t('resetPassword.heading')}</PageHeading>
      {!tokenLooksValid ? (
        <p className="form-alert" role="alert" data-testid="reset-password-no-token">
          {t('resetPassword.noToken')}
        </p>
      ) : (
        <Form form={form} onSubmit={onSubmit}>
          <TextField
            form={form}
            name="password"
            type="password"
            label={t('fields.newPassword')}
            hint={t('resetPassword.passwordHint', { min: PASSWORD_MIN })}
            autoComplete="new-password"
            maxLength={256}
            required
          />
          <div className="actions">
            <SubmitButton form={form}>{t('resetPassword.submit')}</SubmitButton>
          </div>
        </Form>
      )}
      <p className="aside">
        <Link to="/forgot-password">{t('resetPassword.requestNew')}</Link>
      </p>
    </div>
  );
}
