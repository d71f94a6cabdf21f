import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';

/** The counselor's scheduling pages, as a local menu under each page's heading. */
export function SchedulingSubnav() {
  const { t } = useTranslation();
  const links = [
    { to: '/schedule', label: t('nav.schedule') },
    { to: '/counselor/availability', label: t('nav.availability') },
  ];
  return (
    <nav className="subnav" aria-label={t('scheduling.subnavLabel')}>
      <ul>
        {links.map((link) => (
          <li key={link.to}>
            <NavLink to={link.to}>{link.label}</NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
