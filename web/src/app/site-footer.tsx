import { Trans, useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useShellData } from './shell-data.ts';

export function SiteFooter() {
  const { t } = useTranslation();
  const { meta } = useShellData();
  return (
    <footer className="site-footer">
      <div className="container">
        <p className="site-footer__crisis" data-testid="crisis-line">
          <Trans
            i18nKey="footer.crisis"
            t={t}
            components={{
              police: <a href="tel:110" />,
              ambulance: <a href="tel:120" />,
              hotline: <a href="tel:12356" />,
            }}
          />{' '}
          <Link to="/help">{t('footer.helpLink')}</Link>
        </p>
        {meta && (
          <p className="site-footer__meta">
            {meta.organization && (
              <span>{t('footer.organization', { name: meta.organization.name })}</span>
            )}{' '}
            <span data-testid="app-version">{t('footer.version', { version: meta.version })}</span>
          </p>
        )}
      </div>
    </footer>
  );
}
