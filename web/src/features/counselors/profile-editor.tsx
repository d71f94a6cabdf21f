import {
  GENDERS,
  MODALITIES,
  counselorProfileInputSchema,
  type CounselorProfile,
  type CounselorProfileInput,
} from '@anxin/common';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckboxGroup, SelectField } from '../../components/choice-fields.tsx';
import { Form, SubmitButton, TextField } from '../../components/form.tsx';
import type { Message } from '../../i18n/keys.ts';
import { validateBody, type FieldIssue } from '../../lib/form-errors.ts';
import { useForm } from '../../lib/use-form.ts';
import { SESSION_TYPES } from './counselor-format.ts';
import { putMyProfile } from './counselor-api.ts';
import { InputField } from './fields.tsx';
import { checkedSubmit, errorsWithMessages } from './form-helpers.ts';
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

/** The body to send, or the fee fields that are not amounts. */
function toBody(
  values: Values,
  lists: Lists,
  otherFees: Record<string, number>,
): { body: CounselorProfileInput; badFees: Field[] } {
  const fees: Record<string, number> = { ...otherFees };
  const badFees: Field[] = [];
  for (const type of SESSION_TYPES) {
    const field = `fees.${type}` as const;
    const text = values[field].trim();
    if (text === '') continue;
    const fen = yuanToFen(text);
    if (fen === null) badFees.push(field);
    else fees[type] = fen;
  }
  const years = values.yearsOfPractice.trim();
  return {
    body: {
      displayName: values.displayName,
      gender: values.gender as CounselorProfileInput['gender'],
      languages: lists.languages,
      specialties: lists.specialties,
      approaches: lists.approaches,
      modalities: lists.modalities,
      yearsOfPractice: /^\d+$/.test(years) ? Number(years) : Number.NaN,
      bioZh: values.bioZh,
      bioEn: values.bioEn,
      fees,
    },
    badFees,
  };
}

interface ProfileEditorProps {
  profile: CounselorProfile | null;
  fallbackName: string;
  vocabularies: Vocabularies;
  onSaved: (profile: CounselorProfile) => void;
}

/** The public profile: what clients read in the directory, in both languages. */
export function ProfileEditor({
  profile,
  fallbackName,
  vocabularies,
  onSaved,
}: ProfileEditorProps) {
  const { t } = useTranslation();
  const headingId = useId();
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
  const check = (values: Values) => {
    const { body, badFees } = toBody(values, lists, otherFees);
    const issues: FieldIssue[] = validateBody(counselorProfileInputSchema, body);
    return errorsWithMessages(
      issues,
      FIELDS,
      MESSAGES,
      Object.fromEntries(badFees.map((field) => [field, { key: 'counselors.fieldErrors.fee' }])),
    );
  };
  const onSubmit = checkedSubmit(
    form,
    check,
    form.onSubmit(async (values) => {
      setSaved(false);
      const updated = await putMyProfile(toBody(values, lists, otherFees).body);
      onSaved(updated);
      setSaved(true);
    }),
  );
  const update =
    <K extends keyof Lists>(name: K) =>
    (next: Lists[K]) => {
      setSaved(false);
      setLists((current) => ({ ...current, [name]: next }));
    };

  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('counselors.profile.editorHeading')}</h2>
      <p className="field__hint">{t('counselors.profile.editorIntro')}</p>
      <Form form={form} onSubmit={onSubmit} labelledBy={headingId}>
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
          <InputField
            form={form}
            name="yearsOfPractice"
            label={t('counselors.fields.yearsOfPractice')}
            inputMode="numeric"
            maxLength={2}
            suffix={t('counselors.units.years')}
            required
          />
        </div>
        <CheckboxGroup
          form={form}
          name="languages"
          legend={t('counselors.fields.languages')}
          options={vocabularies.options('language', lists.languages)}
          selected={lists.languages}
          onChange={update('languages')}
        />
        <CheckboxGroup
          form={form}
          name="specialties"
          legend={t('counselors.fields.specialties')}
          hint={t('counselors.profile.specialtiesHint')}
          options={vocabularies.options('specialty', lists.specialties)}
          selected={lists.specialties}
          onChange={update('specialties')}
        />
        <CheckboxGroup
          form={form}
          name="approaches"
          legend={t('counselors.fields.approaches')}
          options={vocabularies.options('approach', lists.approaches)}
          selected={lists.approaches}
          onChange={update('approaches')}
        />
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
              <InputField
                key={type}
                form={form}
                name={`fees.${type}`}
                label={t(`counselors.sessionType.${type}`)}
                inputMode="decimal"
                maxLength={12}
                suffix={t('counselors.units.yuan')}
              />
            ))}
          </div>
        </fieldset>
        <div className="actions">
          <SubmitButton form={form}>{t('counselors.profile.save')}</SubmitButton>
        </div>
        <p className="status-line" role="status" data-testid="profile-editor-saved">
          {saved && t('counselors.profile.saved')}
        </p>
      </Form>
    </section>
  );
}
