import type { DirectoryCounselor } from '@anxin/common';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Avatar, TagList } from './fields.tsx';
import { formatYuan } from './money.ts';
import { yearsText } from './texts.ts';
import type { Vocabularies } from './use-vocabularies.ts';

/** One counselor in the directory's results: who they are, what they offer, from what fee. */
export function CounselorCard({
  counselor,
  vocabularies,
}: {
  counselor: DirectoryCounselor;
  vocabularies: Vocabularies;
}) {
  const { t, i18n } = useTranslation();
  const headingId = `counselor-${counselor.id}`;
  // Each fact only when the counselor gave it: label, values, test id.
  const facts: [string, string[], string?][] = [
    [t('counselors.fields.approaches'), vocabularies.labels('approach', counselor.approaches)],
    [
      t('counselors.fields.modalities'),
      counselor.modalities.map((modality) => t(`counselors.modality.${modality}`)),
    ],
    [t('counselors.fields.languages'), vocabularies.labels('language', counselor.languages)],
    [
      t('counselors.directory.verifiedQualifications'),
      vocabularies.labels('qualification_type', counselor.qualificationTypes),
      'directory-card-qualifications',
    ],
  ];
  return (
    <li className="counselor-card" data-testid="directory-card" data-counselor-id={counselor.id}>
      <div className="counselor-card__head">
        <Avatar name={counselor.displayName} photoUrl={counselor.photoUrl} />
        <div>
          <h3 id={headingId} className="counselor-card__name">
            <Link to={`/counselors/${counselor.id}`} data-testid="directory-card-link">
              {counselor.displayName}
            </Link>
          </h3>
          <p className="counselor-card__meta">
            {yearsText(t, counselor.yearsOfPractice)}
            {counselor.feeFromFen !== null && (
              <>
                {' · '}
                <strong data-testid="directory-card-fee">
                  {t('counselors.directory.feeFrom', {
                    amount: formatYuan(counselor.feeFromFen, i18n.language),
                  })}
                </strong>
              </>
            )}
          </p>
        </div>
      </div>
      <TagList
        label={t('counselors.fields.specialties')}
        items={vocabularies.labels('specialty', counselor.specialties)}
      />
      <dl className="facts facts--inline">
        {facts
          .filter(([, items]) => items.length > 0)
          .map(([label, items, testId]) => (
            <Fragment key={label}>
              <dt>{label}</dt>
              <dd data-testid={testId}>{items.join(t('common.listSeparator'))}</dd>
            </Fragment>
          ))}
      </dl>
    </li>
  );
}
