import { sessionTypeInputSchema } from '@anxin/common';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '../../components/form.tsx';
import { FormPanel } from '../../components/form-panel.tsx';
import { useForm } from '../../lib/use-form.ts';
import { schemaSubmit } from '../counselors/form-helpers.ts';
import {
  sessionTypeFailure,
  TYPE_FIELDS,
  TYPE_LABELS,
  TYPE_MESSAGES,
  TYPE_NUMBER_FIELDS,
  typeBody,
  type TypeFlags,
  type TypeValues,
} from './scheduling-admin-model.ts';
import type { SessionTypeBody } from './scheduling-api.ts';

interface SessionTypeFormProps {
  /** `session-type-add` or `session-type-edit`: the prefix of every test id in the form. */
  testId: string;
  heading: string;
  submitLabel: string;
  initial: TypeValues;
  initialFlags: TypeFlags;
  /** Editing: the code is shown but fixed, since appointments name their type by it. */
  codeFixed: boolean;
  /** Sends the body; the form shows the server's refusal (a taken code, the intake rule). */
  save: (body: SessionTypeBody) => Promise<void>;
  onCancel?: () => void;
  status?: string | false;
  statusTestId?: string;
}

/** One session type's fields, the same when adding and when editing. */
export function SessionTypeForm({
  testId,
  heading,
  submitLabel,
  initial,
  initialFlags,
  codeFixed,
  save,
  onCancel,
  status,
  statusTestId,
}: SessionTypeFormProps) {
  const { t } = useTranslation();
  const [flags, setFlags] = useState(initialFlags);
  const form = useForm(testId, TYPE_FIELDS, initial);
  const onSubmit = schemaSubmit(
    form,
    {
      schema: sessionTypeInputSchema,
      toBody: (values) => typeBody(values, flags),
      messages: TYPE_MESSAGES,
    },
    async (body) => {
      try {
        await save(body);
      } catch (error: unknown) {
        const explained = sessionTypeFailure(error);
        if (!explained) throw error;
        form.setErrors(explained);
      }
    },
  );
  return (
    <FormPanel
      form={form}
      onSubmit={onSubmit}
      heading={heading}
      level={3}
      className="subpanel"
      grid
      submitLabel={submitLabel}
      onCancel={onCancel}
      status={status}
      statusTestId={statusTestId}
    >
      {codeFixed ? (
        <p className="field" data-testid={`${testId}-code-fixed`}>
          <span className="field__label">{t('scheduling.types.code')}</span>
          <code>{initial.code}</code>
        </p>
      ) : (
        <TextField
          form={form}
          name="code"
          label={t('scheduling.types.code')}
          hint={t('scheduling.types.codeHint')}
          autoComplete="off"
          maxLength={48}
          required
        />
      )}
      {TYPE_LABELS.map(([name, max]) => (
        <TextField
          key={name}
          form={form}
          name={name}
          label={t(`scheduling.types.${name}`)}
          maxLength={max}
          required
        />
      ))}
      {TYPE_NUMBER_FIELDS.map((field) => (
        <TextField
          key={field.name}
          form={form}
          name={field.name}
          label={t(`scheduling.types.${field.name}`)}
          hint={t(`scheduling.types.hints.${field.name}`, { min: field.min, max: field.max })}
          inputMode="numeric"
          autoComplete="off"
          maxLength={String(field.max).length}
          suffix={field.name === 'sortOrder' ? undefined : t('scheduling.admin.units.minutes')}
          required
        />
      ))}
      <Switch
        testId={`${testId}-isIntake`}
        label={t('scheduling.types.isIntake')}
        hint={t('scheduling.types.isIntakeHint')}
        checked={flags.isIntake}
        onChange={(isIntake) => {
          setFlags((current) => ({ ...current, isIntake }));
        }}
      />
      <Switch
        testId={`${testId}-active`}
        label={t('scheduling.types.active')}
        hint={t('scheduling.types.activeHint')}
        checked={flags.active}
        onChange={(active) => {
          setFlags((current) => ({ ...current, active }));
        }}
      />
    </FormPanel>
  );
}

/** A labelled checkbox with its hint tied to it. */
function Switch({
  testId,
  label,
  hint,
  checked,
  onChange,
}: {
  testId: string;
  label: string;
  hint: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  const id = useId();
  return (
    <div className="field">
      <div className="checkbox">
        <input
          id={id}
          type="checkbox"
          checked={checked}
          aria-describedby={`${id}-hint`}
          data-testid={testId}
          onChange={(event) => {
            onChange(event.target.checked);
          }}
        />
        <label htmlFor={id}>{label}</label>
      </div>
      <p id={`${id}-hint`} className="field__hint">
        {hint}
      </p>
    </div>
  );
}
