import { supervisionSessionInputSchema, trainingRecordInputSchema } from '@anxin/common';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '../../components/form.tsx';
import { FormPanel } from '../../components/form-panel.tsx';
import type { Message, MessageKey } from '../../i18n/keys.ts';
import { useForm, type FormController } from '../../lib/use-form.ts';
import { addSupervision, addTraining } from './counselor-api.ts';
import { parseHours } from './counselor-format.ts';
import { AmountField } from './fields.tsx';
import { schemaSubmit, type SchemaCheck } from './form-helpers.ts';
import type { Refresh } from './profile-gate.tsx';

const HOURS_MESSAGE: Message = { key: 'counselors.fieldErrors.hours' };
const hoursOf = (text: string) => parseHours(text) ?? Number.NaN;

/** Text that is not hours ("一个半") is said to be so; an empty field is the schema's "required". */
function hoursCheck(values: Readonly<Record<'hours', string>>) {
  return values.hours.trim() !== '' && parseHours(values.hours) === null
    ? { hours: HOURS_MESSAGE }
    : {};
}

function HoursField<F extends string>({ form }: { form: FormController<F | 'hours'> }) {
  const { t } = useTranslation();
  return (
    <AmountField
      form={form}
      name="hours"
      label={t('counselors.fields.hours')}
      hint={t('counselors.development.hoursHint')}
      unit="hours"
      decimal
      maxLength={6}
      required
    />
  );
}

type Kind = 'training' | 'supervision';

/** What each add form says: its heading, its button, and its confirmation. */
const ADD_TEXTS = {
  training: [
    'counselors.development.addTraining',
    'counselors.development.addTrainingSubmit',
    'counselors.development.trainingAdded',
  ],
  supervision: [
    'counselors.development.addSupervision',
    'counselors.development.addSupervisionSubmit',
    'counselors.development.supervisionAdded',
  ],
} as const satisfies Record<Kind, readonly [MessageKey, MessageKey, MessageKey]>;

interface AddRecordProps<F extends string, B> {
  kind: Kind;
  fields: readonly F[];
  check: SchemaCheck<F, B>;
  add: (body: B) => Promise<void>;
  onAdded: Refresh;
  children: (form: FormController<F>) => ReactNode;
}

/** The form under a list of records: adds one, empties itself, reloads the year, says so. */
function AddRecord<F extends string, B>({
  kind,
  fields,
  check,
  add,
  onAdded,
  children,
}: AddRecordProps<F, B>) {
  const { t } = useTranslation();
  const [heading, submitLabel, addedText] = ADD_TEXTS[kind];
  const [added, setAdded] = useState(false);
  const form = useForm(kind, fields);
  const onSubmit = schemaSubmit(form, check, async (body) => {
    setAdded(false);
    await add(body);
    form.reset();
    await onAdded();
    setAdded(true);
  });
  return (
    <FormPanel
      form={form}
      onSubmit={onSubmit}
      heading={t(heading)}
      level={3}
      grid
      submitLabel={t(submitLabel)}
      status={added && t(addedText)}
      statusTestId={`${kind}-added`}
    >
      {children(form)}
    </FormPanel>
  );
}

interface AddFormProps {
  profileId: string;
  onAdded: Refresh;
}

const TRAINING_FIELDS = ['title', 'provider', 'category', 'hours', 'completedOn'] as const;

export function TrainingForm({ profileId, onAdded }: AddFormProps) {
  const { t } = useTranslation();
  return (
    <AddRecord
      kind="training"
      fields={TRAINING_FIELDS}
      check={{
        schema: trainingRecordInputSchema,
        toBody: (values) => ({ ...values, hours: hoursOf(values.hours) }),
        messages: {
          title: { key: 'counselors.fieldErrors.title' },
          provider: { key: 'counselors.fieldErrors.provider' },
          category: { key: 'counselors.fieldErrors.category' },
          hours: HOURS_MESSAGE,
          completedOn: { key: 'counselors.fieldErrors.date' },
        },
        extra: hoursCheck,
      }}
      add={(body) => addTraining(profileId, body)}
      onAdded={onAdded}
    >
      {(form) => (
        <>
          <TextField
            form={form}
            name="title"
            label={t('counselors.fields.trainingTitle')}
            maxLength={200}
            required
          />
          <TextField
            form={form}
            name="provider"
            label={t('counselors.fields.provider')}
            maxLength={120}
            required
          />
          <TextField
            form={form}
            name="category"
            label={t('counselors.fields.category')}
            hint={t('counselors.development.categoryHint')}
            maxLength={60}
            required
          />
          <HoursField form={form} />
          <TextField
            form={form}
            name="completedOn"
            type="date"
            label={t('counselors.fields.completedOn')}
            required
          />
        </>
      )}
    </AddRecord>
  );
}

const SUPERVISION_FIELDS = ['supervisorName', 'heldOn', 'hours', 'notes'] as const;

export function SupervisionForm({ profileId, onAdded }: AddFormProps) {
  const { t } = useTranslation();
  return (
    <AddRecord
      kind="supervision"
      fields={SUPERVISION_FIELDS}
      check={{
        schema: supervisionSessionInputSchema,
        toBody: (values) => ({
          supervisorName: values.supervisorName,
          heldOn: values.heldOn,
          hours: hoursOf(values.hours),
          ...(values.notes.trim() ? { notes: values.notes } : {}),
        }),
        messages: {
          supervisorName: { key: 'counselors.fieldErrors.supervisorName' },
          heldOn: { key: 'counselors.fieldErrors.date' },
          hours: HOURS_MESSAGE,
          notes: { key: 'counselors.fieldErrors.notes' },
        },
        extra: hoursCheck,
      }}
      add={(body) => addSupervision(profileId, body)}
      onAdded={onAdded}
    >
      {(form) => (
        <>
          {/* Free text, not a picker of accounts: supervisors are often from outside. */}
          <TextField
            form={form}
            name="supervisorName"
            label={t('counselors.fields.supervisorName')}
            hint={t('counselors.development.supervisorHint')}
            maxLength={100}
            required
          />
          <TextField
            form={form}
            name="heldOn"
            type="date"
            label={t('counselors.fields.heldOn')}
            required
          />
          <HoursField form={form} />
          <TextField
            form={form}
            name="notes"
            label={t('counselors.fields.notes')}
            hint={t('counselors.development.notesHint')}
            multiline
            rows={3}
            maxLength={5000}
          />
        </>
      )}
    </AddRecord>
  );
}
