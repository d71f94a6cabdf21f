import { useEffect, useRef, type MouseEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import { Loading } from '../components/load-state.tsx';
import { Notice } from '../components/notice.tsx';
import { useOrganizationLocale } from '../i18n/use-locale.ts';
import { navigationFor } from './navigation.ts';
import { ConsentGate } from '../features/consent/consent-gate.tsx';
import { NotFoundPage } from './not-found-page.tsx';
import { decideRoute, pendingMfaStep } from './route-guard.ts';
import { useShellData, type Shell } from './shell-data.ts';
import { SiteFooter } from './site-footer.tsx';
import { SiteHeader } from './site-header.tsx';

export function Layout() {
  const { t } = useTranslation();
  const shell = useShellData();
  const { status, meta, actor } = shell;
  useOrganizationLocale(meta?.organization?.defaultLocale);
  const main = useRef<HTMLElement>(null);
  useFocusOnNavigation(main);
  // A person between sign-in and MFA, or an instance not set up yet, has nowhere else to go.
  const restricted = meta?.setupRequired === true || pendingMfaStep(actor) !== 'none';
  const navigation =
    actor && !restricted ? navigationFor(actor.roles, actor.abilities) : navigationFor([]);
  const isDemo = meta?.organization?.isDemo === true || actor?.isDemo === true;

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
      <SiteHeader navigation={navigation} isDemo={isDemo} />
      {status === 'degraded' && (
        <div className="container">
          <Notice testId="shell-notice">{t('layout.degraded')}</Notice>
        </div>
      )}
      <main id="main" ref={main} tabIndex={-1} className="container main">
        <GuardedOutlet shell={shell} />
      </main>
      <SiteFooter />
    </>
  );
}

/** The page, or where the route guard sends this person instead. */
function GuardedOutlet({ shell }: { shell: Shell }) {
  const { t } = useTranslation();
  const { pathname, search } = useLocation();
  const decision = decideRoute({ ...shell, pathname, search });
  switch (decision.kind) {
    case 'allow':
      // A client with documents to (re)accept is sent to the consent page first (A12).
      return (
        <ConsentGate actor={shell.actor}>
          <Outlet />
        </ConsentGate>
      );
    case 'redirect':
      return <Navigate to={decision.to} replace />;
    case 'not-found':
      return <NotFoundPage />;
    case 'wait':
      return <Loading />;
    case 'unavailable':
      return (
        <p className="loading" data-testid="session-unavailable">
          {t('layout.sessionUnavailable')}
        </p>
      );
  }
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
