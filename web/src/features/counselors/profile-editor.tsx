import {
  GENDERS,
  MODALITIES,
  counselorProfileInputSchema,
  type CounselorProfile,
  type CounselorProfileInput,
} from '@anxin/common';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckboxGroup, SelectField } from '../../components/choice-fields.tsx';
import { TextField } from '../../components/form.tsx';
import { FormPanel } from '../../components/form-panel.tsx';
import type { Message } from '../../i18n/keys.ts';
import { useForm } from '../../lib/use-form.ts';
import { SESSION_TYPES } from './counselor-format.ts';
import { AmountField } from './fields.tsx';
import { schemaSubmit } from './form-helpers.ts';
import { fenToYuanText, yuanToFen } from './money.ts';
import type { Vocabularies } from './use-vocabularies.ts';

const FIELDS = [
  'displayName',
  'gender',
  'yearsOfPractice',
  'bioZh',
  'bioEn',
  'fees.intake',
  'fees.follow_up',
  'languages',
  'specialties',
  'approaches',
  'modalities',
] as const;
type Field = (typeof FIELDS)[number];
type Values = Readonly<Record<Field, string>>;
type Modality = (typeof MODALITIES)[number];

const MESSAGES: Partial<Record<Field, Message>> = {
  displayName: { key: 'fieldErrors.displayName' },
  yearsOfPractice: { key: 'counselors.fieldErrors.years' },
  bioZh: { key: 'counselors.fieldErrors.bioZh' },
  bioEn: { key: 'counselors.fieldErrors.bioEn' },
  'fees.intake': { key: 'counselors.fieldErrors.fee' },
  'fees.follow_up': { key: 'counselors.fieldErrors.fee' },
  languages: { key: 'counselors.fieldErrors.tooMany' },
  specialties: { key: 'counselors.fieldErrors.tooMany' },
  approaches: { key: 'counselors.fieldErrors.tooMany' },
};

interface Lists {
  languages: string[];
  specialties: string[];
  approaches: string[];
  modalities: Modality[];
}

function initialValues(profile: CounselorProfile | null, fallbackName: string) {
  const fee = (code: string) => {
    const fen = profile?.fees[code];
    return fen === undefined ? '' : fenToYuanText(fen);
  };
  return {
    displayName: profile?.displayName ?? fallbackName,
    gender: profile?.gender ?? 'undisclosed',
    yearsOfPractice: profile ? String(profile.yearsOfPractice) : '',
    bioZh: profile?.bioZh ?? '',
    bioEn: profile?.bioEn ?? '',
    'fees.intake': fee('intake'),
    'fees.follow_up': fee('follow_up'),
  };
}

/** Fee fields whose text is not an amount of yuan. */
function badFees(values: Values): Partial<Record<Field, Message>> {
  const bad = SESSION_TYPES.map((type) => `fees.${type}` as const).filter((field) => {
    const text = values[field].trim();
    return text !== '' && yuanToFen(text) === null;
  });
  return Object.fromEntries(bad.map((field) => [field, { key: 'counselors.fieldErrors.fee' }]));
}

function toBody(values: Values, lists: Lists, otherFees: Record<string, number>) {
  const fees: Record<string, number> = { ...otherFees };
  for (const type of SESSION_TYPES) {
    const fen = yuanToFen(values[`fees.${type}`].trim());
    if (fen !== null) fees[type] = fen;
  }
  const years = values.yearsOfPractice.trim();
  return {
    displayName: values.displayName,
    gender: values.gender as CounselorProfileInput['gender'],
    ...lists,
    yearsOfPractice: /^\d+$/.test(years) ? Number(years) : Number.NaN,
    bioZh: values.bioZh,
    bioEn: values.bioEn,
    fees,
  };
}

/** The lists picked from the organisation's vocabularies, with the kind each comes from. */
const VOCABULARY_LISTS = [
  ['languages', 'language'],
  ['specialties', 'specialty'],
  ['approaches', 'approach'],
] as const;

interface ProfileEditorProps {
  profile: CounselorProfile | null;
  fallbackName: string;
  vocabularies: Vocabularies;
  /** Sends the body (the counselor's own PUT, or an administrator's) and answers the profile. */
  save: (body: CounselorProfileInput) => Promise<CounselorProfile>;
  onSaved: (profile: CounselorProfile) => void;
  /** For an administrator: their own heading and introduction, and a way back. */
  heading?: string;
  intro?: string;
  onCancel?: () => void;
}

/** The public profile: what clients read in the directory, in both languages. */
export function ProfileEditor({
  profile,
  fallbackName,
  vocabularies,
  save,
  onSaved,
  heading,
  intro,
  onCancel,
}: ProfileEditorProps) {
  const { t } = useTranslation();
  const [saved, setSaved] = useState(false);
  const [lists, setLists] = useState<Lists>({
    languages: profile?.languages ?? [],
    specialties: profile?.specialties ?? [],
    approaches: profile?.approaches ?? [],
    modalities: profile?.modalities ?? [],
  });
  const otherFees = Object.fromEntries(
    Object.entries(profile?.fees ?? {}).filter(
      ([code]) => !(SESSION_TYPES as readonly string[]).includes(code),
    ),
  );
  const form = useForm('profile-editor', FIELDS, initialValues(profile, fallbackName));
  const onSubmit = schemaSubmit(
    form,
    {
      schema: counselorProfileInputSchema,
      toBody: (values) => toBody(values, lists, otherFees),
      messages: MESSAGES,
      extra: badFees,
    },
    async (body) => {
      setSaved(false);
      onSaved(await save(body));
      setSaved(true);
    },
  );
  const update =
    <K extends keyof Lists>(name: K) =>
    (next: Lists[K]) => {
      setSaved(false);
      setLists((current) => ({ ...current, [name]: next }));
    };

  return (
    <FormPanel
      form={form}
      onSubmit={onSubmit}
      heading={heading ?? t('counselors.profile.editorHeading')}
      intro={<p className="field__hint">{intro ?? t('counselors.profile.editorIntro')}</p>}
      submitLabel={t('counselors.profile.save')}
      onCancel={onCancel}
      status={saved && t('counselors.profile.saved')}
      statusTestId="profile-editor-saved"
    >
      <div className="form-row">
        <TextField
          form={form}
          name="displayName"
          label={t('counselors.fields.displayName')}
          hint={t('counselors.profile.displayNameHint')}
          autoComplete="nickname"
          maxLength={50}
          required
        />
        <SelectField
          form={form}
          name="gender"
          label={t('counselors.fields.gender')}
          options={GENDERS.map((gender) => ({
            value: gender,
            label: t(`counselors.gender.${gender}`),
          }))}
        />
        <AmountField
          form={form}
          name="yearsOfPractice"
          label={t('counselors.fields.yearsOfPractice')}
          unit="years"
          maxLength={2}
          required
        />
      </div>
      {VOCABULARY_LISTS.map(([name, kind]) => (
        <CheckboxGroup
          key={name}
          form={form}
          name={name}
          legend={t(`counselors.fields.${name}`)}
          hint={name === 'specialties' ? t('counselors.profile.specialtiesHint') : undefined}
          options={vocabularies.options(kind, lists[name])}
          selected={lists[name]}
          onChange={update(name)}
        />
      ))}
      <CheckboxGroup
        form={form}
        name="modalities"
        legend={t('counselors.fields.modalities')}
        options={MODALITIES.map((modality) => ({
          value: modality,
          label: t(`counselors.modality.${modality}`),
        }))}
        selected={lists.modalities}
        onChange={update('modalities')}
      />
      <TextField
        form={form}
        name="bioZh"
        label={t('counselors.fields.bioZh')}
        hint={t('counselors.profile.bioZhHint')}
        multiline
        rows={6}
        maxLength={2000}
      />
      <TextField
        form={form}
        name="bioEn"
        label={t('counselors.fields.bioEn')}
        hint={t('counselors.profile.bioEnHint')}
        multiline
        rows={6}
        maxLength={3000}
      />
      <fieldset className="fieldset">
        <legend className="field__label">{t('counselors.fields.fees')}</legend>
        <p className="field__hint">{t('counselors.profile.feesHint')}</p>
        <div className="form-row">
          {SESSION_TYPES.map((type) => (
            <AmountField
              key={type}
              form={form}
              name={`fees.${type}`}
              label={t(`counselors.sessionType.${type}`)}
              unit="yuan"
              decimal
              maxLength={12}
            />
          ))}
        </div>
      </fieldset>
    </FormPanel>
  );
}
