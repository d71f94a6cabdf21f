import {
  vocabularyCreateSchema,
  vocabularyUpdateSchema,
  type VocabularyKind,
  type VocabularyTerm,
} from '@anxin/common';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '../../components/form.tsx';
import { FormPanel } from '../../components/form-panel.tsx';
import type { Message } from '../../i18n/keys.ts';
import { useForm, type FormController } from '../../lib/use-form.ts';
import { createVocabularyTerm, updateVocabularyTerm } from './counselor-api.ts';
import { AmountField } from './fields.tsx';
import { schemaSubmit } from './form-helpers.ts';
import type { Refresh } from './profile-gate.tsx';

const orderOf = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN);

/** The label in each language, with its longest length. */
const LABELS = [
  ['labelZh', 60],
  ['labelEn', 80],
] as const;

/** What adding and renaming say about the labels and the order. */
const LABEL_MESSAGES = {
  labelZh: { key: 'counselors.fieldErrors.label', values: { max: 60 } },
  labelEn: { key: 'counselors.fieldErrors.label', values: { max: 80 } },
  sortOrder: { key: 'counselors.fieldErrors.range', values: { min: 0, max: 10000 } },
} as const satisfies Record<string, Message>;

/** The two labels and the position in the list, the same when adding and renaming. */
function LabelFields<F extends string>({
  form,
  orderHint,
}: {
  form: FormController<F | 'labelZh' | 'labelEn' | 'sortOrder'>;
  orderHint?: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      {LABELS.map(([name, max]) => (
        <TextField
          key={name}
          form={form}
          name={name}
          label={t(`counselors.vocabularies.${name}`)}
          maxLength={max}
          required
        />
      ))}
      <AmountField
        form={form}
        name="sortOrder"
        label={t('counselors.vocabularies.sortOrder')}
        hint={orderHint}
        maxLength={5}
      />
    </>
  );
}

const RENAME_FIELDS = ['labelZh', 'labelEn', 'sortOrder'] as const;

export function RenameForm({
  term,
  onDone,
  onCancel,
}: {
  term: VocabularyTerm;
  onDone: Refresh;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const form = useForm('vocabulary-rename', RENAME_FIELDS, {
    labelZh: term.labelZh,
    labelEn: term.labelEn,
    sortOrder: String(term.sortOrder),
  });
  const onSubmit = schemaSubmit(
    form,
    {
      schema: vocabularyUpdateSchema,
      toBody: (values) => ({ ...values, sortOrder: orderOf(values.sortOrder) }),
      messages: LABEL_MESSAGES,
    },
    async (body) => {
      await updateVocabularyTerm(term.id, body);
      await onDone();
    },
  );
  return (
    <FormPanel
      form={form}
      onSubmit={onSubmit}
      heading={t('counselors.vocabularies.renameHeading', { code: term.code })}
      level={3}
      headingHidden
      className="subpanel"
      grid
      submitLabel={t('counselors.vocabularies.save')}
      onCancel={onCancel}
    >
      <LabelFields form={form} />
    </FormPanel>
  );
}

const ADD_FIELDS = ['code', 'labelZh', 'labelEn', 'sortOrder'] as const;

export function AddTerm({ kind, onAdded }: { kind: VocabularyKind; onAdded: Refresh }) {
  const { t } = useTranslation();
  const qualifiesId = useId();
  const [qualifies, setQualifies] = useState(true);
  const [added, setAdded] = useState(false);
  const form = useForm('vocabulary-add', ADD_FIELDS, { sortOrder: '0' });
  const onSubmit = schemaSubmit(
    form,
    {
      schema: vocabularyCreateSchema,
      toBody: (values) => ({
        kind,
        code: values.code.trim(),
        labelZh: values.labelZh,
        labelEn: values.labelEn,
        sortOrder: orderOf(values.sortOrder || '0'),
        qualifies: kind === 'qualification_type' ? qualifies : true,
      }),
      messages: { code: { key: 'counselors.fieldErrors.code' }, ...LABEL_MESSAGES },
    },
    async (body) => {
      setAdded(false);
      await createVocabularyTerm(body);
      form.reset({ sortOrder: '0' });
      await onAdded();
      setAdded(true);
    },
    { conflict: 'counselors.vocabularies.conflict' },
  );
  return (
    <FormPanel
      form={form}
      onSubmit={onSubmit}
      heading={t('counselors.vocabularies.addHeading', {
        kind: t(`counselors.vocabularies.kind.${kind}`),
      })}
      grid
      submitLabel={t('counselors.vocabularies.add')}
      status={added && t('counselors.vocabularies.added')}
      statusTestId="vocabulary-added"
    >
      <TextField
        form={form}
        name="code"
        label={t('counselors.vocabularies.code')}
        hint={t('counselors.vocabularies.codeHint')}
        autoComplete="off"
        maxLength={48}
        required
      />
      <LabelFields form={form} orderHint={t('counselors.vocabularies.sortOrderHint')} />
      {kind === 'qualification_type' && (
        <div className="checkbox">
          <input
            id={qualifiesId}
            type="checkbox"
            checked={qualifies}
            data-testid="vocabulary-add-qualifies"
            onChange={(event) => {
              setQualifies(event.target.checked);
            }}
          />
          <label htmlFor={qualifiesId}>{t('counselors.vocabularies.qualifiesLabel')}</label>
        </div>
      )}
    </FormPanel>
  );
}
