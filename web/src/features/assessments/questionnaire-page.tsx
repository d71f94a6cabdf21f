import { ASSESSMENTS, type Answers, type AssessmentTask } from '@anxin/common';
import { useEffect, useId, useRef, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Loaded, LoadError } from '../../components/load-state.tsx';
import { PageFrame } from '../../components/page-frame.tsx';
import { useLocale } from '../../i18n/use-locale.ts';
import { ApiError, isNotFound } from '../../lib/api.ts';
import { FailureAlert, failureOf, type Failure } from '../counselors/action-state.tsx';
import { useResource } from '../../lib/use-resource.ts';
import { getMyAssessment, submitAnswers } from './assessments-api.ts';
import { CrisisSupport } from './crisis-support.tsx';
import { QuestionCard } from './question-card.tsx';
import { askedItems, needsSupport, progressOf, unanswered, withAnswer } from './questionnaire.ts';
import './assessments.css';

/** `/me/assessments/:id`: the client fills in one questionnaire. */
export function QuestionnairePage() {
  const { t } = useTranslation();
  const [locale] = useLocale();
  const { id = '' } = useParams();
  const task = useResource(`my-assessment:${id}`, (signal) => getMyAssessment(id, signal));
  const def = task.status === 'ready' ? ASSESSMENTS[task.data.assessmentCode] : null;
  return (
    <PageFrame
      testId="questionnaire-page"
      title={def?.title[locale] ?? t('assessments.fill.title')}
      lead={def?.instructions[locale]}
    >
      <Loaded
        resource={task}
        failure={(error) =>
          isNotFound(error) ? (
            <div className="form-alert" role="alert" data-testid="questionnaire-unavailable">
              <p>{t('assessments.fill.unavailable')}</p>
              <p>
                <Link to="/me/assessments">{t('assessments.fill.backToList')}</Link>
              </p>
            </div>
          ) : (
            <LoadError error={error} onRetry={task.reload} testId="questionnaire-error" />
          )
        }
      >
        {(data) =>
          data.status === 'assigned' ? (
            <Questionnaire task={data} />
          ) : (
            <div className="notice" data-testid="questionnaire-closed">
              <p>
                {data.status === 'completed'
                  ? t('assessments.fill.alreadyDone')
                  : t('assessments.fill.cancelled')}
              </p>
              <p>
                <Link to="/me/assessments">{t('assessments.fill.backToList')}</Link>
              </p>
            </div>
          )
        }
      </Loaded>
    </PageFrame>
  );
}

/** The questions asked now (skip logic), a progress bar, and the submission. */
function Questionnaire({ task }: { task: AssessmentTask }) {
  const { t } = useTranslation();
  const def = ASSESSMENTS[task.assessmentCode];
  const [answers, setAnswers] = useState<Answers>({});
  const [missing, setMissing] = useState<readonly string[]>([]);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [done, setDone] = useState<{ support: boolean } | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const progressId = useId();
  const asked = askedItems(def, answers);
  const progress = progressOf(def, answers);

  if (done) return <ThankYou support={done.support} />;

  const focusQuestion = (code: string | undefined) => {
    formRef.current
      ?.querySelector<HTMLInputElement>(`[data-question="${code ?? ''}"] input`)
      ?.focus();
  };

  const onSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const left = unanswered(def, answers);
    setMissing(left);
    setFailure(null);
    if (left.length > 0) {
      focusQuestion(left[0]);
      return;
    }
    setBusy(true);
    submitAnswers(task.id, answers).then(
      () => {
        setDone({ support: needsSupport(def, answers) });
      },
      (error: unknown) => {
        setBusy(false);
        // Problems name their items (`body.answers.<item>`): point at those questions.
        const items =
          error instanceof ApiError
            ? error.errors.flatMap((issue) => {
                const match = /^body\.answers\.(.+)$/.exec(issue.path);
                return match?.[1] ? [match[1]] : [];
              })
            : [];
        if (items.length > 0) {
          setMissing(items);
          focusQuestion(items[0]);
        } else setFailure(failureOf(error));
      },
    );
  };

  return (
    <form ref={formRef} className="questionnaire" noValidate onSubmit={onSubmit}>
      <div className="questionnaire__progress">
        <p id={progressId} data-testid="questionnaire-progress">
          {t('assessments.fill.progress', progress)}
        </p>
        <progress
          className="progress"
          max={progress.total}
          value={progress.answered}
          aria-labelledby={progressId}
        />
      </div>
      {asked.map((item, index) => (
        <QuestionCard
          key={item.code}
          item={item}
          number={index + 1}
          total={asked.length}
          answer={answers[item.code]}
          missing={missing.includes(item.code)}
          onAnswer={(option) => {
            setAnswers(withAnswer(def, answers, item.code, option));
            setMissing(missing.filter((code) => code !== item.code));
          }}
        />
      ))}
      {missing.length > 0 && (
        <p className="form-alert" role="alert" data-testid="questionnaire-missing">
          {t('assessments.fill.missing', { count: missing.length })}
        </p>
      )}
      {failure && <FailureAlert failure={failure} testId="questionnaire-error" />}
      <div className="actions">
        <button
          type="submit"
          className="button"
          data-testid="questionnaire-submit"
          aria-disabled={busy || undefined}
        >
          {busy ? t('form.working') : t('assessments.fill.submit')}
        </button>
      </div>
    </form>
  );
}

/** After the submission: thanks, and where the answers spoke of risk, the crisis lines. */
function ThankYou({ support }: { support: boolean }) {
  const { t } = useTranslation();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const headingId = useId();
  useEffect(() => {
    headingRef.current?.focus();
  }, []);
  return (
    <>
      <section
        className="panel panel--important"
        aria-labelledby={headingId}
        data-testid="questionnaire-done"
      >
        <h2 id={headingId} ref={headingRef} tabIndex={-1}>
          {t('assessments.done.heading')}
        </h2>
        <p>{t('assessments.done.body')}</p>
        <p>
          <Link to="/me/assessments">{t('assessments.fill.backToList')}</Link>
        </p>
      </section>
      {support && <CrisisSupport />}
    </>
  );
}
