import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { currentLink, groupNavigation, type NavItem } from './navigation.ts';

export const NAV_PANEL_ID = 'site-nav-panel';

interface SiteNavProps {
  items: readonly NavItem[];
  /** Only matters on narrow screens, where the panel collapses behind the menu button. */
  open: boolean;
  onClose: () => void;
}

export function SiteNav({ items, open, onClose }: SiteNavProps) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  // One link is current, the most specific: a parent path's link is not marked as well.
  const current = currentLink(
    items.map((item) => item.to),
    pathname,
  );
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && open) onClose();
  };
  return (
    <nav className="site-nav" aria-label={t('layout.navLabel')} data-testid="site-nav">
      <div
        id={NAV_PANEL_ID}
        className={open ? 'site-nav__panel is-open' : 'site-nav__panel'}
        onKeyDown={onKeyDown}
      >
        {groupNavigation(items).map((group) => {
          const headingId = `site-nav-${group.section}`;
          return (
            <div key={group.section} className="site-nav__group">
              {group.section !== 'public' && (
                <h2 id={headingId} className="site-nav__heading">
                  {t(`roles.${group.section}`)}
                </h2>
              )}
              <ul
                className="site-nav__list"
                aria-labelledby={group.section === 'public' ? undefined : headingId}
              >
                {group.items.map((item) => (
                  <li key={item.to}>
                    <Link
                      to={item.to}
                      aria-current={item.to === current ? 'page' : undefined}
                      onClick={onClose}
                    >
                      {t(item.labelKey)}
                    </Link>
                  </li>
                ))}
              </ul>
            </div>
          );
        })}
      </div>
    </nav>
  );
}
