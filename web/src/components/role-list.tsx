import { ROLES, type Role } from '@anxin/common';
import { useTranslation } from 'react-i18next';

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Roles in their translated names, in ROLES order, comma-separated. */
export function RoleList({ roles }: { roles: readonly string[] }) {
  const { t } = useTranslation();
  const known = ROLES.filter((role) => roles.includes(role));
  if (known.length === 0) return <span>{t('common.none')}</span>;
  return <span>{known.map((role) => t(`roles.${role}`)).join(t('common.listSeparator'))}</span>;
}
