import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeading } from '../../components/page-heading.tsx';

const CARDS = ['counseling', 'hotline', 'confidentiality'] as const;

export function HomePage() {
  const { t } = useTranslation();
  return (
    <div className="page home-page" data-testid="home-page">
      <PageHeading title={t('home.title')}>{t('home.heading')}</PageHeading>
      <p className="lead">{t('home.intro')}</p>
      <section aria-labelledby="home-services">
        <h2 id="home-services" className="visually-hidden">
          {t('home.servicesLabel')}
        </h2>
        <ul className="cards">
          {CARDS.map((card) => (
            <li key={card} className="card" data-testid={`home-card-${card}`}>
              <h3 className="card__title">{t(`home.${card}.title`)}</h3>
              <p>{t(`home.${card}.body`)}</p>
            </li>
          ))}
        </ul>
      </section>
      <p className="crisis-prompt">
        <Link to="/help">{t('home.crisisPrompt')}</Link>
      </p>
    </div>
  );
}
