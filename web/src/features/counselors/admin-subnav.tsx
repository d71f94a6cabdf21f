import type { Permission } from '@anxin/common';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { useShellData } from '../../app/shell-data.ts';
import type { NavLabelKey } from '../../app/navigation.ts';

const LINKS: readonly { to: string; label: NavLabelKey; ability: Permission }[] = [
  { to: '/admin/counselors', label: 'nav.counselors', ability: 'counselor.list' },
  {
    to: '/admin/counselors/development',
    label: 'nav.ceShortfall',
    ability: 'counselor.development.report',
  },
  { to: '/admin/vocabularies', label: 'nav.vocabularies', ability: 'vocabulary.update' },
  { to: '/admin/settings', label: 'nav.settings', ability: 'counselor.settings.update' },
];

/** Administrators' counselor pages, as a local menu; each link only with its ability. */
export function AdminSubnav() {
  const { t } = useTranslation();
  const { actor } = useShellData();
  const abilities = actor?.abilities ?? [];
  const links = LINKS.filter((link) => abilities.includes(link.ability));
  if (links.length < 2) return null;
  return (
    <nav className="subnav" aria-label={t('counselors.admin.subnavLabel')}>
      <ul>
        {links.map((link) => (
          <li key={link.to}>
            <NavLink to={link.to} end>
              {t(link.label)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
