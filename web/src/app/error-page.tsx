import { useTranslation } from 'react-i18next';
import { PageHeading } from '../components/page-heading.tsx';

/**
 * Shown for any rendering or routing error. Deliberately free of router hooks and of the error
 * itself, so it works outside the router too and never shows a stack trace. The home link is a
 * plain anchor: a full load gives the broken state a clean start.
 */
export function ErrorPage() {
  const { t } = useTranslation();
  return (
    <section className="page error-page" data-testid="error-page">
      <PageHeading title={t('error.title')}>{t('error.heading')}</PageHeading>
      <p>{t('error.body')}</p>
      <div className="actions">
        <button
          type="button"
          className="button"
          onClick={() => {
            window.location.reload();
          }}
        >
          {t('error.reload')}
        </button>
        <a className="button button--secondary" href="/">
          {t('error.home')}
        </a>
      </div>
    </section>
  );
}

/** The error page with its own main landmark, for failures outside the layout. */
export function ErrorScreen() {
  return (
    <main id="main" tabIndex={-1} className="container main">
      <ErrorPage />
    </main>
  );
}
