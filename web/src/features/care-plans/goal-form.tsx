import {
  ASSESSMENTS,
  GOAL_COMPARATORS,
  GOAL_INSTRUMENTS,
  goalInputSchema,
  type AssessmentCode,
} from '@anxin/common';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField } from '../../components/choice-fields.tsx';
import { TextField } from '../../components/form.tsx';
import { FormPanel } from '../../components/form-panel.tsx';
import type { Message } from '../../i18n/keys.ts';
import { useLocale } from '../../i18n/use-locale.ts';
import { useForm } from '../../lib/use-form.ts';
import { schemaSubmit } from '../counselors/form-helpers.ts';
import { createGoal } from './care-plans-api.ts';
import { GOAL_DEFAULTS, GOAL_FIELDS, goalBody, type GoalField } from './care-plans-model.ts';

const MESSAGES: Partial<Record<GoalField, Message>> = {
  description: { key: 'carePlans.goals.fieldErrors.description' },
  'measure.target': { key: 'carePlans.goals.fieldErrors.target' },
  'measure.measure': { key: 'carePlans.goals.fieldErrors.measure' },
  targetDate: { key: 'carePlans.goals.fieldErrors.targetDate' },
};

/** Sets a measurable goal for the episode: a questionnaire target or the counselor's own. */
export function GoalForm({
  episodeId,
  onCreated,
}: {
  episodeId: string;
  onCreated: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const [locale] = useLocale();
  const [done, setDone] = useState(false);
  const form = useForm('goal-add', GOAL_FIELDS, GOAL_DEFAULTS);
  const instrument = form.values['measure.kind'] !== 'custom';
  const title = (code: AssessmentCode) => ASSESSMENTS[code].title[locale];
  const onSubmit = schemaSubmit(
    form,
    {
      schema: goalInputSchema,
      toBody: (values) => goalBody(episodeId, values),
      messages: MESSAGES,
    },
    async (body) => {
      setDone(false);
      await createGoal(body);
      form.reset(GOAL_DEFAULTS);
      await onCreated();
      setDone(true);
    },
    { not_found: 'carePlans.goals.add.noEpisode' },
  );
  return (
    <FormPanel
      form={form}
      onSubmit={onSubmit}
      heading={t('carePlans.goals.add.heading')}
      level={3}
      className="subpanel"
      submitLabel={t('carePlans.goals.add.submit')}
      status={done && t('carePlans.goals.add.done')}
      statusTestId="goal-add-done"
    >
      <TextField
        form={form}
        name="description"
        label={t('carePlans.goals.add.description')}
        hint={t('carePlans.goals.add.descriptionHint')}
        maxLength={4000}
        multiline
        rows={3}
        required
      />
      <SelectField
        form={form}
        name="measure.kind"
        label={t('carePlans.goals.add.kind')}
        options={(['instrument', 'custom'] as const).map((kind) => ({
          value: kind,
          label: t(`carePlans.goals.add.kinds.${kind}`),
        }))}
        required
      />
      {instrument ? (
        <>
          <SelectField
            form={form}
            name="measure.instrument"
            label={t('carePlans.goals.add.instrument')}
            options={GOAL_INSTRUMENTS.map((code) => ({ value: code, label: title(code) }))}
            required
          />
          <SelectField
            form={form}
            name="measure.comparator"
            label={t('carePlans.goals.add.comparator')}
            options={GOAL_COMPARATORS.map((c) => ({
              value: c,
              label: t(`carePlans.goals.comparator.${c}`),
            }))}
            required
          />
          <TextField
            form={form}
            name="measure.target"
            label={t('carePlans.goals.add.target')}
            inputMode="numeric"
            maxLength={4}
            required
          />
        </>
      ) : (
        <>
          <TextField
            form={form}
            name="measure.measure"
            label={t('carePlans.goals.add.measure')}
            hint={t('carePlans.goals.add.measureHint')}
            maxLength={500}
            required
          />
          <TextField
            form={form}
            name="measure.target"
            label={t('carePlans.goals.add.customTarget')}
            maxLength={500}
            required
          />
        </>
      )}
      <TextField
        form={form}
        name="targetDate"
        label={t('carePlans.goals.add.targetDate')}
        type="date"
        required
      />
    </FormPanel>
  );
}
