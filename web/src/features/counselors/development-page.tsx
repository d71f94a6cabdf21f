import {
  DOCUMENT_MEDIA_TYPES,
  supervisionSessionInputSchema,
  trainingRecordInputSchema,
  type CounselorProfile,
} from '@anxin/common';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Form, SubmitButton, TextField } from '../../components/form.tsx';
import { LoadError, Loading } from '../../components/load-state.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import type { Message } from '../../i18n/keys.ts';
import { validateBody } from '../../lib/form-errors.ts';
import { useForm } from '../../lib/use-form.ts';
import { ActionOutcome, useActionState } from './action-state.tsx';
import {
  addSupervision,
  addTraining,
  deleteSupervision,
  deleteTraining,
  getDevelopment,
  getMyProfile,
  trainingEvidenceUrl,
  uploadTrainingEvidence,
} from './counselor-api.ts';
import {
  currentYear,
  formatHours,
  parseHours,
  progressRatio,
  yearFromParam,
} from './counselor-format.ts';
import { CounselorSubnav } from './counselor-subnav.tsx';
import { FileUpload, InputField } from './fields.tsx';
import { checkedSubmit, errorsWithMessages } from './form-helpers.ts';
import { NoProfileYet } from './qualifications-page.tsx';
import { useDayFormat } from './use-day-format.ts';
import { useLiveResource } from './use-live-resource.ts';
import { YearSelect } from './year-select.tsx';

type Summary = Awaited<ReturnType<typeof getDevelopment>>;

/** Continuing education and supervision (C5): this year's hours against the requirement. */
export function DevelopmentPage() {
  const { t } = useTranslation();
  const profile = useLiveResource('counselor-me', getMyProfile);
  const [params, setParams] = useSearchParams();
  const thisYear = currentYear();
  const year = yearFromParam(params.get('year'), thisYear);
  return (
    <div className="page page--wide" data-testid="development-page">
      <PageHeading title={t('counselors.development.title')}>
        {t('counselors.development.heading')}
      </PageHeading>
      <CounselorSubnav />
      <p className="lead">{t('counselors.development.intro')}</p>
      <YearSelect
        year={year}
        thisYear={thisYear}
        testId="development-year"
        onChange={(next) => {
          setParams(next === thisYear ? {} : { year: String(next) });
        }}
      />
      {profile.status === 'loading' && <Loading />}
      {profile.status === 'error' && <LoadError error={profile.error} onRetry={profile.reload} />}
      {profile.status === 'ready' && profile.data === null && <NoProfileYet />}
      {profile.status === 'ready' && profile.data !== null && (
        <Development profile={profile.data} year={year} />
      )}
    </div>
  );
}

function Development({ profile, year }: { profile: CounselorProfile; year: number }) {
  const summary = useLiveResource(`development:${profile.id}:${year}`, (signal) =>
    getDevelopment(profile.id, year, signal),
  );
  if (summary.status === 'loading') return <Loading />;
  if (summary.status === 'error')
    return <LoadError error={summary.error} onRetry={summary.reload} />;
  return (
    <>
      <Progress summary={summary.data} />
      <TrainingSection
        profileId={profile.id}
        year={year}
        summary={summary.data}
        onChanged={summary.refresh}
      />
      <SupervisionSection
        profileId={profile.id}
        year={year}
        summary={summary.data}
        onChanged={summary.refresh}
      />
    </>
  );
}

function Progress({ summary }: { summary: Summary }) {
  const { t, i18n } = useTranslation();
  const hours = (value: number) => formatHours(value, i18n.language);
  const labelId = useId();
  const ratio = progressRatio(summary.trainingHours, summary.requiredHours);
  return (
    <section className="panel" aria-labelledby="development-progress-heading">
      <h2 id="development-progress-heading">
        {t('counselors.development.progressHeading', { year: summary.year })}
      </h2>
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

const TRAINING_FIELDS = ['title', 'provider', 'category', 'hours', 'completedOn'] as const;
const HOURS_MESSAGE: Message = { key: 'counselors.fieldErrors.hours' };

function TrainingSection({
  profileId,
  year,
  summary,
  onChanged,
}: {
  profileId: string;
  year: number;
  summary: Summary;
  onChanged: () => Promise<void>;
}) {
  const { t, i18n } = useTranslation();
  const formatDay = useDayFormat();
  const headingId = useId();
  const action = useActionState();
  const [added, setAdded] = useState(false);
  const form = useForm('training', TRAINING_FIELDS);
  const toBody = (values: Readonly<Record<(typeof TRAINING_FIELDS)[number], string>>) => ({
    title: values.title,
    provider: values.provider,
    category: values.category,
    hours: parseHours(values.hours) ?? Number.NaN,
    completedOn: values.completedOn,
  });
  const onSubmit = checkedSubmit(
    form,
    (values) =>
      errorsWithMessages(
        validateBody(trainingRecordInputSchema, toBody(values)),
        TRAINING_FIELDS,
        {
          title: { key: 'counselors.fieldErrors.title' },
          provider: { key: 'counselors.fieldErrors.provider' },
          category: { key: 'counselors.fieldErrors.category' },
          hours: HOURS_MESSAGE,
          completedOn: { key: 'counselors.fieldErrors.date' },
        },
        values.hours.trim() !== '' && parseHours(values.hours) === null
          ? { hours: HOURS_MESSAGE }
          : {},
      ),
    form.onSubmit(async (values) => {
      setAdded(false);
      await addTraining(profileId, toBody(values));
      form.reset();
      await onChanged();
      setAdded(true);
    }),
  );
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t('counselors.development.trainingHeading')}</h2>
      <ActionOutcome state={action} testId="training-delete" />
      {summary.training.length === 0 ? (
        <p data-testid="training-empty">{t('counselors.development.trainingEmpty', { year })}</p>
      ) : (
        <ul className="card-list" data-testid="training-list">
          {summary.training.map((record) => (
            <li key={record.id} className="card card--plain" data-testid="training-row">
              <h3 className="card__title">{record.title}</h3>
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
              <FileUpload
                testId="training-evidence"
                label={t('counselors.development.evidenceLabel')}
                hint={t('counselors.qualifications.scanHint')}
                accept={DOCUMENT_MEDIA_TYPES.join(',')}
                upload={(file) => uploadTrainingEvidence(profileId, record.id, file)}
                onUploaded={onChanged}
              />
              <div className="actions">
                <button
                  type="button"
                  className="button button--secondary button--small"
                  data-testid="training-delete-button"
                  aria-disabled={action.busy !== null || undefined}
                  onClick={() => {
                    action.run(
                      record.id,
                      async () => {
                        await deleteTraining(profileId, record.id);
                        await onChanged();
                      },
                      { key: 'counselors.development.deleted' },
                    );
                  }}
                >
                  {action.busy === record.id ? t('form.working') : t('counselors.delete')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      <section className="panel" aria-labelledby={`${headingId}-add`}>
        <h3 id={`${headingId}-add`}>{t('counselors.development.addTraining')}</h3>
        <Form
          form={form}
          onSubmit={onSubmit}
          labelledBy={`${headingId}-add`}
          className="form--grid"
        >
          <TextField
            form={form}
            name="title"
            label={t('counselors.fields.trainingTitle')}
            maxLength={200}
            required
          />
          <TextField
            form={form}
            name="provider"
            label={t('counselors.fields.provider')}
            maxLength={120}
            required
          />
          <TextField
            form={form}
            name="category"
            label={t('counselors.fields.category')}
            hint={t('counselors.development.categoryHint')}
            maxLength={60}
            required
          />
          <InputField
            form={form}
            name="hours"
            label={t('counselors.fields.hours')}
            hint={t('counselors.development.hoursHint')}
            inputMode="decimal"
            maxLength={6}
            suffix={t('counselors.units.hours')}
            required
          />
          <TextField
            form={form}
            name="completedOn"
            type="date"
            label={t('counselors.fields.completedOn')}
            required
          />
          <div className="actions">
            <SubmitButton form={form}>{t('counselors.development.addTrainingSubmit')}</SubmitButton>
          </div>
        </Form>
        <p className="status-line" role="status" data-testid="training-added">
          {added && t('counselors.development.trainingAdded')}
        </p>
      </section>
    </section>
  );
}

const SUPERVISION_FIELDS = ['supervisorName', 'heldOn', 'hours', 'notes'] as const;

function SupervisionSection({
  profileId,
  year,
  summary,
  onChanged,
}: {
  profileId: string;
  year: number;
  summary: Summary;
  onChanged: () => Promise<void>;
}) {
  const { t, i18n } = useTranslation();
  const formatDay = useDayFormat();
  const headingId = useId();
  const action = useActionState();
  const [added, setAdded] = useState(false);
  const form = useForm('supervision', SUPERVISION_FIELDS);
  const toBody = (values: Readonly<Record<(typeof SUPERVISION_FIELDS)[number], string>>) => ({
    supervisorName: values.supervisorName,
    heldOn: values.heldOn,
    hours: parseHours(values.hours) ?? Number.NaN,
    ...(values.notes.trim() ? { notes: values.notes } : {}),
  });
  const onSubmit = checkedSubmit(
    form,
    (values) =>
      errorsWithMessages(
        validateBody(supervisionSessionInputSchema, toBody(values)),
        SUPERVISION_FIELDS,
        {
          supervisorName: { key: 'counselors.fieldErrors.supervisorName' },
          heldOn: { key: 'counselors.fieldErrors.date' },
          hours: HOURS_MESSAGE,
          notes: { key: 'counselors.fieldErrors.notes' },
        },
        values.hours.trim() !== '' && parseHours(values.hours) === null
          ? { hours: HOURS_MESSAGE }
          : {},
      ),
    form.onSubmit(async (values) => {
      setAdded(false);
      await addSupervision(profileId, toBody(values));
      form.reset();
      await onChanged();
      setAdded(true);
    }),
  );
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t('counselors.development.supervisionHeading')}</h2>
      <ActionOutcome state={action} testId="supervision-delete" />
      {summary.supervision.length === 0 ? (
        <p data-testid="supervision-empty">
          {t('counselors.development.supervisionEmpty', { year })}
        </p>
      ) : (
        <ul className="card-list" data-testid="supervision-list">
          {summary.supervision.map((session) => (
            <li key={session.id} className="card card--plain" data-testid="supervision-row">
              <h3 className="card__title">
                {t('counselors.development.sessionTitle', {
                  name: session.supervisorName,
                  date: formatDay(session.heldOn),
                })}
              </h3>
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
              <div className="actions">
                <button
                  type="button"
                  className="button button--secondary button--small"
                  data-testid="supervision-delete-button"
                  aria-disabled={action.busy !== null || undefined}
                  onClick={() => {
                    action.run(
                      session.id,
                      async () => {
                        await deleteSupervision(profileId, session.id);
                        await onChanged();
                      },
                      { key: 'counselors.development.deleted' },
                    );
                  }}
                >
                  {action.busy === session.id ? t('form.working') : t('counselors.delete')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      <section className="panel" aria-labelledby={`${headingId}-add`}>
        <h3 id={`${headingId}-add`}>{t('counselors.development.addSupervision')}</h3>
        <Form
          form={form}
          onSubmit={onSubmit}
          labelledBy={`${headingId}-add`}
          className="form--grid"
        >
          <TextField
            form={form}
            name="supervisorName"
            label={t('counselors.fields.supervisorName')}
            maxLength={100}
            required
          />
          <TextField
            form={form}
            name="heldOn"
            type="date"
            label={t('counselors.fields.heldOn')}
            required
          />
          <InputField
            form={form}
            name="hours"
            label={t('counselors.fields.hours')}
            hint={t('counselors.development.hoursHint')}
            inputMode="decimal"
            maxLength={6}
            suffix={t('counselors.units.hours')}
            required
          />
          <TextField
            form={form}
            name="notes"
            label={t('counselors.fields.notes')}
            hint={t('counselors.development.notesHint')}
            multiline
            rows={3}
            maxLength={5000}
          />
          <div className="actions">
            <SubmitButton form={form}>
              {t('counselors.development.addSupervisionSubmit')}
            </SubmitButton>
          </div>
        </Form>
        <p className="status-line" role="status" data-testid="supervision-added">
          {added && t('counselors.development.supervisionAdded')}
        </p>
      </section>
    </section>
  );
}
