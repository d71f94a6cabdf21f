import { qualificationInputSchema, type Qualification } from '@anxin/common';
import { useTranslation } from 'react-i18next';
import { SelectField } from '../../components/choice-fields.tsx';
import { TextField } from '../../components/form.tsx';
import { FormPanel } from '../../components/form-panel.tsx';
import type { Message } from '../../i18n/keys.ts';
import { useForm } from '../../lib/use-form.ts';
import type { QualificationBody } from './counselor-api.ts';
import { schemaSubmit } from './form-helpers.ts';
import type { Vocabularies } from './use-vocabularies.ts';

const FIELDS = [
  'typeCode',
  'number',
  'issuer',
  'issuedOn',
  'expiresOn',
  'verificationUrl',
] as const;
type Field = (typeof FIELDS)[number];
type Values = Readonly<Record<Field, string>>;

const MESSAGES: Partial<Record<Field, Message>> = {
  typeCode: { key: 'counselors.fieldErrors.qualificationType' },
  number: { key: 'counselors.fieldErrors.certificateNumber' },
  issuer: { key: 'counselors.fieldErrors.issuer' },
  issuedOn: { key: 'counselors.fieldErrors.date' },
  expiresOn: { key: 'counselors.fieldErrors.expiresOn' },
  verificationUrl: { key: 'counselors.fieldErrors.url' },
};

function toBody(values: Values): QualificationBody {
  const optional = (text: string) => (text.trim() === '' ? null : text.trim());
  return {
    typeCode: values.typeCode,
    number: values.number,
    issuer: values.issuer,
    issuedOn: values.issuedOn,
    expiresOn: optional(values.expiresOn),
    verificationUrl: optional(values.verificationUrl),
  };
}

interface QualificationFormProps {
  /** The certificate being edited, or none to add one. */
  qualification?: Qualification;
  vocabularies: Vocabularies;
  testId: string;
  onSave: (body: QualificationBody) => Promise<void>;
  onCancel?: () => void;
  /** h2 on its own on the page, h4 inside a certificate's card. */
  headingLevel?: 'h2' | 'h4';
}

export function QualificationForm({
  qualification,
  vocabularies,
  testId,
  onSave,
  onCancel,
  headingLevel = 'h2',
}: QualificationFormProps) {
  const { t } = useTranslation();
  const types = vocabularies.options(
    'qualification_type',
    qualification ? [qualification.typeCode] : [],
  );
  const form = useForm(testId, FIELDS, {
    typeCode: qualification?.typeCode ?? '',
    number: qualification?.number ?? '',
    issuer: qualification?.issuer ?? '',
    issuedOn: qualification?.issuedOn ?? '',
    expiresOn: qualification?.expiresOn ?? '',
    verificationUrl: qualification?.verificationUrl ?? '',
  });
  const onSubmit = schemaSubmit(
    form,
    { schema: qualificationInputSchema, toBody, messages: MESSAGES },
    async (body) => {
      await onSave(body);
      if (!qualification) form.reset();
    },
  );
  return (
    <FormPanel
      form={form}
      onSubmit={onSubmit}
      heading={
        qualification
          ? t('counselors.qualifications.editHeading')
          : t('counselors.qualifications.addHeading')
      }
      level={headingLevel === 'h2' ? 2 : 4}
      className={headingLevel === 'h2' ? 'panel' : 'subpanel'}
      grid
      submitLabel={
        qualification ? t('counselors.qualifications.saveEdit') : t('counselors.qualifications.add')
      }
      onCancel={onCancel}
    >
      <SelectField
        form={form}
        name="typeCode"
        label={t('counselors.fields.qualificationType')}
        options={[{ value: '', label: t('counselors.choose') }, ...types]}
        required
      />
      <TextField
        form={form}
        name="number"
        label={t('counselors.fields.certificateNumber')}
        autoComplete="off"
        maxLength={64}
        required
      />
      <TextField
        form={form}
        name="issuer"
        label={t('counselors.fields.issuer')}
        hint={t('counselors.qualifications.issuerHint')}
        autoComplete="organization"
        maxLength={120}
        required
      />
      <TextField
        form={form}
        name="issuedOn"
        type="date"
        label={t('counselors.fields.issuedOn')}
        required
      />
      <TextField
        form={form}
        name="expiresOn"
        type="date"
        label={t('counselors.fields.expiresOn')}
        hint={t('counselors.qualifications.expiresHint')}
      />
      <TextField
        form={form}
        name="verificationUrl"
        type="url"
        inputMode="url"
        autoComplete="off"
        label={t('counselors.fields.verificationUrl')}
        hint={t('counselors.qualifications.urlHint')}
        maxLength={500}
      />
    </FormPanel>
  );
}
