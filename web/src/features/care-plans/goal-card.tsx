import { ASSESSMENTS, type Goal, type GoalScore } from '@anxin/common';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDateFormat } from '../../app/use-date-format.ts';
import { useLocale } from '../../i18n/use-locale.ts';
import { ReviewForm, StatusForm } from './goal-actions.tsx';
import { GoalForm } from './goal-form.tsx';

/** The instrument's title, when the goal is measured by one. */
function useInstrumentTitle(goal: Goal): string | null {
  const [locale] = useLocale();
  return goal.measure.kind === 'instrument'
    ? ASSESSMENTS[goal.measure.instrument].title[locale]
    : null;
}

function MeasureLine({ goal }: { goal: Goal }) {
  const { t } = useTranslation();
  const instrument = useInstrumentTitle(goal);
  const m = goal.measure;
  return (
    <p data-testid="goal-measure">
      {m.kind === 'instrument'
        ? t('carePlans.goals.instrumentMeasure', {
            instrument: instrument ?? '',
            comparator: t(`carePlans.goals.comparator.${m.comparator}`),
            target: m.target,
          })
        : t('carePlans.goals.customMeasure', { measure: m.measure, target: m.target })}{' '}
      · {t('carePlans.goals.targetDate', { date: goal.targetDate })}
    </p>
  );
}

function ScoreLine({ goal, score }: { goal: Goal; score: GoalScore | null }) {
  const { t } = useTranslation();
  const format = useDateFormat();
  const instrument = useInstrumentTitle(goal);
  if (instrument === null) return null;
  if (!score) {
    return <p className="cell-note">{t('carePlans.goals.noScore', { instrument })}</p>;
  }
  return (
    <p className="cell-note" data-testid="goal-latest-score" data-met={String(score.met)}>
      {t('carePlans.goals.latestScore', {
        instrument,
        total: score.total,
        date: format(score.completedAt),
      })}{' '}
      <span className="badge">
        {score.met ? t('carePlans.goals.met') : t('carePlans.goals.notMet')}
      </span>
    </p>
  );
}

function Reviews({ goal }: { goal: Goal }) {
  const { t } = useTranslation();
  const instrument = useInstrumentTitle(goal);
  if (goal.reviews.length === 0) {
    return <p className="cell-note">{t('carePlans.goals.noReviews')}</p>;
  }
  return (
    <ol className="care-plan__reviews" data-testid="goal-reviews">
      {goal.reviews.map((review) => (
        <li key={review.id} data-testid="goal-review" data-rating={review.rating}>
          <p>
            {t('carePlans.goals.review', {
              date: review.reviewedOn,
              rating: t(`carePlans.goals.rating.${review.rating}`),
              author: review.authorName,
            })}
          </p>
          {review.score && instrument && (
            <p className="cell-note">
              {t('carePlans.goals.reviewScore', { instrument, total: review.score.total })}
            </p>
          )}
          {review.note && <p className="care-plan__text">{review.note}</p>}
        </li>
      ))}
    </ol>
  );
}

/** One goal: what it is, how it is measured, where it stands, its reviews and what can be done. */
type GoalAction = 'review' | 'status' | 'revise';
const CAN = { review: 'review', status: 'changeStatus', revise: 'revise' } as const;
const GOAL_ACTIONS = [
  ['review', 'carePlans.goals.openReview'],
  ['status', 'carePlans.goals.openStatus'],
  ['revise', 'carePlans.goals.openRevise'],
] as const satisfies readonly (readonly [GoalAction, string])[];

interface GoalCardProps {
  goal: Goal;
  /** The goal as the server answered after a review or a change of status. */
  onChanged: (goal: Goal) => void;
  /** A revision changes two goals (the old one is now `revised`): the list is read again. */
  onRevised: () => Promise<void>;
}

export function GoalCard({ goal, onChanged, onRevised }: GoalCardProps) {
  const { t } = useTranslation();
  const format = useDateFormat();
  const [open, setOpen] = useState<GoalAction | null>(null);
  // The actions the server said this reader may take on this goal, in the order offered.
  const offered = GOAL_ACTIONS.filter(([action]) => goal.can[CAN[action]]);
  const done = (next: Goal) => {
    setOpen(null);
    onChanged(next);
  };
  const close = () => {
    setOpen(null);
  };
  return (
    <li className="card card--plain" data-testid="goal" data-status={goal.status}>
      <p>
        <span className="badge" data-testid="goal-status">
          {t(`carePlans.goals.status.${goal.status}`)}
        </span>
      </p>
      <p className="care-plan__text" data-testid="goal-description">
        {goal.description}
      </p>
      <MeasureLine goal={goal} />
      <ScoreLine goal={goal} score={goal.latestScore} />
      <p className="cell-note">
        {t('carePlans.goals.by', { author: goal.authorName, date: format(goal.createdAt) })}
      </p>
      {goal.previousGoalId && <p className="cell-note">{t('carePlans.goals.revises')}</p>}
      {goal.nextGoalId && <p className="cell-note">{t('carePlans.goals.revised')}</p>}
      {goal.statusReason && (
        <p className="cell-note">
          {t('carePlans.goals.statusReason', { reason: goal.statusReason })}
        </p>
      )}
      <h3>{t('carePlans.goals.reviews')}</h3>
      <Reviews goal={goal} />
      {open === 'review' && <ReviewForm goal={goal} onDone={done} onCancel={close} />}
      {open === 'status' && <StatusForm goal={goal} onDone={done} onCancel={close} />}
      {open === 'revise' && (
        <GoalForm
          mode="revise"
          goal={goal}
          onSaved={() => {
            setOpen(null);
            void onRevised();
          }}
          onCancel={close}
        />
      )}
      {open === null && offered.length > 0 && (
        <div className="actions">
          {offered.map(([action, label]) => (
            <button
              key={action}
              type="button"
              className="button button--secondary button--small"
              data-testid={`goal-open-${action}`}
              onClick={() => {
                setOpen(action);
              }}
            >
              {t(label)}
            </button>
          ))}
        </div>
      )}
    </li>
  );
}
