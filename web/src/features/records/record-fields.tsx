import { RECORD_FIELD_MAX, type TemplateFieldView } from '@anxin/common';
import { useTranslation } from 'react-i18next';
import { SelectField } from '../../components/choice-fields.tsx';
import { TextField } from '../../components/form.tsx';
import { useLocale } from '../../i18n/use-locale.ts';
import type { FormController } from '../../lib/use-form.ts';
import { contentField } from './record-form.ts';

interface RecordFieldsProps {
  form: FormController<string>;
  fields: readonly TemplateFieldView[];
}

/**
 * A template's fields as inputs, labelled in the page's language, required ones marked. The
 * template is data (record_templates), so this is the one place its kinds become inputs.
 */
export function RecordFields({ form, fields }: RecordFieldsProps) {
  const { t } = useTranslation();
  const [locale] = useLocale();
  return (
    <>
      {fields.map((field) => {
        const name = contentField(field.key);
        const label = field.label[locale];
        if (field.kind === 'choice') {
          return (
            <SelectField
              key={field.key}
              form={form}
              name={name}
              label={label}
              required={field.required}
              options={[
                { value: '', label: t('records.editor.choose') },
                ...(field.options ?? []).map((option) => ({
                  value: option.code,
                  label: option.label[locale],
                })),
              ]}
            />
          );
        }
        return (
          <TextField
            key={field.key}
            form={form}
            name={name}
            label={label}
            required={field.required}
            type={field.kind === 'date' ? 'date' : 'text'}
            multiline={field.kind === 'longtext'}
            rows={6}
            maxLength={RECORD_FIELD_MAX}
          />
        );
      })}
    </>
  );
}
