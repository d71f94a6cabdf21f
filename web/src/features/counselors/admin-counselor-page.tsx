import {
  COUNSELOR_EVENTS,
  STANDING_KINDS,
  standingActionInputSchema,
  transitionRequestSchema,
  type CounselorEvent,
  type CounselorProfile,
  type Qualification,
} from '@anxin/common';
import type { TFunction } from 'i18next';
import { useId, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { SelectField } from '../../components/choice-fields.tsx';
import { Form, TextField, useMessage } from '../../components/form.tsx';
import { LoadError, Loading } from '../../components/load-state.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { useDateFormat } from '../../app/use-date-format.ts';
import { useShellData } from '../../app/shell-data.ts';
import type { Message } from '../../i18n/keys.ts';
import { ApiError } from '../../lib/api.ts';
import { validateBody } from '../../lib/form-errors.ts';
import { useForm } from '../../lib/use-form.ts';
import {
  ActionOutcome,
  FailureAlert,
  failureOf,
  useActionState,
  type Failure,
} from './action-state.tsx';
import {
  addStanding,
  confirmCurrent,
  decideQualification,
  getProfile,
  qualificationFileUrl,
  recheck,
  transition,
} from './counselor-api.ts';
import {
  REASON_REQUIRED_EVENTS,
  TRANSITION_REASON_MIN,
  transitionEvents,
} from './counselor-format.ts';
import { Avatar, versionedPhoto } from './fields.tsx';
import { checkedSubmit, errorsWithMessages } from './form-helpers.ts';
import { ProfileFacts } from './profile-facts.tsx';
import { QualificationFacts, QualificationStatus } from './qualification-facts.tsx';
import { StatusBadge } from './status-banner.tsx';
import { useDayFormat } from './use-day-format.ts';
import { useLiveResource } from './use-live-resource.ts';
import { useVocabularies, type Vocabularies } from './use-vocabularies.ts';

type Refresh = () => Promise<void>;

/** One application as a reviewer sees it: everything needed to decide, and the decisions. */
export function AdminCounselorPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { actor } = useShellData();
  const profile = useLiveResource(`admin-counselor:${id}`, (signal) => getProfile(id, signal));
  const vocabularies = useVocabularies();
  const missing =
    profile.status === 'error' && profile.error instanceof ApiError && profile.error.status === 404;

  return (
    <div className="page page--wide" data-testid="admin-counselor-page">
      <PageHeading title={t('counselors.adminDetail.title')}>
        {profile.status === 'ready'
          ? profile.data.displayName
          : t('counselors.adminDetail.heading')}
      </PageHeading>
      {actor?.abilities.includes('counselor.list') && (
        <p>
          <Link to="/admin/counselors">{t('counselors.adminDetail.back')}</Link>
        </p>
      )}
      {(profile.status === 'loading' || (!vocabularies.ready && !vocabularies.error)) && (
        <Loading />
      )}
      {missing && (
        <p className="form-alert" role="alert" data-testid="admin-counselor-missing">
          {t('counselors.adminDetail.notFound')}
        </p>
      )}
      {profile.status === 'error' && !missing && (
        <LoadError error={profile.error} onRetry={profile.reload} />
      )}
      {vocabularies.error !== null && (
        <LoadError error={vocabularies.error} onRetry={vocabularies.reload} />
      )}
      {profile.status === 'ready' && vocabularies.ready && (
        <Detail profile={profile.data} vocabularies={vocabularies} onChanged={profile.refresh} />
      )}
    </div>
  );
}

function Detail({
  profile,
  vocabularies,
  onChanged,
}: {
  profile: CounselorProfile;
  vocabularies: Vocabularies;
  onChanged: Refresh;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Decisions profile={profile} onChanged={onChanged} />
      <Checks profile={profile} onChanged={onChanged} />
      <section className="panel" aria-labelledby="admin-profile-heading">
        <h2 id="admin-profile-heading">{t('counselors.adminDetail.profileHeading')}</h2>
        <div className="photo-panel">
          <Avatar name={profile.displayName} photoUrl={versionedPhoto(profile)} size="large" />
          <ProfileFacts profile={profile} vocabularies={vocabularies} />
        </div>
      </section>
      <Qualifications profile={profile} vocabularies={vocabularies} onChanged={onChanged} />
      <Standing profile={profile} onChanged={onChanged} />
      <History profile={profile} />
    </>
  );
}

const TRANSITION_FIELDS = ['reason'] as const;

function Decisions({ profile, onChanged }: { profile: CounselorProfile; onChanged: Refresh }) {
  const { t } = useTranslation();
  const say = useMessage();
  const headingId = useId();
  const events = transitionEvents(profile.actions);
  const [done, setDone] = useState<Message | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const form = useForm('transition', TRANSITION_FIELDS);
  const reasonNeeded = events.some((event) => REASON_REQUIRED_EVENTS.includes(event));
  const reasonMessage: Message = {
    key: 'counselors.fieldErrors.transitionReason',
    values: { min: TRANSITION_REASON_MIN },
  };
  const check = (event: CounselorEvent) => (values: Readonly<Record<'reason', string>>) => {
    const reason = values.reason.trim();
    const issues = validateBody(transitionRequestSchema, { event, ...(reason ? { reason } : {}) });
    const missing = REASON_REQUIRED_EVENTS.includes(event) && reason.length < TRANSITION_REASON_MIN;
    return errorsWithMessages(
      issues,
      TRANSITION_FIELDS,
      { reason: reasonMessage },
      missing ? { reason: reasonMessage } : {},
    );
  };
  const act = (event: CounselorEvent) => async (values: Readonly<Record<'reason', string>>) => {
    setDone(null);
    setFailure(null);
    const reason = values.reason.trim();
    try {
      await transition(profile.id, event, reason || undefined);
    } catch (error) {
      // A refused change is explained by the server; the form itself was fine.
      if (error instanceof ApiError && error.code === 'invalid_transition') {
        setFailure(failureOf(error));
        return;
      }
      throw error;
    }
    form.reset();
    await onChanged();
    setDone({
      key: 'counselors.adminDetail.transitioned',
      values: { event: t(`counselors.event.${event}`) },
    });
  };
  const onSubmit = bySubmitter(
    new Map(
      events.map((event) => [event, checkedSubmit(form, check(event), form.onSubmit(act(event)))]),
    ),
  );

  return (
    <section className="panel panel--important" aria-labelledby={headingId} data-testid="decisions">
      <h2 id={headingId}>
        {t('counselors.adminDetail.decisionsHeading')} <StatusBadge status={profile.status} />
      </h2>
      {profile.statusReason && (
        <p>
          <strong>{t('counselors.profile.statusReason')}</strong> {profile.statusReason}
        </p>
      )}
      <p data-testid="admin-listable">
        {profile.listable
          ? t('counselors.adminDetail.listable')
          : t('counselors.adminDetail.notListable')}
      </p>
      {events.length === 0 ? (
        <p data-testid="no-transitions">{t('counselors.adminDetail.noTransitions')}</p>
      ) : (
        <Form form={form} onSubmit={onSubmit} labelledBy={headingId}>
          {reasonNeeded && (
            <TextField
              form={form}
              name="reason"
              label={t('fields.reason')}
              hint={t('counselors.adminDetail.reasonHint')}
              multiline
              rows={3}
              maxLength={2000}
            />
          )}
          <div className="actions">
            {events.map((event) => (
              <button
                key={event}
                type="submit"
                className={
                  event === 'approve' || event === 'start_review' || event === 'reinstate'
                    ? 'button'
                    : 'button button--secondary'
                }
                data-testid={`transition-${event}`}
                data-action={event}
                aria-disabled={form.submitting || undefined}
              >
                {t(`counselors.event.${event}`)}
              </button>
            ))}
          </div>
        </Form>
      )}
      {failure && <FailureAlert failure={failure} testId="transition-refused" />}
      <p className="status-line" role="status" data-testid="transition-done">
        {done && say(done)}
      </p>
    </section>
  );
}

function Checks({ profile, onChanged }: { profile: CounselorProfile; onChanged: Refresh }) {
  const { t } = useTranslation();
  const formatDate = useDateFormat();
  const formatDay = useDayFormat();
  const action = useActionState();
  const mayRecheck = profile.actions.includes('recheck');
  const mayConfirm = profile.actions.includes('confirm_current');
  const date = (iso: string | null) => (iso ? formatDate(iso) : t('counselors.never'));
  return (
    <section className="panel" aria-labelledby="admin-checks-heading">
      <h2 id="admin-checks-heading">{t('counselors.adminDetail.checksHeading')}</h2>
      <dl className="facts">
        <dt>{t('counselors.fields.submittedAt')}</dt>
        <dd>{date(profile.submittedAt)}</dd>
        <dt>{t('counselors.fields.approvedAt')}</dt>
        <dd>{date(profile.approvedAt)}</dd>
        <dt>{t('counselors.fields.recheckDueOn')}</dt>
        <dd>{profile.recheckDueOn ? formatDay(profile.recheckDueOn) : t('common.notGiven')}</dd>
        <dt>{t('counselors.fields.lastRecheckedAt')}</dt>
        <dd>{date(profile.lastRecheckedAt)}</dd>
        <dt>{t('counselors.fields.lastReviewedAt')}</dt>
        <dd>
          {date(profile.lastReviewedAt)}
          {profile.reviewOverdue && (
            <span className="cell-note warning">{t('counselors.admin.reviewOverdue')}</span>
          )}
        </dd>
        <dt>{t('counselors.fields.trainee')}</dt>
        <dd>{profile.isTrainee ? t('common.yes') : t('common.no')}</dd>
      </dl>
      {(mayRecheck || mayConfirm) && (
        <div className="actions">
          {mayRecheck && (
            <button
              type="button"
              className="button button--secondary"
              data-testid="admin-recheck"
              aria-disabled={action.busy !== null || undefined}
              onClick={() => {
                action.run(
                  'recheck',
                  async () => {
                    await recheck(profile.id);
                    await onChanged();
                  },
                  { key: 'counselors.adminDetail.rechecked' },
                );
              }}
            >
              {action.busy === 'recheck' ? t('form.working') : t('counselors.adminDetail.recheck')}
            </button>
          )}
          {mayConfirm && (
            <button
              type="button"
              className="button button--secondary"
              data-testid="admin-confirm-current"
              aria-disabled={action.busy !== null || undefined}
              onClick={() => {
                action.run(
                  'confirm',
                  async () => {
                    await confirmCurrent(profile.id);
                    await onChanged();
                  },
                  { key: 'counselors.profile.confirmed' },
                );
              }}
            >
              {action.busy === 'confirm'
                ? t('form.working')
                : t('counselors.adminDetail.confirmCurrent')}
            </button>
          )}
        </div>
      )}
      <p className="field__hint">{t('counselors.adminDetail.recheckHint')}</p>
      <ActionOutcome state={action} testId="admin-checks" />
    </section>
  );
}

function Qualifications({
  profile,
  vocabularies,
  onChanged,
}: {
  profile: CounselorProfile;
  vocabularies: Vocabularies;
  onChanged: Refresh;
}) {
  const { t } = useTranslation();
  const mayDecide = profile.actions.includes('verify_qualification');
  return (
    <section aria-labelledby="admin-qualifications-heading">
      <h2 id="admin-qualifications-heading">{t('counselors.qualifications.listHeading')}</h2>
      {profile.qualifications.length === 0 ? (
        <p>{t('counselors.adminDetail.noQualifications')}</p>
      ) : (
        <ul className="card-list" data-testid="admin-qualification-list">
          {profile.qualifications.map((qualification) => (
            <li
              key={qualification.id}
              className="card card--plain"
              data-testid="admin-qualification"
              data-qualification-id={qualification.id}
            >
              <h3 className="card__title">
                {vocabularies.label('qualification_type', qualification.typeCode)}{' '}
                <QualificationStatus status={qualification.status} />
              </h3>
              <QualificationFacts
                qualification={qualification}
                fileUrl={qualificationFileUrl(profile.id, qualification.id)}
              />
              {mayDecide && (
                <QualificationDecision
                  profileId={profile.id}
                  qualification={qualification}
                  onChanged={onChanged}
                />
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

const DECISION_FIELDS = ['reason'] as const;
const DECISIONS = ['verified', 'rejected'] as const;
type Decision = (typeof DECISIONS)[number];
const REJECT_REASON_MIN = 5;

function QualificationDecision({
  profileId,
  qualification,
  onChanged,
}: {
  profileId: string;
  qualification: Qualification;
  onChanged: Refresh;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const form = useForm(`decision-${qualification.id}`, DECISION_FIELDS);
  const check = (decision: Decision) => (values: Readonly<Record<'reason', string>>) =>
    errorsWithMessages(
      [],
      DECISION_FIELDS,
      {},
      decision === 'rejected' && values.reason.trim().length < REJECT_REASON_MIN
        ? {
            reason: {
              key: 'counselors.fieldErrors.rejectReason',
              values: { min: REJECT_REASON_MIN },
            },
          }
        : {},
    );
  const act = (decision: Decision) => async (values: Readonly<Record<'reason', string>>) => {
    const reason = values.reason.trim();
    await decideQualification(profileId, qualification.id, {
      decision,
      ...(reason ? { reason } : {}),
    });
    form.reset();
    await onChanged();
  };
  const onSubmit = bySubmitter(
    new Map(
      DECISIONS.map((decision) => [
        decision,
        checkedSubmit(form, check(decision), form.onSubmit(act(decision))),
      ]),
    ),
  );
  return (
    <div className="subpanel" data-testid="qualification-decision">
      <h4 id={headingId}>{t('counselors.adminDetail.decideHeading')}</h4>
      <Form form={form} onSubmit={onSubmit} labelledBy={headingId}>
        <TextField
          form={form}
          name="reason"
          label={t('counselors.adminDetail.rejectReason')}
          hint={t('counselors.adminDetail.rejectReasonHint')}
          maxLength={500}
        />
        <div className="actions">
          {qualification.status !== 'verified' && (
            <button
              type="submit"
              className="button button--small"
              data-testid="qualification-verify"
              data-action="verified"
              aria-disabled={form.submitting || undefined}
            >
              {t('counselors.adminDetail.verify')}
            </button>
          )}
          {qualification.status !== 'rejected' && (
            <button
              type="submit"
              className="button button--secondary button--small"
              data-testid="qualification-reject"
              data-action="rejected"
              aria-disabled={form.submitting || undefined}
            >
              {t('counselors.adminDetail.reject')}
            </button>
          )}
        </div>
      </Form>
    </div>
  );
}

const STANDING_FIELDS = ['kind', 'reason', 'startsOn', 'endsOn'] as const;

function Standing({ profile, onChanged }: { profile: CounselorProfile; onChanged: Refresh }) {
  const { t } = useTranslation();
  const formatDate = useDateFormat();
  const formatDay = useDayFormat();
  const headingId = useId();
  const [recorded, setRecorded] = useState(false);
  const form = useForm('standing', STANDING_FIELDS, { kind: 'warning' });
  const toBody = (values: Readonly<Record<(typeof STANDING_FIELDS)[number], string>>) => ({
    kind: values.kind,
    reason: values.reason,
    ...(values.startsOn ? { startsOn: values.startsOn } : {}),
    ...(values.endsOn ? { endsOn: values.endsOn } : {}),
  });
  const onSubmit = checkedSubmit(
    form,
    (values) =>
      errorsWithMessages(validateBody(standingActionInputSchema, toBody(values)), STANDING_FIELDS, {
        reason: { key: 'counselors.fieldErrors.standingReason', values: { min: 10 } },
        startsOn: { key: 'counselors.fieldErrors.startsOn' },
        endsOn: { key: 'counselors.fieldErrors.endsOn' },
      }),
    form.onSubmit(async (values) => {
      setRecorded(false);
      await addStanding(profile.id, toBody(values));
      form.reset({ kind: 'warning' });
      await onChanged();
      setRecorded(true);
    }),
  );
  const kind = form.values.kind;
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t('counselors.standing.heading')}</h2>
      {profile.standing.length === 0 ? (
        <p data-testid="standing-empty">{t('counselors.standing.empty')}</p>
      ) : (
        <ol className="timeline" data-testid="standing-history">
          {profile.standing.map((entry) => (
            <li key={entry.id} className="timeline__item">
              <p className="timeline__title">
                <strong>{t(`counselors.standing.kind.${entry.kind}`)}</strong>{' '}
                <span className="cell-note">{formatDate(entry.createdAt)}</span>
              </p>
              <p className="prose">{entry.reason}</p>
              <dl className="facts facts--inline">
                {entry.startsOn && (
                  <>
                    <dt>{t('counselors.fields.startsOn')}</dt>
                    <dd>{formatDay(entry.startsOn)}</dd>
                  </>
                )}
                {entry.endsOn && (
                  <>
                    <dt>{t('counselors.fields.endsOn')}</dt>
                    <dd>{formatDay(entry.endsOn)}</dd>
                  </>
                )}
                <dt>{t('counselors.fields.issuedBy')}</dt>
                <dd>{entry.issuedByName ?? t('counselors.system')}</dd>
                {entry.liftedAt && (
                  <>
                    <dt>{t('counselors.fields.liftedAt')}</dt>
                    <dd>{formatDate(entry.liftedAt)}</dd>
                  </>
                )}
              </dl>
            </li>
          ))}
        </ol>
      )}
      {profile.actions.includes('standing') && (
        <section className="panel panel--danger" aria-labelledby={`${headingId}-form`}>
          <h3 id={`${headingId}-form`}>{t('counselors.standing.formHeading')}</h3>
          <p>{t('counselors.standing.intro')}</p>
          <Form form={form} onSubmit={onSubmit} labelledBy={`${headingId}-form`}>
            <SelectField
              form={form}
              name="kind"
              label={t('counselors.fields.standingKind')}
              options={STANDING_KINDS.map((value) => ({
                value,
                label: t(`counselors.standing.kind.${value}`),
              }))}
            />
            <TextField
              form={form}
              name="reason"
              label={t('fields.reason')}
              hint={t('counselors.standing.reasonHint', { min: 10 })}
              multiline
              rows={3}
              maxLength={2000}
              required
            />
            {kind !== 'removal' && (
              <div className="form-row">
                <TextField
                  form={form}
                  name="startsOn"
                  type="date"
                  label={t('counselors.fields.startsOn')}
                  required={kind === 'suspension'}
                />
                <TextField
                  form={form}
                  name="endsOn"
                  type="date"
                  label={t('counselors.fields.endsOn')}
                  hint={t('counselors.standing.endsHint')}
                />
              </div>
            )}
            <div className="actions">
              <button
                type="submit"
                className="button"
                data-testid="standing-submit"
                aria-disabled={form.submitting || undefined}
              >
                {form.submitting ? t('form.working') : t('counselors.standing.submit')}
              </button>
            </div>
          </Form>
          <p className="status-line" role="status" data-testid="standing-recorded">
            {recorded && t('counselors.standing.recorded')}
          </p>
        </section>
      )}
    </section>
  );
}

function History({ profile }: { profile: CounselorProfile }) {
  const { t } = useTranslation();
  const formatDate = useDateFormat();
  const events = [...profile.reviewHistory].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    <section className="panel" aria-labelledby="admin-history-heading">
      <h2 id="admin-history-heading">{t('counselors.history.heading')}</h2>
      {events.length === 0 ? (
        <p>{t('counselors.history.empty')}</p>
      ) : (
        <ol className="timeline" data-testid="review-history">
          {events.map((event) => (
            <li key={event.id} className="timeline__item" data-testid="review-event">
              <p className="timeline__title">
                <strong>{eventLabel(t, event.event)}</strong>{' '}
                <span className="cell-note">{formatDate(event.createdAt)}</span>
              </p>
              <p>
                {t('counselors.history.change', {
                  from: t(`counselors.status.${event.fromStatus}`),
                  to: t(`counselors.status.${event.toStatus}`),
                  actor: event.actorName ?? t('counselors.system'),
                })}
              </p>
              {event.reason && <p className="prose">{event.reason}</p>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** A history entry's event in words; events from elsewhere (the expiry job) by their code. */
function eventLabel(t: TFunction, event: string): string {
  return (COUNSELOR_EVENTS as readonly string[]).includes(event)
    ? t(`counselors.event.${event as CounselorEvent}`)
    : t('counselors.history.otherEvent', { event });
}

/**
 * One form, several submit buttons (approve, reject, …): the button that submitted it, named by
 * its `data-action`, picks the handler. Pressing Enter submits with the first button, like the
 * browser does.
 */
function bySubmitter<A extends string>(
  handlers: ReadonlyMap<A, (event: SubmitEvent<HTMLFormElement>) => void>,
): (event: SubmitEvent<HTMLFormElement>) => void {
  return (event) => {
    const action = event.submitter?.getAttribute('data-action') as A | null | undefined;
    const handler = action ? handlers.get(action) : undefined;
    if (handler) handler(event);
    else event.preventDefault();
  };
}
