import { registerRequestSchema } from '@anxin/common';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { Form, SubmitButton, TextField } from '../../components/form.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { useLocale } from '../../i18n/use-locale.ts';
import { validateBody } from '../../lib/form-errors.ts';
import { omitEmpty, useForm } from '../../lib/use-form.ts';
import { PersonField } from '../../components/person-fields.tsx';
import { register, type RegisterBody } from './auth-api.ts';

const FIELDS = ['email', 'phone', 'password', 'realName', 'displayName', 'birthDate'] as const;
type Field = (typeof FIELDS)[number];

export function SignUpPage() {
  const { t } = useTranslation();
  const [locale] = useLocale();
  const navigate = useNavigate();
  const form = useForm<Field>('sign-up', FIELDS);
  const toBody = (values: Readonly<Record<Field, string>>): RegisterBody => {
    const given = omitEmpty({ ...values, email: values.email.trim(), phone: values.phone.trim() });
    return { ...given, locale } as RegisterBody;
  };
  const onSubmit = form.onSubmit(
    async (values) => {
      const body = toBody(values);
      await register(body);
      await navigate('/verify', { state: { identifier: body.email ?? body.phone } });
    },
    {
      validate: (values) => {
        const body = toBody(values);
        const issues = validateBody(registerRequestSchema, body);
        // zod checks "one of the two" only once every other field is valid; say it at once.
        const noContact = body.email === undefined && body.phone === undefined;
        if (noContact && !issues.some((issue) => issue.path === 'body.email')) {
          issues.push({ path: 'body.email', code: 'custom' });
        }
        return issues;
      },
    },
  );

  return (
    <div className="page page--narrow" data-testid="sign-up-page">
      <PageHeading title={t('signUp.title')}>{t('signUp.heading')}</PageHeading>
      <p className="lead">{t('signUp.intro')}</p>
      <Form form={form} onSubmit={onSubmit}>
        <fieldset className="fieldset">
          <legend className="field__label">{t('signUp.contactLegend')}</legend>
          <p className="field__hint">{t('signUp.contactWhy')}</p>
          <PersonField kind="email" form={form} name="email" required={false} />
          <TextField
            form={form}
            name="phone"
            type="tel"
            label={t('fields.phone')}
            hint={t('signUp.phoneHint')}
            autoComplete="tel"
            inputMode="tel"
            maxLength={16}
          />
        </fieldset>
        <PersonField kind="newPassword" form={form} name="password" />
        <PersonField kind="realName" form={form} name="realName" hint={t('signUp.realNameWhy')} />
        <PersonField
          kind="displayName"
          form={form}
          name="displayName"
          hint={t('signUp.displayNameWhy')}
        />
        <TextField
          form={form}
          name="birthDate"
          type="date"
          label={t('fields.birthDate')}
          hint={t('signUp.birthDateWhy')}
          autoComplete="bday"
          required
        />
        <p className="note">{t('signUp.privacy')}</p>
        <div className="actions">
          <SubmitButton form={form}>{t('signUp.submit')}</SubmitButton>
        </div>
      </Form>
      <p className="aside">
        {t('signUp.haveAccount')} <Link to="/sign-in">{t('signUp.signInLink')}</Link>
      </p>
    </div>
  );
}
