import type { CounselorProfile } from '@anxin/common';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Loaded, type Prerequisite } from '../../components/load-state.tsx';
import { getMyProfile } from './counselor-api.ts';
import { useLiveResource, type LiveResource } from './use-live-resource.ts';

/** Loads again after a change; the page keeps its place meanwhile. */
export type Refresh = () => Promise<void>;

/** What a part of a profile's page gets: the profile, and how to load it again after a change. */
export interface ProfileProps {
  profile: CounselorProfile;
  onChanged: Refresh;
}

/** The signed-in counselor's own profile; null before they have started one. */
export function useMyProfile(): LiveResource<CounselorProfile | null> {
  return useLiveResource('counselor-me', getMyProfile);
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

/** A page about the counselor's own application: it needs the profile, so points to it first. */
export function WithMyProfile({
  profile,
  also,
  children,
}: {
  profile: LiveResource<CounselorProfile | null>;
  also?: readonly Prerequisite[];
  children: (profile: CounselorProfile) => ReactNode;
}) {
  return (
    <Loaded resource={profile} also={also}>
      {(data) => (data === null ? <NoProfileYet /> : children(data))}
    </Loaded>
  );
}
