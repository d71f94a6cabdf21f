import type { Actor, Permission } from '@anxin/common';
import { describe, expect, it } from 'vitest';
import {
  accessFor,
  decideRoute,
  pendingMfaStep,
  safeNext,
  type GuardDecision,
  type GuardInput,
} from './route-guard.ts';

type Mfa = Actor['mfa'];
const NONE: Mfa = { required: false, enrolled: false, satisfied: false };
const STAFF_NEW: Mfa = { required: true, enrolled: false, satisfied: false };
const ENROLLED_PENDING: Mfa = { required: true, enrolled: true, satisfied: false };
const CLIENT_PENDING: Mfa = { required: false, enrolled: true, satisfied: false };
const SATISFIED: Mfa = { required: true, enrolled: true, satisfied: true };
const CLIENT_SATISFIED: Mfa = { required: false, enrolled: true, satisfied: true };

const actor = (mfa: Mfa, abilities: Permission[] = []) => ({ mfa, abilities });
const READY = { status: 'ready' as const, meta: { setupRequired: false } };

function decide(path: string, input: Partial<GuardInput> = {}): GuardDecision {
  const [pathname = '/', query = ''] = path.split('?');
  return decideRoute({
    ...READY,
    actor: null,
    pathname,
    search: query ? `?${query}` : '',
    ...input,
  });
}

const allow: GuardDecision = { kind: 'allow' };
const to = (target: string): GuardDecision => ({ kind: 'redirect', to: target });

describe('pendingMfaStep', () => {
  it.each([
    ['a visitor', null, 'none'],
    ['a client without MFA', NONE, 'none'],
    ['new staff (required, not enrolled)', STAFF_NEW, 'enrol'],
    ['staff enrolled but not yet answered', ENROLLED_PENDING, 'challenge'],
    ['a client enrolled but not yet answered', CLIENT_PENDING, 'challenge'],
    ['staff who answered', SATISFIED, 'none'],
    ['a client who answered', CLIENT_SATISFIED, 'none'],
  ] as const)('is right for %s', (_who, mfa, step) => {
    expect(pendingMfaStep(mfa ? { mfa } : null)).toBe(step);
  });
});

describe('decideRoute', () => {
  it.each<[string, string, Partial<GuardInput>, GuardDecision]>([
    // MFA: enrolment forced, nothing else reachable but crisis help.
    ['new staff anywhere → enrolment', '/', { actor: actor(STAFF_NEW) }, to('/mfa/setup')],
    [
      'new staff on an admin page → enrolment, then back',
      '/admin/users',
      { actor: actor(STAFF_NEW, ['user.list']) },
      to('/mfa/setup?next=%2Fadmin%2Fusers'),
    ],
    ['new staff on the enrolment page', '/mfa/setup', { actor: actor(STAFF_NEW) }, allow],
    ['new staff on the challenge page', '/mfa', { actor: actor(STAFF_NEW) }, to('/mfa/setup')],
    ['new staff on the crisis page', '/help', { actor: actor(STAFF_NEW) }, allow],
    [
      'new staff on their account',
      '/account',
      { actor: actor(STAFF_NEW) },
      to('/mfa/setup?next=%2Faccount'),
    ],
    // MFA: challenge forced for anyone enrolled.
    ['enrolled staff anywhere → challenge', '/', { actor: actor(ENROLLED_PENDING) }, to('/mfa')],
    [
      'enrolled client → challenge',
      '/account',
      { actor: actor(CLIENT_PENDING) },
      to('/mfa?next=%2Faccount'),
    ],
    ['enrolled staff on the challenge', '/mfa', { actor: actor(ENROLLED_PENDING) }, allow],
    [
      'enrolled staff on enrolment → challenge',
      '/mfa/setup',
      { actor: actor(ENROLLED_PENDING) },
      to('/mfa'),
    ],
    [
      'just signed in with a next → challenge keeps the next',
      '/sign-in?next=%2Fadmin%2Faudit',
      { actor: actor(ENROLLED_PENDING) },
      to('/mfa?next=%2Fadmin%2Faudit'),
    ],
    // MFA done.
    [
      'challenge answered → on to next',
      '/mfa?next=%2Faccount',
      { actor: actor(SATISFIED) },
      to('/account'),
    ],
    ['challenge answered, no next → home', '/mfa', { actor: actor(SATISFIED) }, to('/')],
    [
      'enrolled and satisfied on enrolment → on',
      '/mfa/setup?next=%2Faccount',
      { actor: actor(CLIENT_SATISFIED) },
      to('/account'),
    ],
    ['client may enrol voluntarily', '/mfa/setup', { actor: actor(NONE) }, allow],
    ['visitor on the challenge → sign in', '/mfa', {}, to('/sign-in')],
    ['visitor on enrolment → sign in', '/mfa/setup', {}, to('/sign-in')],
    // Sign-in pages.
    ['visitor on sign-in', '/sign-in', {}, allow],
    ['visitor on sign-up', '/sign-up', {}, allow],
    ['signed in on sign-in → home', '/sign-in', { actor: actor(NONE) }, to('/')],
    [
      'signed in on sign-in with next → next',
      '/sign-in?next=%2Faccount',
      { actor: actor(NONE) },
      to('/account'),
    ],
    [
      'an off-site next is ignored',
      '/sign-in?next=%2F%2Fevil.example',
      { actor: actor(NONE) },
      to('/'),
    ],
    // Signed-in pages.
    ['visitor on account → sign in, then back', '/account', {}, to('/sign-in?next=%2Faccount')],
    [
      'visitor on sessions → sign in',
      '/account/sessions',
      {},
      to('/sign-in?next=%2Faccount%2Fsessions'),
    ],
    ['client on account', '/account', { actor: actor(NONE) }, allow],
    [
      'visitor while loading → wait',
      '/account',
      { status: 'loading', meta: null },
      { kind: 'wait' },
    ],
    [
      'visitor while degraded → unavailable',
      '/account',
      { status: 'degraded', meta: null },
      { kind: 'unavailable' },
    ],
    // Abilities.
    [
      'admin without user.list → 404',
      '/admin/users',
      { actor: actor(SATISFIED) },
      { kind: 'not-found' },
    ],
    ['admin with user.list', '/admin/users', { actor: actor(SATISFIED, ['user.list']) }, allow],
    [
      'audit needs audit.read',
      '/admin/audit?subjectId=x',
      { actor: actor(SATISFIED, ['user.list']) },
      { kind: 'not-found' },
    ],
    [
      'audit with audit.read',
      '/admin/audit?subjectId=x',
      { actor: actor(SATISFIED, ['audit.read']) },
      allow,
    ],
    [
      'outbox needs outbox.read',
      '/admin/outbox',
      { actor: actor(SATISFIED, ['audit.read']) },
      { kind: 'not-found' },
    ],
    [
      'invitations need invitation.list',
      '/admin/invitations',
      { actor: actor(SATISFIED, ['invitation.list']) },
      allow,
    ],
    [
      'user detail with user.read',
      '/admin/users/abc',
      { actor: actor(SATISFIED, ['user.read']) },
      allow,
    ],
    [
      'user detail for break-glass',
      '/admin/users/abc',
      { actor: actor(SATISFIED, ['break_glass.start']) },
      allow,
    ],
    [
      'user detail without either → 404',
      '/admin/users/abc',
      { actor: actor(SATISFIED, ['audit.read']) },
      { kind: 'not-found' },
    ],
    ['visitor on admin → sign in', '/admin/audit', {}, to('/sign-in?next=%2Fadmin%2Faudit')],
    // Public pages.
    ['visitor at home', '/', {}, allow],
    ['visitor on an unknown page (404 page itself)', '/nowhere', {}, allow],
    ['visitor on a reset link', '/reset-password?token=abc', {}, allow],
    // One-time links are not returned to after MFA.
    [
      'accepted invitation → enrolment without next',
      '/invite?token=abc',
      { actor: actor(STAFF_NEW) },
      to('/mfa/setup'),
    ],
    // Set-up.
    ['set-up pending: everything → set-up', '/', { meta: { setupRequired: true } }, to('/setup')],
    [
      'set-up pending: sign-in → set-up',
      '/sign-in',
      { meta: { setupRequired: true } },
      to('/setup'),
    ],
    ['set-up pending: set-up page', '/setup?token=t', { meta: { setupRequired: true } }, allow],
    ['set-up pending: crisis help stays open', '/help', { meta: { setupRequired: true } }, allow],
    ['set-up done: set-up page → home', '/setup', {}, to('/')],
    [
      'set-up done with a new admin → home first, then enrolment',
      '/setup',
      { actor: actor(STAFF_NEW) },
      to('/'),
    ],
    [
      'meta still loading on set-up → wait',
      '/setup',
      { status: 'loading', meta: null },
      { kind: 'wait' },
    ],
  ])('%s', (_case, path, input, expected) => {
    expect(decide(path, input)).toEqual(expected);
  });
});

describe('accessFor', () => {
  it('ignores a trailing slash', () => {
    expect(accessFor('/account/')).toEqual(accessFor('/account'));
  });

  it('treats unknown paths as public so the 404 page can answer', () => {
    expect(accessFor('/my/records')).toEqual({ kind: 'public' });
  });

  it('asks for an account to book and to see appointments, and counselor.apply for hours', () => {
    expect(accessFor('/counselors/abc/book')).toEqual({ kind: 'signed-in' });
    expect(accessFor('/counselors/abc')).toEqual({ kind: 'public' });
    expect(accessFor('/appointments')).toEqual({ kind: 'signed-in' });
    expect(accessFor('/appointments/abc/receipt')).toEqual({ kind: 'signed-in' });
    expect(accessFor('/appointments/abc/session')).toEqual({ kind: 'signed-in' });
    expect(accessFor('/appointments/abc/note')).toEqual({ kind: 'signed-in' });
    expect(accessFor('/clients/abc/chart')).toEqual({ kind: 'signed-in' });
    expect(accessFor('/records/abc')).toEqual({ kind: 'signed-in' });
    expect(accessFor('/me/assessments/abc')).toEqual({ kind: 'signed-in' });
    expect(accessFor('/schedule')).toEqual({ kind: 'signed-in' });
    expect(accessFor('/admin/schedule')).toEqual({ kind: 'signed-in' });
    expect(accessFor('/counselor/availability')).toEqual({
      kind: 'ability',
      anyOf: ['counselor.apply'],
    });
  });
});

describe('safeNext', () => {
  it.each([
    ['/account', '/account'],
    ['/admin/audit?subjectId=1', '/admin/audit?subjectId=1'],
    ['//evil.example', null],
    ['/\\evil.example', null],
    ['https://evil.example', null],
    ['', null],
    [null, null],
  ])('%j → %j', (next, expected) => {
    expect(safeNext(next)).toBe(expected);
  });
});
