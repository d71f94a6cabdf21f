import { setupRequestSchema } from '@anxin/common';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Form, SubmitButton, TextField } from '../../components/form.tsx';
import { SelectField } from '../../components/choice-fields.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { useShellData } from '../../app/shell-data.ts';
import { validateBody } from '../../lib/form-errors.ts';
import { timeZones } from '../../lib/format.ts';
import { useForm } from '../../lib/use-form.ts';
import { completeSetup } from './auth-api.ts';
import { PersonField } from '../../components/person-fields.tsx';

const FIELDS = [
  'token',
  'organization.name',
  'organization.timeZone',
  'admin.email',
  'admin.password',
  'admin.realName',
  'admin.displayName',
] as const;
type Field = (typeof FIELDS)[number];

const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

function toBody(values: Readonly<Record<Field, string>>, linkToken: string) {
  return {
    // Without a token input the value is absent, hence the fallback to the link's.
    token: linkToken === '' ? values.token.trim() : linkToken,
    organization: {
      name: values['organization.name'],
      timeZone: values['organization.timeZone'],
    },
    admin: {
      email: values['admin.email'].trim(),
      password: values['admin.password'],
      realName: values['admin.realName'],
      displayName: values['admin.displayName'],
    },
  };
}

/**
 * The one-time set-up: the organisation and its first administrator. The token comes from the
 * link the server printed at start-up; without it the form asks for the token itself.
 */
export function SetupPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const linkToken = params.get('token') ?? '';
  const { reload } = useShellData();
  // With the token in the link there is no token input, so its errors belong to the whole form.
  const fields = linkToken === '' ? FIELDS : FIELDS.filter((name) => name !== 'token');
  const form = useForm<Field>('setup', fields, { 'organization.timeZone': DEFAULT_TIME_ZONE });
  const zones = useMemo(() => timeZones(DEFAULT_TIME_ZONE), []);
  // Success signs the administrator in; reloading meta ends set-up mode, and the route guard
  // then requires MFA enrolment.
  const onSubmit = form.onSubmit(
    async (values) => {
      await completeSetup(toBody(values, linkToken));
      await reload();
    },
    {
      validate: (values) => validateBody(setupRequestSchema, toBody(values, linkToken)),
      overrides: { invalid_token: 'setup.invalidToken', conflict: 'setup.conflict' },
    },
  );

  return (
    <div className="page page--narrow" data-testid="setup-page">
      <PageHeading title={t('setup.title')}>{t('setup.heading')}</PageHeading>
      <p className="lead">{t('setup.intro')}</p>
      <Form form={form} onSubmit={onSubmit}>
        {linkToken === '' && (
          <TextField
            form={form}
            name="token"
            label={t('fields.setupToken')}
            hint={t('setup.tokenHint')}
            autoComplete="off"
            maxLength={200}
            required
          />
        )}
        <fieldset className="fieldset">
          <legend className="field__label">{t('setup.organizationLegend')}</legend>
          <TextField
            form={form}
            name="organization.name"
            label={t('fields.organizationName')}
            autoComplete="organization"
            maxLength={200}
            required
          />
          <SelectField
            form={form}
            name="organization.timeZone"
            label={t('fields.timeZone')}
            hint={t('setup.timeZoneHint')}
            options={zones.map((zone) => ({ value: zone, label: zone }))}
            required
          />
        </fieldset>
        <fieldset className="fieldset">
          <legend className="field__label">{t('setup.adminLegend')}</legend>
          <PersonField kind="email" form={form} name="admin.email" />
          <PersonField kind="newPassword" form={form} name="admin.password" />
          <PersonField kind="realName" form={form} name="admin.realName" />
          <PersonField kind="displayName" form={form} name="admin.displayName" />
        </fieldset>
        <p className="note">{t('setup.mfaNote')}</p>
        <div className="actions">
          <SubmitButton form={form}>{t('setup.submit')}</SubmitButton>
        </div>
      </Form>
    </div>
  );
}
