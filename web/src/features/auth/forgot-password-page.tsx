import { passwordResetRequestSchema } from '@anxin/common';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Form, SubmitButton, TextField } from '../../components/form.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { validateBody } from '../../lib/form-errors.ts';
import { useForm } from '../../lib/use-form.ts';
import { requestPasswordReset } from './auth-api.ts';

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const form = useForm('forgot-password', ['identifier'] as const);
  const [sent, setSent] = useState(false);
  const onSubmit = form.onSubmit(
    async ({ identifier }) => {
      await requestPasswordReset(identifier.trim());
      setSent(true);
    },
    { validate: (values) => validateBody(passwordResetRequestSchema, values) },
  );

  return (
    <div className="page page--narrow" data-testid="forgot-password-page">
      <PageHeading title={t('forgotPassword.title')}>{t('forgotPassword.heading')}</PageHeading>
      {sent ? (
        // The same answer whether or not the account exists (no account discovery).
        <p className="notice" role="status" data-testid="forgot-password-sent">
          {t('forgotPassword.sent')}
        </p>
      ) : (
        <>
          <p className="lead">{t('forgotPassword.intro')}</p>
          <Form form={form} onSubmit={onSubmit}>
            <TextField
              form={form}
              name="identifier"
              label={t('fields.identifier')}
              hint={t('signIn.identifierHint')}
              autoComplete="username"
              maxLength={254}
              required
            />
            <div className="actions">
              <SubmitButton form={form}>{t('forgotPassword.submit')}</SubmitButton>
            </div>
          </Form>
        </>
      )}
      <p className="aside">
        <Link to="/sign-in">{t('forgotPassword.toSignIn')}</Link>
      </p>
    </div>
  );
}
