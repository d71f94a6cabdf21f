import type { CounselorProfile } from '@anxin/common';
import { useTranslation } from 'react-i18next';
import { FeeList } from './fee-list.tsx';
import { yearsText } from './texts.ts';
import type { Vocabularies } from './use-vocabularies.ts';

/** The public profile as read-only facts (for a locked application and for reviewers). */
export function ProfileFacts({
  profile,
  vocabularies,
}: {
  profile: CounselorProfile;
  vocabularies: Vocabularies;
}) {
  const { t } = useTranslation();
  const list = (items: readonly string[]) =>
    items.length === 0 ? t('common.notGiven') : items.join(t('common.listSeparator'));
  return (
    <dl className="facts" data-testid="profile-facts">
      <dt>{t('counselors.fields.displayName')}</dt>
      <dd data-testid="profile-display-name">{profile.displayName}</dd>
      <dt>{t('counselors.fields.gender')}</dt>
      <dd>{t(`counselors.gender.${profile.gender}`)}</dd>
      <dt>{t('counselors.fields.yearsOfPractice')}</dt>
      <dd>{yearsText(t, profile.yearsOfPractice)}</dd>
      <dt>{t('counselors.fields.languages')}</dt>
      <dd>{list(vocabularies.labels('language', profile.languages))}</dd>
      <dt>{t('counselors.fields.specialties')}</dt>
      <dd data-testid="profile-specialties">
        {list(vocabularies.labels('specialty', profile.specialties))}
      </dd>
      <dt>{t('counselors.fields.approaches')}</dt>
      <dd>{list(vocabularies.labels('approach', profile.approaches))}</dd>
      <dt>{t('counselors.fields.modalities')}</dt>
      <dd>{list(profile.modalities.map((m) => t(`counselors.modality.${m}`)))}</dd>
      <dt>{t('counselors.fields.fees')}</dt>
      <dd>
        <FeeList fees={profile.fees} />
      </dd>
      <dt>{t('counselors.fields.bioZh')}</dt>
      <dd lang="zh-CN" className="prose">
        {profile.bioZh || t('common.notGiven')}
      </dd>
      <dt>{t('counselors.fields.bioEn')}</dt>
      <dd lang="en" className="prose">
        {profile.bioEn || t('common.notGiven')}
      </dd>
    </dl>
  );
}
