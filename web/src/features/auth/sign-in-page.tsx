import { signInRequestSchema } from '@anxin/common';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { Form, SubmitButton, TextField } from '../../components/form.tsx';
import { Notice } from '../../components/notice.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { useShellData } from '../../app/shell-data.ts';
import { validateBody } from '../../lib/form-errors.ts';
import { stateString } from '../../lib/location-state.ts';
import { useForm } from '../../lib/use-form.ts';
import { signIn } from './auth-api.ts';

const FIELDS = ['identifier', 'password'] as const;

const NOTICES = {
  verified: 'signIn.verifiedNotice',
  passwordReset: 'signIn.passwordResetNotice',
} as const;

function noticeKey(state: unknown) {
  const notice = stateString(state, 'notice');
  return notice === 'verified' || notice === 'passwordReset' ? NOTICES[notice] : null;
}

export function SignInPage() {
  const { t } = useTranslation();
  const location = useLocation();
  const { setActor } = useShellData();
  const form = useForm('sign-in', FIELDS, {
    identifier: stateString(location.state, 'identifier') ?? '',
  });
  const notice = noticeKey(location.state);
  // The route guard sends a signed-in person on: to the MFA step, or where they were going.
  const onSubmit = form.onSubmit(
    async ({ identifier, password }) => {
      setActor(await signIn(identifier.trim(), password));
    },
    { validate: (values) => validateBody(signInRequestSchema, values) },
  );

  return (
    <div className="page page--narrow" data-testid="sign-in-page">
      <PageHeading title={t('signIn.title')}>{t('signIn.heading')}</PageHeading>
      {notice && <Notice testId="sign-in-notice">{t(notice)}</Notice>}
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
        <TextField
          form={form}
          name="password"
          type="password"
          label={t('fields.password')}
          autoComplete="current-password"
          maxLength={256}
          required
        />
        <div className="actions">
          <SubmitButton form={form}>{t('signIn.submit')}</SubmitButton>
        </div>
      </Form>
      <ul className="aside-links">
        <li>
          <Link to="/forgot-password" data-testid="sign-in-forgot">
            {t('signIn.forgot')}
          </Link>
        </li>
        <li>
          <Link to="/sign-up">{t('signIn.noAccount')}</Link>
        </li>
        <li>
          <Link to="/verify">{t('signIn.verifyLink')}</Link>
        </li>
      </ul>
    </div>
  );
}
