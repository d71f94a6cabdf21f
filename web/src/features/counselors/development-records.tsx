import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionButton, ActionOutcome, useActionState } from './action-state.tsx';
import { trainingEvidenceUrl, type getDevelopment } from './counselor-api.ts';
import { formatHours, progressRatio } from './counselor-format.ts';
import { useDayFormat } from './use-day-format.ts';

export type Summary = Awaited<ReturnType<typeof getDevelopment>>;
type TrainingRecord = Summary['training'][number];
type SupervisionSession = Summary['supervision'][number];

/** h2 on the counselor's own page; h3 inside an administrator's section. */
type Level = 2 | 3;

function headings(level: Level) {
  return level === 2 ? (['h2', 'h3'] as const) : (['h3', 'h4'] as const);
}

/** This year's hours against the requirement. */
export function Progress({ summary, level = 2 }: { summary: Summary; level?: Level }) {
  const { t, i18n } = useTranslation();
  const hours = (value: number) => formatHours(value, i18n.language);
  const headingId = useId();
  const labelId = useId();
  const [Heading] = headings(level);
  const ratio = progressRatio(summary.trainingHours, summary.requiredHours);
  return (
    <section className={level === 2 ? 'panel' : undefined} aria-labelledby={headingId}>
      <Heading id={headingId}>
        {t('counselors.development.progressHeading', { year: summary.year })}
      </Heading>
      <p id={labelId} data-testid="development-progress-text">
        {t('counselors.development.progress', {
          done: hours(summary.trainingHours),
          required: hours(summary.requiredHours),
        })}
      </p>
      <progress
        className="progress"
        max={100}
        value={Math.round(ratio * 100)}
        aria-labelledby={labelId}
        data-testid="development-progress"
      />
      <p data-testid="development-shortfall">
        {summary.shortfallHours > 0
          ? t('counselors.development.shortfall', { hours: hours(summary.shortfallHours) })
          : t('counselors.development.met')}
      </p>
      <p>
        {t('counselors.development.supervisionHours', { hours: hours(summary.supervisionHours) })}
      </p>
    </section>
  );
}

interface RecordSectionProps<T extends { id: string }> {
  /** Prefix of the test ids: `<kind>-list`, `<kind>-row`, `<kind>-empty`, `<kind>-delete…`. */
  kind: 'training' | 'supervision';
  heading: string;
  level: Level;
  items: readonly T[];
  empty: string;
  title: (item: T) => ReactNode;
  body: (item: T) => ReactNode;
  /** Offers a delete button on each record. */
  onDelete?: ((id: string) => Promise<void>) | undefined;
  /** After the list, e.g. the form that adds a record. */
  children?: ReactNode;
}

/** One kind of record of the year as cards, each deletable when `onDelete` is given. */
function RecordSection<T extends { id: string }>({
  kind,
  heading,
  level,
  items,
  empty,
  title,
  body,
  onDelete,
  children,
}: RecordSectionProps<T>) {
  const { t } = useTranslation();
  const headingId = useId();
  const action = useActionState();
  const [Heading, CardHeading] = headings(level);
  return (
    <section aria-labelledby={headingId}>
      <Heading id={headingId}>{heading}</Heading>
      {onDelete && <ActionOutcome state={action} testId={`${kind}-delete`} />}
      {items.length === 0 ? (
        <p data-testid={`${kind}-empty`}>{empty}</p>
      ) : (
        <ul className="card-list" data-testid={`${kind}-list`}>
          {items.map((item) => (
            <li key={item.id} className="card card--plain" data-testid={`${kind}-row`}>
              <CardHeading className="card__title">{title(item)}</CardHeading>
              {body(item)}
              {onDelete && (
                <div className="actions">
                  <ActionButton
                    state={action}
                    id={item.id}
                    testId={`${kind}-delete-button`}
                    label={t('counselors.delete')}
                    action={() => onDelete(item.id)}
                    success={{ key: 'counselors.development.deleted' }}
                    small
                  />
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {children}
    </section>
  );
}

interface TrainingRecordsProps {
  profileId: string;
  summary: Summary;
  level?: Level;
  onDelete?: (id: string) => Promise<void>;
  /** Under each record's facts, e.g. the upload of its evidence. */
  extra?: (record: TrainingRecord) => ReactNode;
  children?: ReactNode;
}

export function TrainingRecords({
  profileId,
  summary,
  level = 2,
  onDelete,
  extra,
  children,
}: TrainingRecordsProps) {
  const { t, i18n } = useTranslation();
  const formatDay = useDayFormat();
  return (
    <RecordSection
      kind="training"
      heading={t('counselors.development.trainingHeading')}
      level={level}
      items={summary.training}
      empty={t('counselors.development.trainingEmpty', { year: summary.year })}
      title={(record) => record.title}
      body={(record) => (
        <>
          <dl className="facts">
            <dt>{t('counselors.fields.provider')}</dt>
            <dd>{record.provider}</dd>
            <dt>{t('counselors.fields.category')}</dt>
            <dd>{record.category}</dd>
            <dt>{t('counselors.fields.hours')}</dt>
            <dd>{formatHours(record.hours, i18n.language)}</dd>
            <dt>{t('counselors.fields.completedOn')}</dt>
            <dd>{formatDay(record.completedOn)}</dd>
            <dt>{t('counselors.fields.evidence')}</dt>
            <dd>
              {record.evidence ? (
                <a href={trainingEvidenceUrl(profileId, record.id)} download>
                  {t('counselors.development.evidenceDownload')}
                </a>
              ) : (
                t('counselors.development.noEvidence')
              )}
            </dd>
          </dl>
          {extra?.(record)}
        </>
      )}
      onDelete={onDelete}
    >
      {children}
    </RecordSection>
  );
}

interface SupervisionRecordsProps {
  summary: Summary;
  level?: Level;
  onDelete?: (id: string) => Promise<void>;
  children?: ReactNode;
}

export function SupervisionRecords({
  summary,
  level = 2,
  onDelete,
  children,
}: SupervisionRecordsProps) {
  const { t, i18n } = useTranslation();
  const formatDay = useDayFormat();
  return (
    <RecordSection
      kind="supervision"
      heading={t('counselors.development.supervisionHeading')}
      level={level}
      items={summary.supervision}
      empty={t('counselors.development.supervisionEmpty', { year: summary.year })}
      title={(session: SupervisionSession) =>
        t('counselors.development.sessionTitle', {
          name: session.supervisorName,
          date: formatDay(session.heldOn),
        })
      }
      body={(session) => (
        <dl className="facts">
          <dt>{t('counselors.fields.hours')}</dt>
          <dd>{formatHours(session.hours, i18n.language)}</dd>
          {session.notes && (
            <>
              <dt>{t('counselors.fields.notes')}</dt>
              <dd className="prose">{session.notes}</dd>
            </>
          )}
        </dl>
      )}
      onDelete={onDelete}
    >
      {children}
    </RecordSection>
  );
}
