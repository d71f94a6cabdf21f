import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { groupNavigation, type NavItem } from './navigation.ts';

export const NAV_PANEL_ID = 'site-nav-panel';

interface SiteNavProps {
  items: readonly NavItem[];
  /** Only matters on narrow screens, where the panel collapses behind the menu button. */
  open: boolean;
  onClose: () => void;
}

export function SiteNav({ items, open, onClose }: SiteNavProps) {
  const { t } = useTranslation();
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
                    <NavLink to={item.to} end={item.to === '/'} onClick={onClose}>
                      {t(item.labelKey)}
                    </NavLink>
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
