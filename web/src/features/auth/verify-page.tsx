import { resendVerificationRequestSchema, verifyRequestSchema } from '@anxin/common';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { Form, SubmitButton, TextField, useMessage } from '../../components/form.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import type { Message } from '../../i18n/keys.ts';
import { messageForError, validateBody } from '../../lib/form-errors.ts';
import { stateString } from '../../lib/location-state.ts';
import { useForm } from '../../lib/use-form.ts';
import { resendVerification, verifyContact } from './auth-api.ts';

const FIELDS = ['identifier', 'code'] as const;

export function VerifyPage() {
  const { t } = useTranslation();
  const say = useMessage();
  const location = useLocation();
  const navigate = useNavigate();
  const form = useForm('verify', FIELDS, {
    identifier: stateString(location.state, 'identifier') ?? '',
  });
  const [resend, setResend] = useState<{ busy: boolean; message: Message | null }>({
    busy: false,
    message: null,
  });

  const onSubmit = form.onSubmit(
    async ({ identifier, code }) => {
      await verifyContact(identifier.trim(), code.trim());
      await navigate('/sign-in', {
        state: { identifier: identifier.trim(), notice: 'verified' },
      });
    },
    {
      validate: ({ identifier, code }) =>
        validateBody(verifyRequestSchema, { identifier, code: code.trim() }),
    },
  );

  const onResend = () => {
    if (resend.busy) return;
    const identifier = form.values.identifier.trim();
    const issues = validateBody(resendVerificationRequestSchema, { identifier });
    if (issues.length > 0) {
      form.setErrors({ fields: { identifier: { key: 'fieldErrors.identifier' } }, form: null });
      return;
    }
    setResend({ busy: true, message: null });
    resendVerification(identifier).then(
      () => {
        setResend({ busy: false, message: { key: 'verify.resent' } });
      },
      (error: unknown) => {
        setResend({ busy: false, message: messageForError(error) });
      },
    );
  };

  return (
    <div className="page page--narrow" data-testid="verify-page">
      <PageHeading title={t('verify.title')}>{t('verify.heading')}</PageHeading>
      <p className="lead">{t('verify.intro')}</p>
      <Form form={form} onSubmit={onSubmit}>
        <TextField
          form={form}
          name="identifier"
          label={t('fields.identifier')}
          hint={t('verify.identifierHint')}
          autoComplete="username"
          maxLength={254}
          required
        />
        <TextField
          form={form}
          name="code"
          label={t('fields.verificationCode')}
          hint={t('verify.codeHint')}
          autoComplete="one-time-code"
          inputMode="numeric"
          maxLength={6}
          required
        />
        <div className="actions">
          <SubmitButton form={form}>{t('verify.submit')}</SubmitButton>
          <button
            type="button"
            className="button button--secondary"
            onClick={onResend}
            aria-disabled={resend.busy || undefined}
            data-testid="verify-resend"
          >
            {resend.busy ? t('form.working') : t('verify.resend')}
          </button>
        </div>
      </Form>
      <p className="status-line" role="status" data-testid="verify-resend-status">
        {resend.message && say(resend.message)}
      </p>
      <p className="aside">
        <Link to="/sign-in">{t('verify.toSignIn')}</Link>
      </p>
    </div>
  );
}
