import { ASSESSMENTS, type AssessmentTask } from '@anxin/common';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDateFormat } from '../../app/use-date-format.ts';
import { Loaded } from '../../components/load-state.tsx';
import { PageFrame } from '../../components/page-frame.tsx';
import { useLocale } from '../../i18n/use-locale.ts';
import { useResource } from '../../lib/use-resource.ts';
import { listMyAssessments } from './assessments-api.ts';
import './assessments.css';

/** `/me/assessments`: the client's questionnaires, those to fill in first. No scores. */
export function MyAssessmentsPage() {
  const { t } = useTranslation();
  const tasks = useResource('my-assessments', listMyAssessments);
  return (
    <PageFrame
      testId="my-assessments-page"
      title={t('assessments.mine.title')}
      lead={t('assessments.mine.lead')}
    >
      <Loaded resource={tasks}>
        {(items) => (
          <>
            <TaskSection
              heading={t('assessments.mine.open')}
              empty={t('assessments.mine.noneOpen')}
              tasks={items.filter((task) => task.status === 'assigned')}
              testId="my-assessments-open"
            />
            <TaskSection
              heading={t('assessments.mine.past')}
              empty={t('assessments.mine.nonePast')}
              tasks={items.filter((task) => task.status !== 'assigned')}
              testId="my-assessments-past"
            />
          </>
        )}
      </Loaded>
    </PageFrame>
  );
}

interface TaskSectionProps {
  heading: string;
  empty: string;
  tasks: readonly AssessmentTask[];
  testId: string;
}

function TaskSection({ heading, empty, tasks, testId }: TaskSectionProps) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} data-testid={testId}>
      <h2 id={headingId}>{heading}</h2>
      {tasks.length === 0 ? (
        <p className="field__hint">{empty}</p>
      ) : (
        <ul className="card-list">
          {tasks.map((task) => (
            <TaskCard key={task.id} task={task} />
          ))}
        </ul>
      )}
    </section>
  );
}

function TaskCard({ task }: { task: AssessmentTask }) {
  const { t } = useTranslation();
  const [locale] = useLocale();
  const formatDate = useDateFormat();
  const title = ASSESSMENTS[task.assessmentCode].title[locale];
  return (
    <li
      className="card card--plain assessment-task"
      data-testid="my-assessment"
      data-id={task.id}
      data-status={task.status}
    >
      <h3>{title}</h3>
      <p className="field__hint">
        {task.completedAt
          ? t('assessments.mine.completedOn', { date: formatDate(task.completedAt) })
          : t('assessments.mine.assignedOn', { date: formatDate(task.assignedAt) })}
        {task.status === 'cancelled' && ` · ${t('assessments.status.cancelled')}`}
      </p>
      {task.status === 'assigned' && (
        <Link
          className="button"
          to={`/me/assessments/${encodeURIComponent(task.id)}`}
          data-testid="my-assessment-open"
        >
          {t('assessments.mine.start')}
        </Link>
      )}
    </li>
  );
}
