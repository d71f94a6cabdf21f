import type { ClinicalRecord } from '@anxin/common';
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '../../components/form.tsx';
import { FormPanel } from '../../components/form-panel.tsx';
import { useForm } from '../../lib/use-form.ts';
import { RecordFields } from './record-fields.tsx';
import { contentFields, contentOf, contentValues, recordFormErrors } from './record-form.ts';
import { addAddendum } from './records-api.ts';

interface AddendumFormProps {
  record: ClinicalRecord;
  onDone: (record: ClinicalRecord) => void;
  onCancel: () => void;
}

/**
 * An addendum: the whole content as it should now read (starting from the latest version) and
 * the reason for the change. It becomes a new version; the signed ones stay as they were.
 */
export function AddendumForm({ record, onDone, onCancel }: AddendumFormProps) {
  const { t } = useTranslation();
  const fields = record.template.fields;
  const latest = record.versions.at(-1);
  const [names] = useState(() => [...contentFields(fields), 'reason']);
  const form = useForm<string>('addendum', names, {
    ...contentValues(fields, latest?.content ?? null),
    reason: '',
  });
  const [busy, setBusy] = useState(false);

  const onSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const reason = (form.values.reason ?? '').trim();
    if (!reason) {
      form.setErrors({
        fields: { reason: { key: 'records.addendum.reasonRequired' } },
        form: null,
      });
      return;
    }
    setBusy(true);
    addAddendum(record.id, contentOf(fields, form.values), reason).then(
      (next) => {
        setBusy(false);
        onDone(next);
      },
      (error: unknown) => {
        setBusy(false);
        form.setErrors(recordFormErrors(error, names));
      },
    );
  };

  return (
    <FormPanel
      form={{ ...form, submitting: busy }}
      onSubmit={onSubmit}
      heading={t('records.addendum.heading')}
      intro={<p className="field__hint">{t('records.addendum.intro')}</p>}
      submitLabel={t('records.addendum.submit')}
      onCancel={onCancel}
    >
      <RecordFields form={form} fields={fields} />
      <TextField
        form={form}
        name="reason"
        label={t('records.addendum.reason')}
        hint={t('records.addendum.reasonHint')}
        multiline
        rows={3}
        maxLength={2000}
        required
      />
    </FormPanel>
  );
}
