import { COUNSELOR_EVENTS, type CounselorEvent, type CounselorProfile } from '@anxin/common';
import type { TFunction } from 'i18next';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Loaded } from '../../components/load-state.tsx';
import { PageFrame } from '../../components/page-frame.tsx';
import { useDateFormat } from '../../app/use-date-format.ts';
import { useShellData } from '../../app/shell-data.ts';
import { isNotFound } from '../../lib/api.ts';
import { ActionButton, ActionOutcome, useActionState } from './action-state.tsx';
import { Decisions, QualificationDecision } from './admin-decisions.tsx';
import { CounselorDevelopment, CounselorRelationships } from './admin-counselor-records.tsx';
import { Standing } from './admin-standing.tsx';
import { ConfirmCurrentButton } from './confirm-current.tsx';
import { getProfile, putProfile, qualificationFileUrl, recheck } from './counselor-api.ts';
import { Avatar, versionedPhoto } from './fields.tsx';
import { ProfileEditor } from './profile-editor.tsx';
import { ProfileFacts } from './profile-facts.tsx';
import type { ProfileProps } from './profile-gate.tsx';
import { QualificationFacts, QualificationStatus } from './qualification-facts.tsx';
import { useDayFormat } from './use-day-format.ts';
import { useLiveResource } from './use-live-resource.ts';
import { useVocabularies, type Vocabularies } from './use-vocabularies.ts';

/** One application as a reviewer sees it: everything needed to decide, and the decisions. */
export function AdminCounselorPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { actor } = useShellData();
  const profile = useLiveResource(`admin-counselor:${id}`, (signal) => getProfile(id, signal));
  const vocabularies = useVocabularies();

  return (
    <PageFrame
      testId="admin-counselor-page"
      width="wide"
      title={t('counselors.adminDetail.title')}
      heading={
        profile.status === 'ready' ? profile.data.displayName : t('counselors.adminDetail.heading')
      }
    >
      {actor?.abilities.includes('counselor.list') && (
        <p>
          <Link to="/admin/counselors">{t('counselors.adminDetail.back')}</Link>
        </p>
      )}
      <Loaded
        resource={profile}
        also={[vocabularies]}
        failure={(error) =>
          isNotFound(error) ? (
            <p className="form-alert" role="alert" data-testid="admin-counselor-missing">
              {t('counselors.adminDetail.notFound')}
            </p>
          ) : null
        }
      >
        {(data) => {
          const props = { profile: data, onChanged: profile.refresh };
          return (
            <>
              <Decisions {...props} />
              <Checks {...props} />
              <PublicProfile {...props} vocabularies={vocabularies} onSaved={profile.replace} />
              <Qualifications {...props} vocabularies={vocabularies} />
              <Standing {...props} />
              <CounselorDevelopment profileId={data.id} />
              <CounselorRelationships profileId={data.id} />
              <History profile={data} />
            </>
          );
        }}
      </Loaded>
    </PageFrame>
  );
}

function Checks({ profile, onChanged }: ProfileProps) {
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
            <ActionButton
              state={action}
              id="recheck"
              testId="admin-recheck"
              label={t('counselors.adminDetail.recheck')}
              action={async () => {
                await recheck(profile.id);
                await onChanged();
              }}
              success={{ key: 'counselors.adminDetail.rechecked' }}
            />
          )}
          {mayConfirm && (
            <ConfirmCurrentButton
              state={action}
              profile={profile}
              onChanged={onChanged}
              testId="admin-confirm-current"
              label={t('counselors.adminDetail.confirmCurrent')}
            />
          )}
        </div>
      )}
      <p className="field__hint">{t('counselors.adminDetail.recheckHint')}</p>
      <ActionOutcome state={action} testId="admin-checks" />
    </section>
  );
}

/**
 * The public profile as clients will read it; administrators keep it current (A8) with the
 * counselor's own editor, while the profile's state allows editing.
 */
function PublicProfile({
  profile,
  vocabularies,
  onSaved,
}: ProfileProps & {
  vocabularies: Vocabularies;
  onSaved: (profile: CounselorProfile) => void;
}) {
  const { t } = useTranslation();
  const editorId = useId();
  const toggle = useRef<HTMLButtonElement>(null);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const mayEdit = profile.actions.includes('edit');
  const close = () => {
    setEditing(false);
    toggle.current?.focus();
  };
  return (
    <>
      <section className="panel" aria-labelledby="admin-profile-heading">
        <h2 id="admin-profile-heading">{t('counselors.adminDetail.profileHeading')}</h2>
        <div className="photo-panel">
          <Avatar name={profile.displayName} photoUrl={versionedPhoto(profile)} size="large" />
          <ProfileFacts profile={profile} vocabularies={vocabularies} />
        </div>
        {mayEdit && (
          <div className="actions">
            <button
              ref={toggle}
              type="button"
              className="button button--secondary"
              aria-expanded={editing}
              aria-controls={editorId}
              data-testid="admin-profile-edit"
              onClick={() => {
                setSaved(false);
                setEditing(!editing);
              }}
            >
              {t('counselors.adminDetail.editProfile')}
            </button>
          </div>
        )}
        <p className="status-line" role="status" data-testid="admin-profile-saved">
          {saved && t('counselors.profile.saved')}
        </p>
      </section>
      {mayEdit && (
        <div id={editorId} hidden={!editing}>
          {editing && (
            <ProfileEditor
              profile={profile}
              fallbackName={profile.displayName}
              vocabularies={vocabularies}
              save={(body) => putProfile(profile.id, body)}
              onSaved={(updated) => {
                onSaved(updated);
                setSaved(true);
                close();
              }}
              heading={t('counselors.adminDetail.editProfileHeading')}
              intro={t('counselors.adminDetail.editProfileIntro')}
              onCancel={close}
            />
          )}
        </div>
      )}
    </>
  );
}

function Qualifications({
  profile,
  vocabularies,
  onChanged,
}: ProfileProps & { vocabularies: Vocabularies }) {
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
