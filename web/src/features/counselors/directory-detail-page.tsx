import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { LoadError, Loading } from '../../components/load-state.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { ApiError } from '../../lib/api.ts';
import { useResource } from '../../lib/use-resource.ts';
import { getDirectoryCounselor } from './counselor-api.ts';
import { localizedBio } from './counselor-format.ts';
import { FeeList } from './fee-list.tsx';
import { Avatar, TagList } from './fields.tsx';
import { yearsText } from './texts.ts';
import { useVocabularies } from './use-vocabularies.ts';

/** One counselor's public page. Booking is not offered here yet: scheduling does not exist. */
export function DirectoryDetailPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const counselor = useResource(`directory-counselor:${id}`, (signal) =>
    getDirectoryCounselor(id, signal),
  );
  const vocabularies = useVocabularies();
  const missing =
    counselor.status === 'error' &&
    counselor.error instanceof ApiError &&
    counselor.error.status === 404;
  const list = (items: readonly string[]) => items.join(t('common.listSeparator'));

  return (
    <div className="page page--wide" data-testid="directory-detail-page">
      <PageHeading title={t('counselors.directory.detailTitle')}>
        {counselor.status === 'ready'
          ? counselor.data.displayName
          : t('counselors.directory.detailTitle')}
      </PageHeading>
      <p>
        <Link to="/counselors">{t('counselors.directory.back')}</Link>
      </p>
      {counselor.status === 'loading' && <Loading />}
      {missing && (
        <p className="notice" data-testid="directory-detail-missing">
          {t('counselors.directory.notListed')}
        </p>
      )}
      {counselor.status === 'error' && !missing && (
        <LoadError error={counselor.error} onRetry={counselor.reload} />
      )}
      {counselor.status === 'ready' && (
        <>
          <section className="panel counselor-profile" aria-labelledby="counselor-about-heading">
            <div className="counselor-card__head">
              <Avatar
                name={counselor.data.displayName}
                photoUrl={counselor.data.photoUrl}
                size="large"
              />
              <div>
                <h2 id="counselor-about-heading">{t('counselors.directory.aboutHeading')}</h2>
                <p className="counselor-card__meta">
                  {yearsText(t, counselor.data.yearsOfPractice)}
                  {counselor.data.gender !== 'undisclosed' && (
                    <>
                      {' · '}
                      {t(`counselors.gender.${counselor.data.gender}`)}
                    </>
                  )}
                </p>
                <TagList
                  label={t('counselors.fields.specialties')}
                  items={vocabularies.labels('specialty', counselor.data.specialties)}
                />
              </div>
            </div>
            <Bio bioZh={counselor.data.bioZh} bioEn={counselor.data.bioEn} locale={i18n.language} />
          </section>
          <section className="panel" aria-labelledby="counselor-practice-heading">
            <h2 id="counselor-practice-heading">{t('counselors.directory.practiceHeading')}</h2>
            <dl className="facts">
              <dt>{t('counselors.fields.approaches')}</dt>
              <dd>
                {counselor.data.approaches.length > 0
                  ? list(vocabularies.labels('approach', counselor.data.approaches))
                  : t('common.notGiven')}
              </dd>
              <dt>{t('counselors.fields.modalities')}</dt>
              <dd>
                {counselor.data.modalities.length > 0
                  ? list(counselor.data.modalities.map((m) => t(`counselors.modality.${m}`)))
                  : t('common.notGiven')}
              </dd>
              <dt>{t('counselors.fields.languages')}</dt>
              <dd>
                {counselor.data.languages.length > 0
                  ? list(vocabularies.labels('language', counselor.data.languages))
                  : t('common.notGiven')}
              </dd>
              <dt>{t('counselors.directory.verifiedQualifications')}</dt>
              <dd data-testid="directory-detail-qualifications">
                {list(vocabularies.labels('qualification_type', counselor.data.qualificationTypes))}
              </dd>
            </dl>
          </section>
          <section className="panel" aria-labelledby="counselor-fees-heading">
            <h2 id="counselor-fees-heading">{t('counselors.directory.feesHeading')}</h2>
            <FeeList fees={counselor.data.fees} />
          </section>
        </>
      )}
    </div>
  );
}

function Bio({ bioZh, bioEn, locale }: { bioZh: string; bioEn: string; locale: string }) {
  const { t } = useTranslation();
  const bio = localizedBio({ bioZh, bioEn }, locale);
  if (!bio) return <p>{t('counselors.directory.noBio')}</p>;
  const translated = !(locale === 'en' ? bio.lang === 'en' : bio.lang === 'zh-CN');
  return (
    <>
      {translated && <p className="field__hint">{t('counselors.directory.bioOtherLanguage')}</p>}
      <div className="prose" lang={bio.lang} data-testid="directory-detail-bio">
        {bio.text.split(/\n{2,}/).map((paragraph, index) => (
          <p key={index}>{paragraph}</p>
        ))}
      </div>
    </>
  );
}
