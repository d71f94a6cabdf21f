import {
  goalStatusInputSchema,
  PROGRESS_RATINGS,
  progressReviewInputSchema,
  type Goal,
} from '@anxin/common';
import { useTranslation } from 'react-i18next';
import { SelectField } from '../../components/choice-fields.tsx';
import { TextField } from '../../components/form.tsx';
import { FormPanel } from '../../components/form-panel.tsx';
import { useForm } from '../../lib/use-form.ts';
import { schemaSubmit } from '../counselors/form-helpers.ts';
import { changeGoalStatus, reviewGoal } from './care-plans-api.ts';
import {
  GOAL_STATUS_FIELDS,
  goalStatusBody,
  localDay,
  REVIEW_FIELDS,
  reviewBody,
} from './care-plans-model.ts';

interface GoalActionProps {
  goal: Goal;
  /** Shows the goal as the server answered, and closes the form. */
  onDone: (goal: Goal) => void;
  onCancel: () => void;
}

/** Appends a progress review (reviews are never edited: a correction is another review). */
export function ReviewForm({ goal, onDone, onCancel }: GoalActionProps) {
  const { t } = useTranslation();
  const form = useForm('goal-review', REVIEW_FIELDS, {
    reviewedOn: localDay(),
    rating: 'some_progress',
  });
  const onSubmit = schemaSubmit(
    form,
    {
      schema: progressReviewInputSchema,
      toBody: reviewBody,
      messages: { reviewedOn: { key: 'carePlans.goals.fieldErrors.reviewedOn' } },
    },
    async (body) => {
      onDone(await reviewGoal(goal.id, body));
    },
  );
  return (
    <FormPanel
      form={form}
      onSubmit={onSubmit}
      heading={t('carePlans.goals.reviewForm.heading')}
      level={4}
      className="subpanel"
      submitLabel={t('carePlans.goals.reviewForm.submit')}
      onCancel={onCancel}
    >
      <TextField
        form={form}
        name="reviewedOn"
        label={t('carePlans.goals.reviewForm.reviewedOn')}
        type="date"
        required
      />
      <SelectField
        form={form}
        name="rating"
        label={t('carePlans.goals.reviewForm.rating')}
        options={PROGRESS_RATINGS.map((rating) => ({
          value: rating,
          label: t(`carePlans.goals.rating.${rating}`),
        }))}
        required
      />
      <TextField
        form={form}
        name="note"
        label={t('carePlans.goals.reviewForm.note')}
        hint={t('carePlans.goals.reviewForm.noteHint')}
        maxLength={4000}
        multiline
        rows={3}
      />
    </FormPanel>
  );
}

/** Ends an active goal as achieved or discontinued, with an optional reason. */
export function StatusForm({ goal, onDone, onCancel }: GoalActionProps) {
  const { t } = useTranslation();
  const form = useForm('goal-status', GOAL_STATUS_FIELDS, { status: 'achieved' });
  const onSubmit = schemaSubmit(
    form,
    { schema: goalStatusInputSchema, toBody: goalStatusBody, messages: {} },
    async (body) => {
      onDone(await changeGoalStatus(goal.id, body));
    },
  );
  return (
    <FormPanel
      form={form}
      onSubmit={onSubmit}
      heading={t('carePlans.goals.statusForm.heading')}
      level={4}
      className="subpanel"
      submitLabel={t('carePlans.goals.statusForm.submit')}
      onCancel={onCancel}
    >
      <SelectField
        form={form}
        name="status"
        label={t('carePlans.goals.statusForm.status')}
        options={(['achieved', 'discontinued'] as const).map((status) => ({
          value: status,
          label: t(`carePlans.goals.statusForm.statuses.${status}`),
        }))}
        required
      />
      <TextField
        form={form}
        name="reason"
        label={t('carePlans.goals.statusForm.reason')}
        hint={t('carePlans.goals.statusForm.reasonHint')}
        maxLength={2000}
        multiline
        rows={2}
      />
    </FormPanel>
  );
}
