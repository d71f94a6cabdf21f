import type { CounselorProfile, CounselorStatus } from '@anxin/common';
import { useTranslation } from 'react-i18next';
import type { MessageKey } from '../../i18n/keys.ts';

/** What a counselor should do next in each state, in their own words. */
export function nextStepKey(
  profile: Pick<CounselorProfile, 'status' | 'listable' | 'suspendedFor'>,
): MessageKey {
  switch (profile.status) {
    case 'approved':
      return profile.listable
        ? 'counselors.next.approvedListed'
        : 'counselors.next.approvedNotListed';
    case 'suspended':
      if (profile.suspendedFor === 'qualification_expired')
        return 'counselors.next.suspendedExpired';
      if (profile.suspendedFor === 'recheck_overdue') return 'counselors.next.suspendedRecheck';
      return 'counselors.next.suspended';
    default:
      return `counselors.next.${profile.status}`;
  }
}

const TONE: Record<CounselorStatus, 'good' | 'wait' | 'act' | 'bad'> = {
  applicant: 'act',
  submitted: 'wait',
  under_review: 'wait',
  more_info_requested: 'act',
  approved: 'good',
  rejected: 'bad',
  suspended: 'bad',
  removed: 'bad',
};

export function StatusBadge({ status }: { status: CounselorStatus }) {
  const { t } = useTranslation();
  return (
    <span
      className={`status status--${TONE[status]}`}
      data-testid="counselor-status"
      data-status={status}
    >
      {t(`counselors.status.${status}`)}
    </span>
  );
}

/** The application's state, the reviewer's reason and what to do now. */
export function StatusBanner({ profile }: { profile: CounselorProfile }) {
  const { t } = useTranslation();
  return (
    <section
      className={`panel status-banner status-banner--${TONE[profile.status]}`}
      aria-labelledby="counselor-status-heading"
      data-testid="status-banner"
    >
      <h2 id="counselor-status-heading">
        {t('counselors.profile.statusHeading')} <StatusBadge status={profile.status} />
      </h2>
      {profile.statusReason && (
        <p data-testid="status-reason">
          <strong>{t('counselors.profile.statusReason')}</strong> {profile.statusReason}
        </p>
      )}
      <p data-testid="status-next">{t(nextStepKey(profile))}</p>
    </section>
  );
}
