import { ROLES, type Permission, type Role } from '@anxin/common';
import type zhCN from '../i18n/locales/zh-CN.json';

export type NavLabelKey = `nav.${keyof (typeof zhCN)['nav']}`;
export type NavSection = 'public' | Role;

export interface NavLink {
  readonly to: string;
  readonly labelKey: NavLabelKey;
  /** Shown only to those the server granted this ability (sent with the session). */
  readonly ability?: Permission;
}

export interface NavItem extends NavLink {
  /** The first section (public, then roles in ROLES order) that offers this link. */
  readonly section: NavSection;
}

const PUBLIC_LINKS: readonly NavLink[] = [
  { to: '/', labelKey: 'nav.home' },
  { to: '/counselors', labelKey: 'nav.findCounselor' },
  { to: '/help', labelKey: 'nav.help' },
];

/**
 * The client's "find a counselor" is the public directory (listed once, under the public links).
 * Links without a page yet are placeholders for the modules to come: the paths are their future
 * routes and fall to the 404 page until then. Paths shared by roles (crisis, supervision) are one destination whose content
 * the server scopes per role, so they appear once.
 */
const ROLE_LINKS: Readonly<Record<Role, readonly NavLink[]>> = {
  client: [
    { to: '/appointments', labelKey: 'nav.myAppointments' },
    { to: '/counselors', labelKey: 'nav.findCounselor' },
    { to: '/my/records', labelKey: 'nav.myRecords' },
    { to: '/me/assessments', labelKey: 'nav.myAssessments' },
    { to: '/privacy', labelKey: 'nav.myPrivacy' },
    { to: '/consent/mine', labelKey: 'nav.myConsents' },
    { to: '/my/complaints', labelKey: 'nav.myComplaints' },
  ],
  guardian: [
    { to: '/guardian/appointments', labelKey: 'nav.childAppointments' },
    { to: '/guardian/consents', labelKey: 'nav.childConsents' },
  ],
  counselor: [
    { to: '/schedule', labelKey: 'nav.schedule' },
    { to: '/counselor/availability', labelKey: 'nav.availability', ability: 'counselor.apply' },
    { to: '/clients', labelKey: 'nav.myClients' },
    { to: '/records', labelKey: 'nav.records' },
    { to: '/counselor/profile', labelKey: 'nav.counselorProfile', ability: 'counselor.apply' },
    {
      to: '/counselor/qualifications',
      labelKey: 'nav.qualifications',
      ability: 'counselor.apply',
    },
    {
      to: '/counselor/relationships',
      labelKey: 'nav.relationships',
      ability: 'counselor.apply',
    },
    { to: '/counselor/development', labelKey: 'nav.development', ability: 'counselor.apply' },
    { to: '/counselor/disclosures', labelKey: 'nav.disclosures', ability: 'disclosure.record' },
    { to: '/supervision', labelKey: 'nav.supervision' },
  ],
  operator: [
    { to: '/hotline', labelKey: 'nav.hotlineDesk' },
    { to: '/shifts', labelKey: 'nav.shift' },
    { to: '/crisis', labelKey: 'nav.crisis' },
  ],
  supervisor: [
    { to: '/reviews', labelKey: 'nav.reviews' },
    { to: '/crisis', labelKey: 'nav.crisis' },
    { to: '/supervision', labelKey: 'nav.supervision' },
    { to: '/admin/disclosures', labelKey: 'nav.disclosures', ability: 'disclosure.approve' },
  ],
  administrator: [
    { to: '/admin/users', labelKey: 'nav.users', ability: 'user.list' },
    { to: '/admin/invitations', labelKey: 'nav.invitations', ability: 'invitation.list' },
    { to: '/admin/counselors', labelKey: 'nav.counselors', ability: 'counselor.list' },
    {
      to: '/admin/counselors/development',
      labelKey: 'nav.ceShortfall',
      ability: 'counselor.development.report',
    },
    { to: '/admin/vocabularies', labelKey: 'nav.vocabularies', ability: 'vocabulary.update' },
    { to: '/admin/schedule', labelKey: 'nav.adminSchedule' },
    {
      to: '/admin/scheduling',
      labelKey: 'nav.schedulingSettings',
      ability: 'scheduling.settings.update',
    },
    { to: '/admin/complaints', labelKey: 'nav.complaints' },
    {
      to: '/admin/privacy-requests',
      labelKey: 'nav.privacyRequests',
      ability: 'privacy_request.handle',
    },
    { to: '/admin/breach', labelKey: 'nav.breachIncidents', ability: 'breach.manage' },
    {
      to: '/admin/policy-documents',
      labelKey: 'nav.policyDocuments',
      ability: 'policy_document.manage',
    },
    { to: '/admin/disclosures', labelKey: 'nav.disclosures', ability: 'disclosure.read' },
    {
      to: '/admin/retention',
      labelKey: 'nav.retention',
      ability: 'retention.settings.update',
    },
    {
      to: '/admin/conduct-reports',
      labelKey: 'nav.conductReports',
      ability: 'conduct_report.read',
    },
    {
      to: '/admin/counseling-settings',
      labelKey: 'nav.counselingSettings',
      ability: 'sessions.settings.update',
    },
    {
      to: '/admin/referral-resources',
      labelKey: 'nav.referralResources',
      ability: 'referral_resource.manage',
    },
    { to: '/admin/audit', labelKey: 'nav.audit', ability: 'audit.read' },
    { to: '/admin/outbox', labelKey: 'nav.outbox', ability: 'outbox.read' },
    { to: '/admin/settings', labelKey: 'nav.settings', ability: 'counselor.settings.update' },
  ],
  evaluator: [{ to: '/evaluations', labelKey: 'nav.evaluations' }],
};

/**
 * The links a person with these roles sees: public ones, then each held role's, each path once.
 * Order follows ROLES rather than the input so the menu does not reshuffle between sessions.
 * A link tied to an ability appears only when the server granted it: holding the role is not
 * enough (an administrator without audit.read sees no audit link).
 */
export function navigationFor(
  roles: readonly Role[],
  abilities: readonly Permission[] = [],
): NavItem[] {
  const held = new Set(roles);
  const granted = new Set(abilities);
  const seen = new Set<string>();
  const items: NavItem[] = [];
  const add = (section: NavSection, links: readonly NavLink[]) => {
    for (const link of links) {
      if (seen.has(link.to)) continue;
      if (link.ability && !granted.has(link.ability)) continue;
      seen.add(link.to);
      items.push({ ...link, section });
    }
  };
  add('public', PUBLIC_LINKS);
  for (const role of ROLES) {
    if (held.has(role)) add(role, ROLE_LINKS[role]);
  }
  return items;
}

export interface NavGroup {
  readonly section: NavSection;
  readonly items: readonly NavItem[];
}

/** Groups consecutive items by section, for rendering one labelled list per role. */
export function groupNavigation(items: readonly NavItem[]): NavGroup[] {
  const groups: { section: NavSection; items: NavItem[] }[] = [];
  for (const item of items) {
    const last = groups.at(-1);
    if (last?.section === item.section) last.items.push(item);
    else groups.push({ section: item.section, items: [item] });
  }
  return groups;
}

/**
 * The link that marks where the person is: the most specific one whose path is the current path
 * or a parent of it, so on `/admin/counselors/development` only that link is current, not also
 * `/admin/counselors`. Home counts only on `/` itself. Paths compare without letter case and
 * trailing slashes, as the router matches them.
 */
export function currentLink(paths: readonly string[], pathname: string): string | null {
  const path = pathname.toLowerCase().replace(/\/+$/, '') || '/';
  let best: string | null = null;
  for (const to of paths) {
    const target = to.toLowerCase();
    const matches =
      target === '/' ? path === '/' : path === target || path.startsWith(`${target}/`);
    if (matches && (best === null || to.length > best.length)) best = to;
  }
  return best;
}
