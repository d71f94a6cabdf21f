import { counselorSettingsSchema, type CounselorSettings } from '@anxin/common';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Form, SubmitButton } from '../../components/form.tsx';
import { LoadError, Loading } from '../../components/load-state.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { validateBody } from '../../lib/form-errors.ts';
import { useForm } from '../../lib/use-form.ts';
import { AdminSubnav } from './admin-subnav.tsx';
import { getCounselorSettings, putCounselorSettings } from './counselor-api.ts';
import { parseDayList } from './counselor-format.ts';
import { InputField } from './fields.tsx';
import { checkedSubmit, errorsWithMessages } from './form-helpers.ts';
import { useLiveResource } from './use-live-resource.ts';

/** The organisation's settings; today those of counselor vetting and development. */
export function AdminSettingsPage() {
  const { t } = useTranslation();
  const settings = useLiveResource('counselor-settings', getCounselorSettings);
  return (
    <div className="page" data-testid="admin-settings-page">
      <PageHeading title={t('counselors.settings.title')}>
        {t('counselors.settings.heading')}
      </PageHeading>
      <AdminSubnav />
      {settings.status === 'loading' && <Loading />}
      {settings.status === 'error' && (
        <LoadError error={settings.error} onRetry={settings.reload} />
      )}
      {settings.status === 'ready' && (
        <SettingsForm settings={settings.data} onSaved={settings.replace} />
      )}
    </div>
  );
}

const FIELDS = [
  'recheckCycleMonths',
  'ceHoursPerYear',
  'reminderDays',
  'profileReviewDays',
] as const;
type Values = Readonly<Record<(typeof FIELDS)[number], string>>;

const integer = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN);

function toBody(values: Values) {
  return {
    recheckCycleMonths: integer(values.recheckCycleMonths),
    ceHoursPerYear: integer(values.ceHoursPerYear),
    reminderDays: parseDayList(values.reminderDays) ?? [],
    profileReviewDays: integer(values.profileReviewDays),
  };
}

function SettingsForm({
  settings,
  onSaved,
}: {
  settings: CounselorSettings;
  onSaved: (settings: CounselorSettings) => void;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const [saved, setSaved] = useState(false);
  const form = useForm('counselor-settings', FIELDS, {
    recheckCycleMonths: String(settings.recheckCycleMonths),
    ceHoursPerYear: String(settings.ceHoursPerYear),
    reminderDays: settings.reminderDays.join(t('counselors.settings.daySeparator')),
    profileReviewDays: String(settings.profileReviewDays),
  });
  const onSubmit = checkedSubmit(
    form,
    (values) =>
      errorsWithMessages(
        validateBody(counselorSettingsSchema, toBody(values)),
        FIELDS,
        {
          recheckCycleMonths: { key: 'counselors.fieldErrors.range', values: { min: 1, max: 60 } },
          ceHoursPerYear: { key: 'counselors.fieldErrors.range', values: { min: 0, max: 500 } },
          reminderDays: { key: 'counselors.fieldErrors.reminderDays' },
          profileReviewDays: { key: 'counselors.fieldErrors.range', values: { min: 30, max: 730 } },
        },
        parseDayList(values.reminderDays) === null
          ? { reminderDays: { key: 'counselors.fieldErrors.reminderDays' } }
          : {},
      ),
    form.onSubmit(async (values) => {
      setSaved(false);
      onSaved(await putCounselorSettings(toBody(values)));
      setSaved(true);
    }),
  );
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('counselors.settings.counselorsHeading')}</h2>
      <Form form={form} onSubmit={onSubmit} labelledBy={headingId}>
        <InputField
          form={form}
          name="recheckCycleMonths"
          label={t('counselors.settings.recheckCycleMonths')}
          hint={t('counselors.settings.recheckCycleHint')}
          inputMode="numeric"
          maxLength={2}
          suffix={t('counselors.units.months')}
          required
        />
        <InputField
          form={form}
          name="ceHoursPerYear"
          label={t('counselors.settings.ceHoursPerYear')}
          hint={t('counselors.settings.ceHoursHint')}
          inputMode="numeric"
          maxLength={3}
          suffix={t('counselors.units.hours')}
          required
        />
        <InputField
          form={form}
          name="reminderDays"
          label={t('counselors.settings.reminderDays')}
          hint={t('counselors.settings.reminderDaysHint')}
          maxLength={40}
          required
        />
        <InputField
          form={form}
          name="profileReviewDays"
          label={t('counselors.settings.profileReviewDays')}
          hint={t('counselors.settings.profileReviewHint')}
          inputMode="numeric"
          maxLength={3}
          suffix={t('counselors.units.days')}
          required
        />
        <div className="actions">
          <SubmitButton form={form}>{t('counselors.settings.save')}</SubmitButton>
        </div>
        <p className="status-line" role="status" data-testid="counselor-settings-saved">
          {saved && t('counselors.settings.saved')}
        </p>
      </Form>
    </section>
  );
}
