import { useEffect, useRef, type MouseEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation } from 'react-router';
import { Notice } from '../components/notice.tsx';
import { useOrganizationLocale } from '../i18n/use-locale.ts';
import { navigationFor } from './navigation.ts';
import { useShellData } from './shell-data.ts';
import { SiteFooter } from './site-footer.tsx';
import { SiteHeader } from './site-header.tsx';

export function Layout() {
  const { t } = useTranslation();
  const { status, meta, actor } = useShellData();
  useOrganizationLocale(meta?.organization.defaultLocale);
  const main = useRef<HTMLElement>(null);
  useFocusOnNavigation(main);

  const skipToMain = (event: MouseEvent<HTMLAnchorElement>) => {
    // Focus explicitly: following the fragment alone leaves focus behind in some browsers.
    event.preventDefault();
    main.current?.focus();
  };

  return (
    <>
      <a className="skip-link" href="#main" onClick={skipToMain}>
        {t('layout.skipToContent')}
      </a>
      <SiteHeader navigation={navigationFor(actor?.roles ?? [])} />
      {status === 'degraded' && (
        <div className="container">
          <Notice testId="shell-notice">{t('layout.degraded')}</Notice>
        </div>
      )}
      <main id="main" ref={main} tabIndex={-1} className="container main">
        <Outlet />
      </main>
      <SiteFooter />
    </>
  );
}

/**
 * After a client-side navigation, focus the new page's h1 so screen readers announce it; the first
 * render keeps the browser's natural order so the skip link stays the first stop.
 */
function useFocusOnNavigation(main: RefObject<HTMLElement | null>) {
  const { pathname } = useLocation();
  const previous = useRef(pathname);
  useEffect(() => {
    if (previous.current === pathname) return;
    previous.current = pathname;
    const target = main.current?.querySelector<HTMLElement>('h1') ?? main.current;
    target?.focus();
  }, [pathname, main]);
}
