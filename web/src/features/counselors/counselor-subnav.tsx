import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';

/** The counselor's four pages, as a local menu under each page's heading. */
export function CounselorSubnav() {
  const { t } = useTranslation();
  const links = [
    { to: '/counselor/profile', label: t('nav.counselorProfile') },
    { to: '/counselor/qualifications', label: t('nav.qualifications') },
    { to: '/counselor/relationships', label: t('nav.relationships') },
    { to: '/counselor/development', label: t('nav.development') },
  ];
  return (
    <nav className="subnav" aria-label={t('counselors.subnavLabel')}>
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
