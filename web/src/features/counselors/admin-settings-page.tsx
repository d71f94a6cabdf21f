import { counselorSettingsSchema, type CounselorSettings } from '@anxin/common';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '../../components/form.tsx';
import { FormPanel } from '../../components/form-panel.tsx';
import { Loaded } from '../../components/load-state.tsx';
import { PageFrame } from '../../components/page-frame.tsx';
import type { Message, MessageKey } from '../../i18n/keys.ts';
import { useForm } from '../../lib/use-form.ts';
import { AdminSubnav } from './admin-subnav.tsx';
import { getCounselorSettings, putCounselorSettings } from './counselor-api.ts';
import { parseDayList } from './counselor-format.ts';
import { AmountField } from './fields.tsx';
import { schemaSubmit } from './form-helpers.ts';
import { useLiveResource } from './use-live-resource.ts';

/** The organisation's settings; today those of counselor vetting and development. */
export function AdminSettingsPage() {
  const { t } = useTranslation();
  const settings = useLiveResource('counselor-settings', getCounselorSettings);
  return (
    <PageFrame
      testId="admin-settings-page"
      title={t('counselors.settings.title')}
      heading={t('counselors.settings.heading')}
      nav={<AdminSubnav />}
    >
      <Loaded resource={settings}>
        {(data) => <SettingsForm settings={data} onSaved={settings.replace} />}
      </Loaded>
    </PageFrame>
  );
}

/** The whole-number settings, in the order the form asks for them. */
const NUMBERS = [
  {
    name: 'recheckCycleMonths',
    label: 'counselors.settings.recheckCycleMonths',
    hint: 'counselors.settings.recheckCycleHint',
    unit: 'months',
    range: [1, 60],
  },
  {
    name: 'ceHoursPerYear',
    label: 'counselors.settings.ceHoursPerYear',
    hint: 'counselors.settings.ceHoursHint',
    unit: 'hours',
    range: [0, 500],
  },
  {
    name: 'profileReviewDays',
    label: 'counselors.settings.profileReviewDays',
    hint: 'counselors.settings.profileReviewHint',
    unit: 'days',
    range: [30, 730],
  },
] as const satisfies readonly {
  name: Exclude<keyof CounselorSettings, 'reminderDays'>;
  label: MessageKey;
  hint: MessageKey;
  unit: 'months' | 'hours' | 'days';
  range: readonly [number, number];
}[];

const FIELDS = [...NUMBERS.map((field) => field.name), 'reminderDays'] as const;
type Field = (typeof FIELDS)[number];
type Values = Readonly<Record<Field, string>>;

const integer = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN);
const REMINDER_MESSAGE: Message = { key: 'counselors.fieldErrors.reminderDays' };

function toBody(values: Values): CounselorSettings {
  return {
    recheckCycleMonths: integer(values.recheckCycleMonths),
    ceHoursPerYear: integer(values.ceHoursPerYear),
    reminderDays: parseDayList(values.reminderDays) ?? [],
    profileReviewDays: integer(values.profileReviewDays),
  };
}

const MESSAGES: Partial<Record<Field, Message>> = {
  ...Object.fromEntries(
    NUMBERS.map(({ name, range: [min, max] }) => [
      name,
      { key: 'counselors.fieldErrors.range', values: { min, max } },
    ]),
  ),
  reminderDays: REMINDER_MESSAGE,
};

function SettingsForm({
  settings,
  onSaved,
}: {
  settings: CounselorSettings;
  onSaved: (settings: CounselorSettings) => void;
}) {
  const { t } = useTranslation();
  const [saved, setSaved] = useState(false);
  const form = useForm('counselor-settings', FIELDS, {
    recheckCycleMonths: String(settings.recheckCycleMonths),
    ceHoursPerYear: String(settings.ceHoursPerYear),
    reminderDays: settings.reminderDays.join(t('counselors.settings.daySeparator')),
    profileReviewDays: String(settings.profileReviewDays),
  });
  const onSubmit = schemaSubmit(
    form,
    {
      schema: counselorSettingsSchema,
      toBody,
      messages: MESSAGES,
      extra: (values) =>
        parseDayList(values.reminderDays) === null ? { reminderDays: REMINDER_MESSAGE } : {},
    },
    async (body) => {
      setSaved(false);
      onSaved(await putCounselorSettings(body));
      setSaved(true);
    },
  );
  const [recheck, ceHours, profileReview] = NUMBERS.map((field) => (
    <AmountField
      key={field.name}
      form={form}
      name={field.name}
      label={t(field.label)}
      hint={t(field.hint)}
      unit={field.unit}
      maxLength={String(field.range[1]).length}
      required
    />
  ));
  return (
    <FormPanel
      form={form}
      onSubmit={onSubmit}
      heading={t('counselors.settings.counselorsHeading')}
      submitLabel={t('counselors.settings.save')}
      status={saved && t('counselors.settings.saved')}
      statusTestId="counselor-settings-saved"
    >
      {recheck}
      {ceHours}
      <TextField
        form={form}
        name="reminderDays"
        label={t('counselors.settings.reminderDays')}
        hint={t('counselors.settings.reminderDaysHint')}
        autoComplete="off"
        maxLength={40}
        required
      />
      {profileReview}
    </FormPanel>
  );
}
