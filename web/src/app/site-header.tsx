import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LanguageSwitch } from '../components/language-switch.tsx';
import { AccountMenu } from './account-menu.tsx';
import type { NavItem } from './navigation.ts';
import { NAV_PANEL_ID, SiteNav } from './site-nav.tsx';

interface SiteHeaderProps {
  navigation: readonly NavItem[];
  /** A demo organisation: warn on every page, inside the banner landmark. */
  isDemo?: boolean;
}

export function SiteHeader({ navigation, isDemo = false }: SiteHeaderProps) {
  const { t } = useTranslation();
  const [menuOpen, setMenuOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  const closeMenu = () => {
    // Escape or a chosen link closes the menu; focus returns to the button only if it was inside.
    if (menuOpen && document.activeElement?.closest(`#${NAV_PANEL_ID}`)) {
      menuButton.current?.focus();
    }
    setMenuOpen(false);
  };
  return (
    <header className="site-header">
      {isDemo && (
        <div className="demo-banner" data-testid="demo-banner">
          <p className="container">{t('layout.demo')}</p>
        </div>
      )}
      <div className="site-header__bar container">
        <Link to="/" className="brand">
          {t('app.brand')}
        </Link>
        <div className="site-header__tools">
          <LanguageSwitch />
          <AccountMenu />
          <button
            ref={menuButton}
            type="button"
            className="menu-button"
            aria-expanded={menuOpen}
            aria-controls={NAV_PANEL_ID}
            data-testid="menu-button"
            onClick={() => {
              setMenuOpen((open) => !open);
            }}
          >
            {t('layout.menu')}
          </button>
        </div>
      </div>
      <div className="container">
        <SiteNav items={navigation} open={menuOpen} onClose={closeMenu} />
      </div>
    </header>
  );
}
