import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { signOut } from '../features/auth/auth-api.ts';
import { useShellData } from './shell-data.ts';

/**
 * The header's right side: sign-in and sign-up for visitors; for a signed-in person a menu
 * button with their display name that opens account links and sign-out.
 */
export function AccountMenu() {
  const { t } = useTranslation();
  const { status, meta, actor, setActor, refreshSession } = useShellData();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [signingOut, setSigningOut] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const container = useRef<HTMLDivElement>(null);
  const panelId = useId();

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!container.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);

  // Before set-up there are no accounts to sign in to.
  if (status === 'loading' || meta?.setupRequired) return null;
  if (!actor) {
    return (
      <div className="account-links">
        <Link to="/sign-in" className="button button--secondary" data-testid="header-sign-in">
          {t('header.signIn')}
        </Link>
        <Link to="/sign-up" className="button" data-testid="header-sign-up">
          {t('header.signUp')}
        </Link>
      </div>
    );
  }

  const close = () => {
    setOpen(false);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && open) {
      setOpen(false);
      button.current?.focus();
    }
  };
  const onSignOut = () => {
    if (signingOut) return;
    setSigningOut(true);
    signOut()
      .then(
        () => {
          setActor(null);
        },
        // Already signed out elsewhere, or the server is unreachable: ask again who we are.
        () => refreshSession(),
      )
      .finally(() => {
        setSigningOut(false);
        setOpen(false);
        void navigate('/');
      });
  };

  return (
    <div className="account-menu" ref={container} onKeyDown={onKeyDown}>
      <button
        ref={button}
        type="button"
        className="account-menu__button"
        aria-expanded={open}
        aria-controls={panelId}
        data-testid="account-menu-button"
        onClick={() => {
          setOpen((current) => !current);
        }}
      >
        <span className="visually-hidden">{t('header.accountMenu')} </span>
        <span data-testid="account-display-name">{actor.displayName}</span>
      </button>
      <div id={panelId} className={open ? 'account-menu__panel is-open' : 'account-menu__panel'}>
        <ul className="account-menu__list">
          <li>
            <Link to="/account" onClick={close} data-testid="account-menu-account">
              {t('header.account')}
            </Link>
          </li>
          <li>
            <Link to="/account/sessions" onClick={close} data-testid="account-menu-sessions">
              {t('header.sessions')}
            </Link>
          </li>
          <li>
            <button
              type="button"
              className="link-button"
              onClick={onSignOut}
              data-testid="sign-out"
              aria-disabled={signingOut || undefined}
            >
              {signingOut ? t('form.working') : t('header.signOut')}
            </button>
          </li>
        </ul>
      </div>
    </div>
  );
}
