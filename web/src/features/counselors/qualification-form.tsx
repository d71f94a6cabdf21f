import { qualificationInputSchema, type Qualification } from '@anxin/common';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField } from '../../components/choice-fields.tsx';
import { Form, SubmitButton, TextField } from '../../components/form.tsx';
import type { Message } from '../../i18n/keys.ts';
import { validateBody } from '../../lib/form-errors.ts';
import { useForm } from '../../lib/use-form.ts';
import type { QualificationBody } from './counselor-api.ts';
import { InputField } from './fields.tsx';
import { checkedSubmit, errorsWithMessages } from './form-helpers.ts';
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
  const Heading = headingLevel;
  const { t } = useTranslation();
  const headingId = useId();
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
  const onSubmit = checkedSubmit(
    form,
    (values) =>
      errorsWithMessages(validateBody(qualificationInputSchema, toBody(values)), FIELDS, MESSAGES),
    form.onSubmit(async (values) => {
      await onSave(toBody(values));
      if (!qualification) form.reset();
    }),
  );
  return (
    <section className={headingLevel === 'h2' ? 'panel' : 'subpanel'} aria-labelledby={headingId}>
      <Heading id={headingId}>
        {qualification
          ? t('counselors.qualifications.editHeading')
          : t('counselors.qualifications.addHeading')}
      </Heading>
      <Form form={form} onSubmit={onSubmit} labelledBy={headingId} className="form--grid">
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
        <InputField
          form={form}
          name="verificationUrl"
          type="url"
          inputMode="url"
          label={t('counselors.fields.verificationUrl')}
          hint={t('counselors.qualifications.urlHint')}
          maxLength={500}
        />
        <div className="actions">
          <SubmitButton form={form}>
            {qualification
              ? t('counselors.qualifications.saveEdit')
              : t('counselors.qualifications.add')}
          </SubmitButton>
          {onCancel && (
            <button
              type="button"
              className="button button--secondary"
              data-testid={`${testId}-cancel`}
              onClick={onCancel}
            >
              {t('common.cancel')}
            </button>
          )}
        </div>
      </Form>
    </section>
  );
}
