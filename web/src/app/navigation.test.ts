import { PERMISSIONS, ROLES, type Role } from '@anxin/common';
import { describe, expect, it } from 'vitest';
import { flattenMessages } from '../i18n/messages.ts';
import { en, zhCN } from '../i18n/catalog.ts';
import { currentLink, groupNavigation, navigationFor } from './navigation.ts';

const paths = (roles: readonly Role[]) => navigationFor(roles).map((item) => item.to);

/** Admin links that each need their own ability. */
const ADMIN_GATED = [
  ['user.list', '/admin/users'],
  ['invitation.list', '/admin/invitations'],
  ['audit.read', '/admin/audit'],
  ['outbox.read', '/admin/outbox'],
  ['counselor.list', '/admin/counselors'],
  ['counselor.development.report', '/admin/counselors/development'],
  ['vocabulary.update', '/admin/vocabularies'],
  ['counselor.settings.update', '/admin/settings'],
  ['privacy_request.handle', '/admin/privacy-requests'],
] as const;

describe('navigationFor', () => {
  it('gives anonymous visitors home, the counselor directory and help only', () => {
    expect(navigationFor([])).toEqual([
      { to: '/', labelKey: 'nav.home', section: 'public' },
      { to: '/counselors', labelKey: 'nav.findCounselor', section: 'public' },
      { to: '/help', labelKey: 'nav.help', section: 'public' },
    ]);
  });

  it.each(ROLES)('gives a %s the public links and a section of their own', (role) => {
    const items = navigationFor([role]);
    expect(items.slice(0, 3).map((item) => item.to)).toEqual(['/', '/counselors', '/help']);
    const own = items.filter((item) => item.section === role);
    expect(own.length).toBeGreaterThan(0);
    expect(items.every((item) => item.section === 'public' || item.section === role)).toBe(true);
  });

  it.each([
    ['client', ['/appointments', '/counselors', '/my/records', '/me/assessments', '/privacy']],
    ['guardian', ['/guardian/appointments']],
    ['counselor', ['/schedule', '/clients', '/records', '/supervision']],
    ['operator', ['/hotline', '/shifts']],
    ['supervisor', ['/reviews', '/crisis', '/supervision']],
    ['administrator', ['/admin/complaints']],
    ['evaluator', ['/evaluations']],
  ] as const)('offers a %s their own destinations', (role, expected) => {
    expect(paths([role])).toEqual(expect.arrayContaining([...expected]));
  });

  it('offers scheduling: appointments, schedule and hours, and the centre schedule', () => {
    expect(paths(['client'])).toContain('/appointments');
    expect(paths(['counselor'])).toContain('/schedule');
    expect(paths(['counselor'])).not.toContain('/counselor/availability');
    expect(navigationFor(['counselor'], ['counselor.apply']).map((item) => item.to)).toContain(
      '/counselor/availability',
    );
    expect(paths(['administrator'])).toContain('/admin/schedule');
    expect(paths(['client'])).not.toContain('/admin/schedule');
  });

  it('keeps clinical and admin destinations away from clients', () => {
    const client = paths(['client']);
    for (const staffOnly of ['/records', '/hotline', '/admin/audit', '/evaluations']) {
      expect(client).not.toContain(staffOnly);
    }
  });

  it('hides admin items whose ability the server did not grant', () => {
    const withoutAbilities = paths(['administrator']);
    for (const gated of [...ADMIN_GATED.map(([, to]) => to)]) {
      expect(withoutAbilities).not.toContain(gated);
    }
  });

  it('keeps the directory under the public links for a client, not twice', () => {
    const items = navigationFor(['client'], ['directory.search']);
    expect(items.filter((item) => item.to === '/counselors')).toEqual([
      { to: '/counselors', labelKey: 'nav.findCounselor', section: 'public' },
    ]);
  });

  it('offers a counselor with counselor.apply the four pages of their application', () => {
    const items = navigationFor(['counselor'], ['counselor.apply']).filter(
      (item) => item.section === 'counselor',
    );
    expect(items.map((item) => item.to)).toEqual(
      expect.arrayContaining([
        '/counselor/profile',
        '/counselor/qualifications',
        '/counselor/relationships',
        '/counselor/development',
      ]),
    );
    expect(paths(['counselor'])).not.toContain('/counselor/profile');
  });

  it.each(ADMIN_GATED)(
    'shows an administrator with %s the link %s, and only that one',
    (ability, to) => {
      const items = navigationFor(['administrator'], [ability]).map((item) => item.to);
      expect(items).toContain(to);
      const others = ADMIN_GATED.map(([, path]) => path);
      for (const other of others.filter((path) => path !== to)) expect(items).not.toContain(other);
    },
  );

  it('does not show admin items to someone with the ability but not the role', () => {
    expect(paths(['client'])).toEqual(
      navigationFor(['client'], ['user.list', 'audit.read']).map((item) => item.to),
    );
  });

  it('gives several roles the union of their links without duplicates', () => {
    const both = paths(['counselor', 'supervisor']);
    expect(new Set(both).size).toBe(both.length);
    expect(both.filter((to) => to === '/supervision')).toHaveLength(1);
    expect(both).toEqual(
      expect.arrayContaining([...paths(['counselor']), ...paths(['supervisor'])]),
    );
  });

  it('lists every link of every role exactly once for someone holding all roles', () => {
    const all = paths(ROLES);
    const union = new Set(ROLES.flatMap((role) => paths([role])));
    expect(all).toHaveLength(union.size);
    expect(new Set(all)).toEqual(union);
  });

  it('does not depend on the order or repetition of the roles given', () => {
    expect(navigationFor(['supervisor', 'operator', 'operator'])).toEqual(
      navigationFor(['operator', 'supervisor']),
    );
  });

  it('credits a shared link to the first role in ROLES order', () => {
    const crisis = navigationFor(['supervisor', 'operator']).find((item) => item.to === '/crisis');
    expect(crisis?.section).toBe('operator');
  });

  it('uses label keys that exist in both locales', () => {
    const zh = flattenMessages(zhCN);
    const english = flattenMessages(en);
    for (const item of navigationFor(ROLES, PERMISSIONS)) {
      expect(zh.has(item.labelKey), item.labelKey).toBe(true);
      expect(english.has(item.labelKey), item.labelKey).toBe(true);
    }
    for (const role of ROLES)
      expect(zh.has(`roles.${role}`) && english.has(`roles.${role}`)).toBe(true);
  });

  it('groups items by section in order', () => {
    const groups = groupNavigation(navigationFor(['client', 'guardian']));
    expect(groups.map((group) => group.section)).toEqual(['public', 'client', 'guardian']);
  });
});

describe('currentLink', () => {
  const admin = navigationFor(['administrator'], PERMISSIONS).map((item) => item.to);

  it('marks only the most specific link when one path lies under another', () => {
    expect(admin).toEqual(
      expect.arrayContaining(['/admin/counselors', '/admin/counselors/development']),
    );
    expect(currentLink(admin, '/admin/counselors/development')).toBe(
      '/admin/counselors/development',
    );
    expect(currentLink(admin, '/admin/counselors')).toBe('/admin/counselors');
  });

  it('keeps a section current on the pages below it', () => {
    expect(currentLink(admin, '/admin/counselors/00000000-0000-4000-8000-000000000003')).toBe(
      '/admin/counselors',
    );
    expect(currentLink(admin, '/admin/users/abc')).toBe('/admin/users');
  });

  it('matches whole path segments, ignoring case and a trailing slash', () => {
    expect(currentLink(['/admin/users'], '/admin/users-archive')).toBeNull();
    expect(currentLink(admin, '/Admin/Counselors/Development/')).toBe(
      '/admin/counselors/development',
    );
  });

  it('marks home only on the home page', () => {
    const links = ['/', '/counselors', '/help'];
    expect(currentLink(links, '/')).toBe('/');
    expect(currentLink(links, '/counselors/42')).toBe('/counselors');
    expect(currentLink(links, '/sign-in')).toBeNull();
  });
});
