import { DOCUMENT_MEDIA_TYPES, type CounselorProfile, type Qualification } from '@anxin/common';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LoadError, Loading } from '../../components/load-state.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { ActionOutcome, useActionState } from './action-state.tsx';
import {
  addQualification,
  deleteQualification,
  getMyProfile,
  qualificationFileUrl,
  updateQualification,
  uploadQualificationFile,
} from './counselor-api.ts';
import { CounselorSubnav } from './counselor-subnav.tsx';
import { FileUpload } from './fields.tsx';
import { QualificationFacts, QualificationStatus } from './qualification-facts.tsx';
import { QualificationForm } from './qualification-form.tsx';
import { useLiveResource } from './use-live-resource.ts';
import { useVocabularies, type Vocabularies } from './use-vocabularies.ts';

export const DOCUMENT_ACCEPT = DOCUMENT_MEDIA_TYPES.join(',');

/** The counselor's certificates: add, correct, attach the scan, follow their verification. */
export function QualificationsPage() {
  const { t } = useTranslation();
  const profile = useLiveResource('counselor-me', getMyProfile);
  const vocabularies = useVocabularies();
  return (
    <div className="page page--wide" data-testid="qualifications-page">
      <PageHeading title={t('counselors.qualifications.title')}>
        {t('counselors.qualifications.heading')}
      </PageHeading>
      <CounselorSubnav />
      <p className="lead">{t('counselors.qualifications.intro')}</p>
      {(profile.status === 'loading' || (!vocabularies.ready && !vocabularies.error)) && (
        <Loading />
      )}
      {profile.status === 'error' && <LoadError error={profile.error} onRetry={profile.reload} />}
      {vocabularies.error !== null && (
        <LoadError error={vocabularies.error} onRetry={vocabularies.reload} />
      )}
      {profile.status === 'ready' && vocabularies.ready && profile.data === null && (
        <NoProfileYet />
      )}
      {profile.status === 'ready' && vocabularies.ready && profile.data !== null && (
        <Qualifications
          profile={profile.data}
          vocabularies={vocabularies}
          onChanged={profile.refresh}
        />
      )}
    </div>
  );
}

export function NoProfileYet() {
  const { t } = useTranslation();
  return (
    <p className="notice" data-testid="no-profile">
      {t('counselors.noProfile')}{' '}
      <Link to="/counselor/profile">{t('counselors.noProfileLink')}</Link>
    </p>
  );
}

function Qualifications({
  profile,
  vocabularies,
  onChanged,
}: {
  profile: CounselorProfile;
  vocabularies: Vocabularies;
  onChanged: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const mayEdit = profile.actions.includes('edit');
  const [added, setAdded] = useState(false);
  return (
    <>
      <section aria-labelledby="qualification-list-heading">
        <h2 id="qualification-list-heading">{t('counselors.qualifications.listHeading')}</h2>
        {!mayEdit && <p className="notice">{t('counselors.qualifications.locked')}</p>}
        {profile.qualifications.length === 0 ? (
          <p data-testid="qualifications-empty">{t('counselors.qualifications.empty')}</p>
        ) : (
          <ul className="card-list" data-testid="qualification-list">
            {profile.qualifications.map((qualification) => (
              <QualificationCard
                key={qualification.id}
                profileId={profile.id}
                qualification={qualification}
                vocabularies={vocabularies}
                mayEdit={mayEdit}
                onChanged={onChanged}
              />
            ))}
          </ul>
        )}
      </section>
      {mayEdit && (
        <>
          <QualificationForm
            testId="qualification-add"
            vocabularies={vocabularies}
            onSave={async (body) => {
              setAdded(false);
              await addQualification(profile.id, body);
              await onChanged();
              setAdded(true);
            }}
          />
          <p className="status-line" role="status" data-testid="qualification-added">
            {added && t('counselors.qualifications.added')}
          </p>
        </>
      )}
    </>
  );
}

function QualificationCard({
  profileId,
  qualification,
  vocabularies,
  mayEdit,
  onChanged,
}: {
  profileId: string;
  qualification: Qualification;
  vocabularies: Vocabularies;
  mayEdit: boolean;
  onChanged: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const action = useActionState();
  const headingId = `qualification-${qualification.id}`;
  const editable = mayEdit && qualification.status !== 'verified';
  return (
    <li
      className="card card--plain"
      data-testid="qualification-card"
      data-qualification-id={qualification.id}
    >
      <h3 id={headingId} className="card__title">
        {vocabularies.label('qualification_type', qualification.typeCode)}{' '}
        <QualificationStatus status={qualification.status} />
      </h3>
      <QualificationFacts
        qualification={qualification}
        fileUrl={qualificationFileUrl(profileId, qualification.id)}
      />
      {editable && (
        <FileUpload
          testId="qualification-file"
          label={
            qualification.file
              ? t('counselors.qualifications.replaceScan')
              : t('counselors.qualifications.uploadScan')
          }
          hint={t('counselors.qualifications.scanHint')}
          accept={DOCUMENT_ACCEPT}
          upload={(file) => uploadQualificationFile(profileId, qualification.id, file)}
          onUploaded={onChanged}
        />
      )}
      {editable && !editing && (
        <div className="actions">
          <button
            type="button"
            className="button button--secondary button--small"
            data-testid="qualification-edit"
            onClick={() => {
              setEditing(true);
            }}
          >
            {t('counselors.qualifications.edit')}
          </button>
          <button
            type="button"
            className="button button--secondary button--small"
            data-testid="qualification-delete"
            aria-disabled={action.busy !== null || undefined}
            onClick={() => {
              action.run('delete', async () => {
                await deleteQualification(profileId, qualification.id);
                await onChanged();
              });
            }}
          >
            {action.busy ? t('form.working') : t('counselors.qualifications.delete')}
          </button>
        </div>
      )}
      <ActionOutcome state={action} testId="qualification-delete" />
      {editing && (
        <QualificationForm
          testId="qualification-edit-form"
          qualification={qualification}
          vocabularies={vocabularies}
          headingLevel="h4"
          onCancel={() => {
            setEditing(false);
          }}
          onSave={async (body) => {
            await updateQualification(profileId, qualification.id, body);
            await onChanged();
            setEditing(false);
          }}
        />
      )}
    </li>
  );
}
