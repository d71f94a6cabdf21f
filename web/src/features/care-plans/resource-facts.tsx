import type { ReferralResource } from '@anxin/common';
import { useTranslation } from 'react-i18next';
import { telLink } from './care-plans-model.ts';

/** What counselors need of an entry: its names, a number to tap, its hours, address and notes. */
export function ResourceFacts({ resource }: { resource: ReferralResource }) {
  const { t } = useTranslation();
  return (
    <>
      <p className="term__labels">
        <strong lang="zh-CN">{resource.nameZh}</strong> · <span lang="en">{resource.nameEn}</span>{' '}
        <span className="badge">{t(`carePlans.resources.kinds.${resource.kind}`)}</span>
      </p>
      <p>
        <a
          href={telLink(resource.phone)}
          aria-label={t('carePlans.resources.call', {
            name: resource.nameZh,
            phone: resource.phone,
          })}
          data-testid="referral-resource-phone"
        >
          {resource.phone}
        </a>
      </p>
      {resource.hours && (
        <p className="cell-note">{t('carePlans.resources.hours', { hours: resource.hours })}</p>
      )}
      {resource.address && (
        <p className="cell-note">
          {t('carePlans.resources.address', { address: resource.address })}
        </p>
      )}
      {resource.notes && (
        <p className="cell-note">{t('carePlans.resources.notes', { notes: resource.notes })}</p>
      )}
    </>
  );
}
