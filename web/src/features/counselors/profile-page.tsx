import { PHOTO_MEDIA_TYPES } from '@anxin/common';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Loaded } from '../../components/load-state.tsx';
import { PageFrame } from '../../components/page-frame.tsx';
import { useDateFormat } from '../../app/use-date-format.ts';
import { useShellData } from '../../app/shell-data.ts';
import { ApiError } from '../../lib/api.ts';
import { ActionButton, ActionOutcome, useActionState } from './action-state.tsx';
import { putMyProfile, transition, uploadPhoto } from './counselor-api.ts';
import { ConfirmCurrentButton } from './confirm-current.tsx';
import { Avatar, FileUpload, versionedPhoto } from './fields.tsx';
import { ProfileEditor } from './profile-editor.tsx';
import { ProfileFacts } from './profile-facts.tsx';
import { useMyProfile, type ProfileProps } from './profile-gate.tsx';
import { CounselorSubnav } from './counselor-subnav.tsx';
import { StatusBanner } from './status-banner.tsx';
import { useDayFormat } from './use-day-format.ts';
import { useVocabularies } from './use-vocabularies.ts';

/** The counselor's application: state, profile, photo, submission and keeping it current. */
export function CounselorProfilePage() {
  const { t } = useTranslation();
  const { actor } = useShellData();
  const profile = useMyProfile();
  const vocabularies = useVocabularies();

  return (
    <PageFrame
      testId="counselor-profile-page"
      width="wide"
      title={t('counselors.profile.title')}
      heading={t('counselors.profile.heading')}
      nav={<CounselorSubnav />}
    >
      <Loaded resource={profile} also={[vocabularies]}>
        {(data) => (
          <>
            {data === null ? (
              <p className="lead" data-testid="profile-new-intro">
                {t('counselors.profile.newIntro')}
              </p>
            ) : (
              <>
                <StatusBanner profile={data} />
                <SubmitPanel profile={data} onChanged={profile.refresh} />
                <CurrentPanel profile={data} onChanged={profile.refresh} />
              </>
            )}
            {data === null || data.actions.includes('edit') ? (
              <ProfileEditor
                profile={data}
                fallbackName={actor?.displayName ?? ''}
                vocabularies={vocabularies}
                save={putMyProfile}
                onSaved={profile.replace}
              />
            ) : (
              <section className="panel" aria-labelledby="profile-readonly-heading">
                <h2 id="profile-readonly-heading">{t('counselors.profile.readonlyHeading')}</h2>
                <p className="field__hint">{t('counselors.profile.readonlyIntro')}</p>
                <ProfileFacts profile={data} vocabularies={vocabularies} />
              </section>
            )}
            {data !== null && <PhotoPanel profile={data} onChanged={profile.refresh} />}
          </>
        )}
      </Loaded>
    </PageFrame>
  );
}

/** What the server found missing in a submission, by the field it named. */
const MISSING = ['displayName', 'specialties', 'modalities', 'bio', 'qualifications'] as const;
type Missing = (typeof MISSING)[number];

function isMissing(path: string): path is Missing {
  return (MISSING as readonly string[]).includes(path);
}

function SubmitPanel({ profile, onChanged }: ProfileProps) {
  const { t } = useTranslation();
  const action = useActionState();
  const [missing, setMissing] = useState<readonly string[]>([]);
  if (!profile.actions.includes('submit') && action.done === null) return null;
  const noScan = !profile.qualifications.some((qualification) => qualification.file !== null);
  const submit = async () => {
    setMissing([]);
    try {
      await transition(profile.id, 'submit');
    } catch (error) {
      // An incomplete application: the server names each gap, said here in the page's words.
      if (error instanceof ApiError && error.code === 'invalid_transition' && error.errors.length) {
        setMissing(error.errors.map((gap) => gap.path.replace(/^body\./, '')));
        return false;
      }
      throw error;
    }
    await onChanged();
    return true;
  };
  return (
    <section className="panel panel--important" aria-labelledby="submit-heading">
      <h2 id="submit-heading">{t('counselors.profile.submitHeading')}</h2>
      {profile.actions.includes('submit') && (
        <>
          <p>{t('counselors.profile.submitIntro')}</p>
          {noScan && (
            <p className="warning" data-testid="submit-no-qualification">
              {t('counselors.profile.submitNoQualification')}{' '}
              <Link to="/counselor/qualifications">{t('counselors.profile.addQualification')}</Link>
            </p>
          )}
          <div className="actions">
            <ActionButton
              state={action}
              id="submit"
              testId="profile-submit"
              label={t('counselors.profile.submit')}
              action={submit}
              success={{ key: 'counselors.profile.submitted' }}
              primary
            />
          </div>
        </>
      )}
      {missing.length > 0 && (
        <div className="form-alert" role="alert" data-testid="submit-missing">
          <p>{t('counselors.profile.missingIntro')}</p>
          <ul>
            {missing.map((path) => (
              <li key={path}>
                {isMissing(path) ? t(`counselors.missing.${path}`) : t('counselors.missing.other')}
              </li>
            ))}
          </ul>
        </div>
      )}
      <ActionOutcome state={action} testId="profile-submit" />
    </section>
  );
}

function CurrentPanel({ profile, onChanged }: ProfileProps) {
  const { t } = useTranslation();
  const formatDate = useDateFormat();
  const formatDay = useDayFormat();
  const action = useActionState();
  return (
    <section
      className={profile.reviewOverdue ? 'panel panel--danger' : 'panel'}
      aria-labelledby="current-heading"
      data-testid="current-panel"
    >
      <h2 id="current-heading">{t('counselors.profile.currentHeading')}</h2>
      <dl className="facts">
        <dt>{t('counselors.fields.lastReviewedAt')}</dt>
        <dd data-testid="last-reviewed">
          {profile.lastReviewedAt ? formatDate(profile.lastReviewedAt) : t('counselors.never')}
        </dd>
        {profile.recheckDueOn && (
          <>
            <dt>{t('counselors.fields.recheckDueOn')}</dt>
            <dd>{formatDay(profile.recheckDueOn)}</dd>
          </>
        )}
      </dl>
      {profile.reviewOverdue && (
        <p className="warning" data-testid="review-overdue">
          <strong>{t('counselors.profile.reviewOverdue')}</strong>
        </p>
      )}
      <p>{t('counselors.profile.currentIntro')}</p>
      {profile.actions.includes('confirm_current') && (
        <div className="actions">
          <ConfirmCurrentButton
            state={action}
            profile={profile}
            onChanged={onChanged}
            testId="confirm-current"
            label={t('counselors.profile.confirmCurrent')}
          />
        </div>
      )}
      <ActionOutcome state={action} testId="confirm-current" />
    </section>
  );
}

function PhotoPanel({ profile, onChanged }: ProfileProps) {
  const { t } = useTranslation();
  const mayEdit = profile.actions.includes('edit');
  return (
    <section className="panel" aria-labelledby="photo-heading">
      <h2 id="photo-heading">{t('counselors.profile.photoHeading')}</h2>
      <div className="photo-panel">
        <Avatar name={profile.displayName} photoUrl={versionedPhoto(profile)} size="large" />
        {mayEdit ? (
          <FileUpload
            testId="photo-upload"
            label={t('counselors.profile.photoLabel')}
            hint={t('counselors.profile.photoHint')}
            accept={PHOTO_MEDIA_TYPES.join(',')}
            upload={(file) => uploadPhoto(profile.id, file)}
            onUploaded={onChanged}
          />
        ) : (
          <p className="field__hint">{t('counselors.profile.photoLocked')}</p>
        )}
      </div>
    </section>
  );
}
