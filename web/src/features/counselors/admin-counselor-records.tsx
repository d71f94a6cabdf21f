import { useTranslation } from 'react-i18next';
import { Disclosure } from '../../components/disclosure.tsx';
import { Loaded } from '../../components/load-state.tsx';
import { useResource } from '../../lib/use-resource.ts';
import { getDevelopment, listRelationships } from './counselor-api.ts';
import { currentYear } from './counselor-format.ts';
import { Progress, SupervisionRecords, TrainingRecords } from './development-records.tsx';
import { RelationshipList } from './relationship-list.tsx';

/**
 * The counselor's declared dual relationships (C2), read-only. They name other people, so they
 * load only when the administrator opens the section: each reading is recorded in the audit log.
 */
export function CounselorRelationships({ profileId }: { profileId: string }) {
  const { t } = useTranslation();
  return (
    <Disclosure
      heading={t('counselors.adminDetail.relationshipsHeading')}
      hint={t('counselors.adminDetail.auditedHint')}
      testId="admin-relationships"
    >
      {() => <Relationships profileId={profileId} />}
    </Disclosure>
  );
}

function Relationships({ profileId }: { profileId: string }) {
  const relationships = useResource(`admin-relationships:${profileId}`, (signal) =>
    listRelationships(profileId, signal),
  );
  return (
    <Loaded resource={relationships}>
      {(items) => <RelationshipList relationships={items} />}
    </Loaded>
  );
}

/** This year's training and supervision of the counselor (C5), read-only, loaded when opened. */
export function CounselorDevelopment({ profileId }: { profileId: string }) {
  const { t } = useTranslation();
  const year = currentYear();
  return (
    <Disclosure
      heading={t('counselors.adminDetail.developmentHeading', { year })}
      hint={t('counselors.adminDetail.auditedHint')}
      testId="admin-development"
    >
      {() => <Development profileId={profileId} year={year} />}
    </Disclosure>
  );
}

function Development({ profileId, year }: { profileId: string; year: number }) {
  const summary = useResource(`admin-development:${profileId}:${year}`, (signal) =>
    getDevelopment(profileId, year, signal),
  );
  return (
    <Loaded resource={summary}>
      {(data) => (
        <>
          <Progress summary={data} level={3} />
          <TrainingRecords profileId={profileId} summary={data} level={3} />
          <SupervisionRecords summary={data} level={3} />
        </>
      )}
    </Loaded>
  );
}
