import {
  ASSESSMENTS,
  GOAL_COMPARATORS,
  GOAL_INSTRUMENTS,
  goalInputSchema,
  goalRevisionInputSchema,
  type AssessmentCode,
  type Goal,
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
import { createGoal, reviseGoal } from './care-plans-api.ts';
import {
  GOAL_DEFAULTS,
  GOAL_FIELDS,
  goalBody,
  goalRevisionBody,
  goalRevisionDefaults,
  type GoalField,
} from './care-plans-model.ts';

const MESSAGES: Partial<Record<GoalField, Message>> = {
  description: { key: 'carePlans.goals.fieldErrors.description' },
  'measure.target': { key: 'carePlans.goals.fieldErrors.target' },
  'measure.measure': { key: 'carePlans.goals.fieldErrors.measure' },
  targetDate: { key: 'carePlans.goals.fieldErrors.targetDate' },
};

type GoalFormProps =
  | { mode: 'create'; episodeId: string; onSaved: () => Promise<void> }
  /** A revision: prefilled from the goal, asks why, and ends with the new goal. */
  | { mode: 'revise'; goal: Goal; onSaved: (next: Goal) => void; onCancel: () => void };

/**
 * Sets a measurable goal for the episode, a questionnaire target or the counselor's own; or
 * revises one, which the server keeps as a new goal linked to the old (never an edit).
 */
export function GoalForm(props: GoalFormProps) {
  const { t } = useTranslation();
  const [locale] = useLocale();
  const [done, setDone] = useState(false);
  const revising = props.mode === 'revise' ? props.goal : null;
  const defaults = revising ? goalRevisionDefaults(revising) : GOAL_DEFAULTS;
  const form = useForm(revising ? 'goal-revise' : 'goal-add', GOAL_FIELDS, defaults);
  const instrument = form.values['measure.kind'] !== 'custom';
  const title = (code: AssessmentCode) => ASSESSMENTS[code].title[locale];
  const onSubmit =
    props.mode === 'create'
      ? schemaSubmit(
          form,
          {
            schema: goalInputSchema,
            toBody: (values) => goalBody(props.episodeId, values),
            messages: MESSAGES,
          },
          async (body) => {
            setDone(false);
            await createGoal(body);
            form.reset(GOAL_DEFAULTS);
            await props.onSaved();
            setDone(true);
          },
          { not_found: 'carePlans.goals.add.noEpisode' },
        )
      : schemaSubmit(
          form,
          { schema: goalRevisionInputSchema, toBody: goalRevisionBody, messages: MESSAGES },
          async (body) => {
            props.onSaved(await reviseGoal(props.goal.id, body));
          },
        );
  const words = revising ? 'carePlans.goals.reviseForm' : 'carePlans.goals.add';
  return (
    <FormPanel
      form={form}
      onSubmit={onSubmit}
      heading={t(`${words}.heading`)}
      level={revising ? 4 : 3}
      className="subpanel"
      submitLabel={t(`${words}.submit`)}
      {...(props.mode === 'revise'
        ? { onCancel: props.onCancel }
        : { status: done && t('carePlans.goals.add.done'), statusTestId: 'goal-add-done' })}
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
      {revising && (
        <TextField
          form={form}
          name="reason"
          label={t('carePlans.goals.reviseForm.reason')}
          hint={t('carePlans.goals.reviseForm.reasonHint')}
          maxLength={2000}
          multiline
          rows={2}
        />
      )}
    </FormPanel>
  );
}
