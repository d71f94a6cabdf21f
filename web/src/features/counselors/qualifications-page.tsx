import { DOCUMENT_MEDIA_TYPES, type Qualification } from '@anxin/common';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageFrame } from '../../components/page-frame.tsx';
import { ActionButton, ActionOutcome, useActionState } from './action-state.tsx';
import {
  addQualification,
  deleteQualification,
  qualificationFileUrl,
  updateQualification,
  uploadQualificationFile,
} from './counselor-api.ts';
import { CounselorSubnav } from './counselor-subnav.tsx';
import { FileUpload } from './fields.tsx';
import { QualificationFacts, QualificationStatus } from './qualification-facts.tsx';
import { QualificationForm } from './qualification-form.tsx';
import { useMyProfile, WithMyProfile, type ProfileProps, type Refresh } from './profile-gate.tsx';
import { useVocabularies, type Vocabularies } from './use-vocabularies.ts';

export const DOCUMENT_ACCEPT = DOCUMENT_MEDIA_TYPES.join(',');

/** The counselor's certificates: add, correct, attach the scan, follow their verification. */
export function QualificationsPage() {
  const { t } = useTranslation();
  const profile = useMyProfile();
  const vocabularies = useVocabularies();
  return (
    <PageFrame
      testId="qualifications-page"
      width="wide"
      title={t('counselors.qualifications.title')}
      heading={t('counselors.qualifications.heading')}
      nav={<CounselorSubnav />}
      lead={t('counselors.qualifications.intro')}
    >
      <WithMyProfile profile={profile} also={[vocabularies]}>
        {(data) => (
          <Qualifications profile={data} vocabularies={vocabularies} onChanged={profile.refresh} />
        )}
      </WithMyProfile>
    </PageFrame>
  );
}

function Qualifications({
  profile,
  vocabularies,
  onChanged,
}: ProfileProps & { vocabularies: Vocabularies }) {
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
  onChanged: Refresh;
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
          <ActionButton
            state={action}
            id="delete"
            testId="qualification-delete"
            label={t('counselors.qualifications.delete')}
            action={async () => {
              await deleteQualification(profileId, qualification.id);
              await onChanged();
            }}
            small
          />
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
