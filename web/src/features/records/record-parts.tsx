import type { ClinicalRecord, RecordContent, TemplateFieldView } from '@anxin/common';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../i18n/use-locale.ts';
import { displayValue, recordStatusTone } from './record-form.ts';

/** A record's status as a coloured badge with its name. */
export function RecordStatusBadge({
  status,
  testId,
}: {
  status: ClinicalRecord['status'];
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <span
      className={`status status--${recordStatusTone(status)}`}
      data-status={status}
      data-testid={testId}
    >
      {t(`records.status.${status}`)}
    </span>
  );
}

/** Signed content read back: each field's label and what was written, unfilled ones said so. */
export function RecordContentView({
  fields,
  content,
  testId,
}: {
  fields: readonly TemplateFieldView[];
  content: RecordContent;
  testId?: string;
}) {
  const { t } = useTranslation();
  const [locale] = useLocale();
  return (
    <dl className="record-content" data-testid={testId}>
      {fields.map((field) => {
        const value = displayValue(field, content[field.key], locale);
        return (
          <div key={field.key} className="record-content__field" data-field={field.key}>
            <dt>{field.label[locale]}</dt>
            <dd className={value === null ? 'field__hint' : 'record-content__value'}>
              {value ?? t('common.notGiven')}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
