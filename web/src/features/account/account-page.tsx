import { LOCALES, profileUpdateSchema, type Locale, type Profile } from '@anxin/common';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Form, SubmitButton } from '../../components/form.tsx';
import { SelectField } from '../../components/choice-fields.tsx';
import { LoadError, Loading } from '../../components/load-state.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { RoleList } from '../../components/role-list.tsx';
import { useDateFormat } from '../../app/use-date-format.ts';
import { useShellData } from '../../app/shell-data.ts';
import { isLocale } from '../../i18n/locale-preference.ts';
import { useLocale } from '../../i18n/use-locale.ts';
import { validateBody } from '../../lib/form-errors.ts';
import { useForm } from '../../lib/use-form.ts';
import { useResource } from '../../lib/use-resource.ts';
import { getProfile, updateProfile } from './account-api.ts';
import { MfaSection } from './mfa-section.tsx';
import { PersonField } from '../../components/person-fields.tsx';

export function AccountPage() {
  const { t } = useTranslation();
  const profile = useResource('me', getProfile);
  return (
    <div className="page" data-testid="account-page">
      <PageHeading title={t('account.title')}>{t('account.heading')}</PageHeading>
      {profile.status === 'loading' && <Loading />}
      {profile.status === 'error' && <LoadError error={profile.error} onRetry={profile.reload} />}
      {profile.status === 'ready' && (
        <>
          <ProfileFacts profile={profile.data} />
          <ProfileForm key={profile.data.id} profile={profile.data} onSaved={profile.replace} />
          <MfaSection profile={profile.data} onChanged={profile.reload} />
          <section className="panel" aria-labelledby="account-sessions">
            <h2 id="account-sessions">{t('account.sessionsHeading')}</h2>
            <p>{t('account.sessionsIntro')}</p>
            <Link to="/account/sessions" data-testid="account-sessions-link">
              {t('account.sessionsLink')}
            </Link>
          </section>
        </>
      )}
    </div>
  );
}

function ProfileFacts({ profile }: { profile: Profile }) {
  const { t } = useTranslation();
  const formatDate = useDateFormat();
  const verified = (flag: boolean) => (flag ? t('account.verified') : t('account.unverified'));
  const needsVerification =
    (profile.email !== null && !profile.emailVerified) ||
    (profile.phone !== null && !profile.phoneVerified);
  return (
    <section className="panel" aria-labelledby="account-facts">
      <h2 id="account-facts">{t('account.factsHeading')}</h2>
      <dl className="facts" data-testid="account-facts">
        {profile.email !== null && (
          <>
            <dt>{t('fields.email')}</dt>
            <dd>
              {profile.email} <span className="badge">{verified(profile.emailVerified)}</span>
            </dd>
          </>
        )}
        {profile.phone !== null && (
          <>
            <dt>{t('fields.phone')}</dt>
            <dd>
              {profile.phone} <span className="badge">{verified(profile.phoneVerified)}</span>
            </dd>
          </>
        )}
        {profile.birthDate !== null && (
          <>
            <dt>{t('fields.birthDate')}</dt>
            <dd>{profile.birthDate}</dd>
          </>
        )}
        <dt>{t('account.roles')}</dt>
        <dd>
          <RoleList roles={profile.roles} />
        </dd>
        <dt>{t('account.createdAt')}</dt>
        <dd>{formatDate(profile.createdAt)}</dd>
      </dl>
      {needsVerification && (
        <p>
          <Link
            to="/verify"
            state={{ identifier: profile.email ?? profile.phone }}
            data-testid="account-verify-link"
          >
            {t('account.verifyNow')}
          </Link>
        </p>
      )}
      <p className="field__hint">{t('account.contactChange')}</p>
    </section>
  );
}

const PROFILE_FIELDS = ['displayName', 'realName', 'locale'] as const;

function ProfileForm({ profile, onSaved }: { profile: Profile; onSaved: (p: Profile) => void }) {
  const { t } = useTranslation();
  const headingId = useId();
  const [, setLocale] = useLocale();
  const { refreshSession } = useShellData();
  const [saved, setSaved] = useState(false);
  const form = useForm('profile', PROFILE_FIELDS, {
    displayName: profile.displayName,
    realName: profile.realName ?? '',
    locale: profile.locale,
  });
  const toBody = (values: Readonly<Record<(typeof PROFILE_FIELDS)[number], string>>) => ({
    displayName: values.displayName,
    ...(values.realName.trim() === '' ? {} : { realName: values.realName }),
    ...(isLocale(values.locale) ? { locale: values.locale } : {}),
  });
  const onSubmit = form.onSubmit(
    async (values) => {
      setSaved(false);
      const updated = await updateProfile(toBody(values));
      onSaved(updated);
      setSaved(true);
      // Only an actual change of language moves the interface; saving a name must not.
      if (updated.locale !== profile.locale) setLocale(updated.locale);
      // The header shows the display name from the session.
      await refreshSession();
    },
    { validate: (values) => validateBody(profileUpdateSchema, toBody(values)) },
  );
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('account.editHeading')}</h2>
      <Form form={form} onSubmit={onSubmit} labelledBy={headingId}>
        <PersonField
          kind="displayName"
          form={form}
          name="displayName"
          hint={t('signUp.displayNameWhy')}
        />
        <PersonField
          kind="realName"
          form={form}
          name="realName"
          hint={t('signUp.realNameWhy')}
          required={false}
        />
        <SelectField
          form={form}
          name="locale"
          label={t('fields.locale')}
          options={LOCALES.map((locale: Locale) => ({
            value: locale,
            label: t(`language.${locale}`),
            lang: locale,
          }))}
        />
        <div className="actions">
          <SubmitButton form={form}>{t('account.save')}</SubmitButton>
        </div>
        <p className="status-line" role="status" data-testid="profile-saved">
          {saved && t('account.saved')}
        </p>
      </Form>
    </section>
  );
}
