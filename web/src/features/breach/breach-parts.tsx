import type { BreachIncident } from '@anxin/common';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDateFormat } from '../../app/use-date-format.ts';
import { countdown } from './breach-format.ts';

/** The clock, ticking each minute: countdowns move without a reload. */
export function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => {
      setNow(Date.now());
    }, 30_000);
    return () => {
      clearInterval(timer);
    };
  }, []);
  return now;
}

/** A deadline: its time, and how long is left or how long it is overdue, highlighted when late. */
export function Deadline({
  dueAt,
  done,
  overdue,
  testId,
}: {
  dueAt: string;
  done: boolean;
  overdue: boolean;
  testId: string;
}) {
  const { t } = useTranslation();
  const formatDate = useDateFormat();
  const now = useNow();
  const left = countdown(dueAt, now);
  return (
    <span data-testid={testId}>
      <time dateTime={dueAt}>{formatDate(dueAt)}</time>{' '}
      {done ? (
        <span className="status status--good">{t('breach.deadline.done')}</span>
      ) : overdue || left.overdue ? (
        <span className="status status--bad" data-testid={`${testId}-overdue`}>
          {t('breach.deadline.overdue', { hours: left.hours, minutes: left.minutes })}
        </span>
      ) : (
        <span className="status status--act">
          {t('breach.deadline.left', { hours: left.hours, minutes: left.minutes })}
        </span>
      )}
    </span>
  );
}

/** Both deadlines of an incident. */
export function IncidentDeadlines({ incident }: { incident: BreachIncident }) {
  const { t } = useTranslation();
  return (
    <dl className="facts">
      <dt>{t('breach.fields.reportDueAt')}</dt>
      <dd>
        <Deadline
          dueAt={incident.reportDueAt}
          done={incident.reportedAt !== null || incident.status === 'closed'}
          overdue={incident.reportOverdue}
          testId="breach-report-due"
        />
      </dd>
      {incident.notifyDueAt && (
        <>
          <dt>{t('breach.fields.notifyDueAt')}</dt>
          <dd>
            <Deadline
              dueAt={incident.notifyDueAt}
              done={
                incident.status === 'closed' ||
                (incident.affectedCount > 0 && incident.notifiedCount >= incident.affectedCount)
              }
              overdue={incident.notifyOverdue}
              testId="breach-notify-due"
            />
          </dd>
        </>
      )}
    </dl>
  );
}
