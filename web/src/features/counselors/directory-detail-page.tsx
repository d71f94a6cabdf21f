import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Loaded } from '../../components/load-state.tsx';
import { PageFrame } from '../../components/page-frame.tsx';
import { isNotFound } from '../../lib/api.ts';
import { useResource } from '../../lib/use-resource.ts';
import { getDirectoryCounselor } from './counselor-api.ts';
import { localizedBio } from './counselor-format.ts';
import { FeeList } from './fee-list.tsx';
import { Avatar, TagList } from './fields.tsx';
import { yearsText } from './texts.ts';
import { useVocabularies } from './use-vocabularies.ts';

/** One counselor's public page, with the way to book them. */
export function DirectoryDetailPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const counselor = useResource(`directory-counselor:${id}`, (signal) =>
    getDirectoryCounselor(id, signal),
  );
  const vocabularies = useVocabularies();
  const list = (items: readonly string[]) => items.join(t('common.listSeparator'));

  return (
    <PageFrame
      testId="directory-detail-page"
      width="wide"
      title={t('counselors.directory.detailTitle')}
      heading={
        counselor.status === 'ready'
          ? counselor.data.displayName
          : t('counselors.directory.detailTitle')
      }
    >
      <p>
        <Link to="/counselors">{t('counselors.directory.back')}</Link>
      </p>
      <Loaded
        resource={counselor}
        failure={(error) =>
          isNotFound(error) ? (
            <p className="notice" data-testid="directory-detail-missing">
              {t('counselors.directory.notListed')}
            </p>
          ) : null
        }
      >
        {(data) => (
          <>
            <section className="panel counselor-profile" aria-labelledby="counselor-about-heading">
              <div className="counselor-card__head">
                <Avatar name={data.displayName} photoUrl={data.photoUrl} size="large" />
                <div>
                  <h2 id="counselor-about-heading">{t('counselors.directory.aboutHeading')}</h2>
                  <p className="counselor-card__meta">
                    {yearsText(t, data.yearsOfPractice)}
                    {data.gender !== 'undisclosed' && (
                      <>
                        {' · '}
                        {t(`counselors.gender.${data.gender}`)}
                      </>
                    )}
                  </p>
                  <TagList
                    label={t('counselors.fields.specialties')}
                    items={vocabularies.labels('specialty', data.specialties)}
                  />
                </div>
              </div>
              <p>
                <Link
                  to={`/counselors/${encodeURIComponent(data.id)}/book`}
                  className="button"
                  data-testid="directory-detail-book"
                >
                  {t('scheduling.book.title')}
                </Link>
              </p>
              <Bio bioZh={data.bioZh} bioEn={data.bioEn} locale={i18n.language} />
            </section>
            <section className="panel" aria-labelledby="counselor-practice-heading">
              <h2 id="counselor-practice-heading">{t('counselors.directory.practiceHeading')}</h2>
              <dl className="facts">
                <dt>{t('counselors.fields.approaches')}</dt>
                <dd>
                  {data.approaches.length > 0
                    ? list(vocabularies.labels('approach', data.approaches))
                    : t('common.notGiven')}
                </dd>
                <dt>{t('counselors.fields.modalities')}</dt>
                <dd>
                  {data.modalities.length > 0
                    ? list(data.modalities.map((m) => t(`counselors.modality.${m}`)))
                    : t('common.notGiven')}
                </dd>
                <dt>{t('counselors.fields.languages')}</dt>
                <dd>
                  {data.languages.length > 0
                    ? list(vocabularies.labels('language', data.languages))
                    : t('common.notGiven')}
                </dd>
                <dt>{t('counselors.directory.verifiedQualifications')}</dt>
                <dd data-testid="directory-detail-qualifications">
                  {list(vocabularies.labels('qualification_type', data.qualificationTypes))}
                </dd>
              </dl>
            </section>
            <section className="panel" aria-labelledby="counselor-fees-heading">
              <h2 id="counselor-fees-heading">{t('counselors.directory.feesHeading')}</h2>
              <FeeList fees={data.fees} />
            </section>
          </>
        )}
      </Loaded>
    </PageFrame>
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
