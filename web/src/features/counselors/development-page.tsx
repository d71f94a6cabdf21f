import { DOCUMENT_MEDIA_TYPES, type CounselorProfile } from '@anxin/common';
import { useTranslation } from 'react-i18next';
import { PageFrame } from '../../components/page-frame.tsx';
import { Loaded } from '../../components/load-state.tsx';
import {
  deleteSupervision,
  deleteTraining,
  getDevelopment,
  uploadTrainingEvidence,
} from './counselor-api.ts';
import { CounselorSubnav } from './counselor-subnav.tsx';
import { SupervisionForm, TrainingForm } from './development-forms.tsx';
import { Progress, SupervisionRecords, TrainingRecords } from './development-records.tsx';
import { FileUpload } from './fields.tsx';
import { useMyProfile, WithMyProfile } from './profile-gate.tsx';
import { useLiveResource } from './use-live-resource.ts';
import { useYearParam, YearSelect } from './year-select.tsx';

/** Continuing education and supervision (C5): this year's hours against the requirement. */
export function DevelopmentPage() {
  const { t } = useTranslation();
  const profile = useMyProfile();
  const year = useYearParam();
  return (
    <PageFrame
      testId="development-page"
      width="wide"
      title={t('counselors.development.title')}
      heading={t('counselors.development.heading')}
      nav={<CounselorSubnav />}
      lead={t('counselors.development.intro')}
    >
      <YearSelect {...year} testId="development-year" />
      <WithMyProfile profile={profile}>
        {(data) => <Development profile={data} year={year.year} />}
      </WithMyProfile>
    </PageFrame>
  );
}

function Development({ profile, year }: { profile: CounselorProfile; year: number }) {
  const { t } = useTranslation();
  const summary = useLiveResource(`development:${profile.id}:${year}`, (signal) =>
    getDevelopment(profile.id, year, signal),
  );
  const onChanged = summary.refresh;
  return (
    <Loaded resource={summary}>
      {(data) => (
        <>
          <Progress summary={data} />
          <TrainingRecords
            profileId={profile.id}
            summary={data}
            onDelete={async (id) => {
              await deleteTraining(profile.id, id);
              await onChanged();
            }}
            extra={(record) => (
              <FileUpload
                testId="training-evidence"
                label={t('counselors.development.evidenceLabel')}
                hint={t('counselors.qualifications.scanHint')}
                accept={DOCUMENT_MEDIA_TYPES.join(',')}
                upload={(file) => uploadTrainingEvidence(profile.id, record.id, file)}
                onUploaded={onChanged}
              />
            )}
          >
            <TrainingForm profileId={profile.id} onAdded={onChanged} />
          </TrainingRecords>
          <SupervisionRecords
            summary={data}
            onDelete={async (id) => {
              await deleteSupervision(profile.id, id);
              await onChanged();
            }}
          >
            <SupervisionForm profileId={profile.id} onAdded={onChanged} />
          </SupervisionRecords>
        </>
      )}
    </Loaded>
  );
}
