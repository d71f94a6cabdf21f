import type { AssessmentItem } from '@anxin/common';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../i18n/use-locale.ts';

interface QuestionCardProps {
  item: AssessmentItem;
  /** Its place among the questions asked now, from 1. */
  number: number;
  total: number;
  answer: string | undefined;
  missing: boolean;
  onAnswer: (option: string) => void;
}

/**
 * One question as a card: its wording as the group's legend, each answer a whole-width radio
 * row (a large target on a phone), and a note when it was left out.
 */
export function QuestionCard({
  item,
  number,
  total,
  answer,
  missing,
  onAnswer,
}: QuestionCardProps) {
  const { t } = useTranslation();
  const [locale] = useLocale();
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <fieldset
      className={missing ? 'question question--missing' : 'question'}
      data-testid={`question-${item.code}`}
      data-question={item.code}
      aria-describedby={missing ? errorId : undefined}
    >
      <legend className="question__legend">
        <span className="question__number">
          {t('assessments.fill.number', { number, total })}
          {!item.required && ` ${t('assessments.fill.optional')}`}
        </span>
        <span className="question__text">{item.text[locale]}</span>
      </legend>
      <div className="question__options">
        {item.options.map((option) => {
          const chosen = answer === option.code;
          return (
            <label key={option.code} className={chosen ? 'answer answer--chosen' : 'answer'}>
              <input
                type="radio"
                name={`${id}-${item.code}`}
                value={option.code}
                checked={chosen}
                aria-invalid={missing || undefined}
                data-testid={`answer-${item.code}-${option.code}`}
                onChange={() => {
                  onAnswer(option.code);
                }}
              />
              <span>{option.label[locale]}</span>
            </label>
          );
        })}
      </div>
      {missing && (
        <p id={errorId} className="field__error" data-testid={`question-${item.code}-error`}>
          {t('assessments.fill.answerThis')}
        </p>
      )}
    </fieldset>
  );
}
