import {
  BREACH_DATA_CATEGORIES,
  BREACH_SEVERITIES,
  breachInputSchema,
  type BreachDataCategory,
  type BreachIncident,
  type BreachInput,
} from '@anxin/common';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckboxGroup, SelectField } from '../../components/choice-fields.tsx';
import { Form, SubmitButton, TextField } from '../../components/form.tsx';
import { validateBody } from '../../lib/form-errors.ts';
import { useForm } from '../../lib/use-form.ts';
import { DateTimeField } from './date-time-field.tsx';
import { isoToLocalInput, localInputToIso } from './breach-format.ts';

const FIELDS = [
  'title',
  'discoveredAt',
  'severity',
  'dataCategories',
  'nature',
  'remediation',
] as const;

interface Props {
  /** Editing this incident; absent: registering a new one. */
  incident?: BreachIncident;
  onSubmit: (body: BreachInput) => Promise<void>;
}

/** The facts of an incident: what, when found, how serious, which data, what was done. */
export function IncidentForm({ incident, onSubmit }: Props) {
  const { t } = useTranslation();
  const headingId = useId();
  const [categories, setCategories] = useState<BreachDataCategory[]>(
    (incident?.dataCategories ?? []).filter((c): c is BreachDataCategory =>
      (BREACH_DATA_CATEGORIES as readonly string[]).includes(c),
    ),
  );
  const form = useForm(incident ? 'breach-edit' : 'breach-create', FIELDS, {
    title: incident?.title ?? '',
    discoveredAt: isoToLocalInput(incident?.discoveredAt ?? new Date().toISOString()),
    severity: incident?.severity ?? 'high',
    nature: incident?.nature ?? '',
    remediation: incident?.remediation ?? '',
  });
  const body = (v: Readonly<Record<(typeof FIELDS)[number], string>>) => ({
    title: v.title.trim(),
    discoveredAt: localInputToIso(v.discoveredAt) ?? '',
    severity: v.severity,
    dataCategories: categories,
    nature: v.nature.trim(),
    ...(v.remediation.trim() ? { remediation: v.remediation.trim() } : {}),
  });
  const submit = form.onSubmit(
    async (values) => {
      await onSubmit(breachInputSchema.parse(body(values)));
      if (!incident) {
        form.reset({ severity: 'high', discoveredAt: isoToLocalInput(new Date().toISOString()) });
        setCategories([]);
      }
    },
    { validate: (values) => validateBody(breachInputSchema, body(values)) },
  );
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {t(incident ? 'breach.form.editHeading' : 'breach.form.createHeading')}
      </h2>
      <Form form={form} onSubmit={submit} labelledBy={headingId}>
        <TextField
          form={form}
          name="title"
          label={t('breach.fields.title')}
          maxLength={200}
          required
        />
        <DateTimeField
          form={form}
          name="discoveredAt"
          label={t('breach.fields.discoveredAt')}
          hint={t('breach.form.discoveredHint')}
          required
        />
        <SelectField
          form={form}
          name="severity"
          label={t('breach.fields.severity')}
          hint={t('breach.form.severityHint')}
          options={BREACH_SEVERITIES.map((s) => ({ value: s, label: t(`breach.severity.${s}`) }))}
          required
        />
        <CheckboxGroup
          form={form}
          name="dataCategories"
          legend={t('breach.fields.dataCategories')}
          options={BREACH_DATA_CATEGORIES.map((c) => ({
            value: c,
            label: t(`breach.category.${c}`),
          }))}
          selected={categories}
          onChange={setCategories}
        />
        <TextField
          form={form}
          name="nature"
          label={t('breach.fields.nature')}
          hint={t('breach.form.natureHint')}
          multiline
          maxLength={5000}
          required
        />
        <TextField
          form={form}
          name="remediation"
          label={t('breach.fields.remediation')}
          hint={t('breach.form.remediationHint')}
          multiline
          maxLength={5000}
        />
        <div className="actions">
          <SubmitButton form={form}>
            {t(incident ? 'breach.form.save' : 'breach.form.create')}
          </SubmitButton>
        </div>
      </Form>
    </section>
  );
}
