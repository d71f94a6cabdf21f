import { describe, expect, it } from 'vitest';
import type { Role } from '@anxin/common';
import type { Actor } from '../../platform/auth/actor.ts';
import { userPolicy } from './user.policy.ts';

const ORG = '00000000-0000-4000-8000-000000000001';
const OTHER_ORG = '00000000-0000-4000-8000-000000000002';
const ME = '00000000-0000-4000-8000-00000000000a';
const SOMEONE = '00000000-0000-4000-8000-00000000000b';

const actor = (roles: Role[], breakGlass: string[] = []): Actor => ({
  userId: ME,
  organizationId: ORG,
  displayName: 'x',
  roles,
  sessionId: 's',
  sessionKind: 'staff',
  verified: true,
  mfaEnrolled: true,
  mfaSatisfied: true,
  isDemo: false,
  breakGlass: breakGlass.map((id) => ({ grantId: 'g', resourceType: 'user', resourceId: id })),
});

type Relationship = 'self' | 'same-org' | 'other-org' | 'break-glass';
const resource = (rel: Relationship) => ({
  id: rel === 'self' ? ME : SOMEONE,
  organizationId: rel === 'other-org' ? OTHER_ORG : ORG,
});

/** role × action × relationship → allowed? Everything not listed as true is refused. */
const TABLE: [
  Role,
  'read' | 'list' | 'roles.update' | 'sessions.revoke' | 'break_glass.start',
  Relationship,
  boolean,
][] = [
  ['client', 'read', 'self', true],
  ['client', 'read', 'same-org', false],
  ['client', 'list', 'same-org', false],
  ['client', 'sessions.revoke', 'self', true],
  ['client', 'sessions.revoke', 'same-org', false],
  ['client', 'break_glass.start', 'same-org', false],
  ['guardian', 'read', 'same-org', false],
  ['counselor', 'read', 'same-org', false],
  ['counselor', 'read', 'self', true],
  ['operator', 'read', 'same-org', false],
  ['evaluator', 'read', 'same-org', false],
  ['evaluator', 'list', 'same-org', false],
  ['supervisor', 'read', 'same-org', false],
  ['supervisor', 'read', 'break-glass', true],
  ['supervisor', 'break_glass.start', 'same-org', true],
  ['supervisor', 'roles.update', 'same-org', false],
  ['administrator', 'read', 'same-org', true],
  ['administrator', 'read', 'other-org', false],
  ['administrator', 'list', 'same-org', true],
  ['administrator', 'roles.update', 'same-org', true],
  ['administrator', 'roles.update', 'other-org', false],
  ['administrator', 'sessions.revoke', 'same-org', true],
  ['administrator', 'break_glass.start', 'other-org', false],
];

describe('user policy', () => {
  it.each(TABLE)('%s may %s a user related as %s: %s', (role, action, rel, allowed) => {
    const a = actor([role], rel === 'break-glass' ? [SOMEONE] : []);
    expect(userPolicy.can(a, action, resource(rel))).toBe(allowed);
  });

  it('refuses everyone when there is no actor', () => {
    expect(userPolicy.can(null, 'read', resource('self'))).toBe(false);
  });

  it('gives a list filter that is false for roles with no rule', () => {
    const where = userPolicy.filter(actor(['client']), 'list', {} as never);
    expect(JSON.stringify(where)).toContain('false');
  });
});
