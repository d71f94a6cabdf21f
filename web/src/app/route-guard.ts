import type { Actor, Permission } from '@anxin/common';

/** Who may open a path. The server decides for real; this only spares people dead ends. */
export type Access =
  /** Anyone, in any state (crisis help must never be behind a step). */
  | { kind: 'open' }
  /** Anyone, once set-up is done and no MFA step is pending. */
  | { kind: 'public' }
  /** Visitors only (sign-in, sign-up): a signed-in person is sent on. */
  | { kind: 'visitor' }
  | { kind: 'setup' }
  | { kind: 'mfa-challenge' }
  | { kind: 'mfa-setup' }
  | { kind: 'signed-in' }
  /** Signed in with at least one of these abilities; others see the 404 page. */
  | { kind: 'ability'; anyOf: readonly Permission[] };

const EXACT: Readonly<Record<string, Access>> = {
  '/help': { kind: 'open' },
  '/sign-in': { kind: 'visitor' },
  '/sign-up': { kind: 'visitor' },
  '/setup': { kind: 'setup' },
  '/mfa': { kind: 'mfa-challenge' },
  '/mfa/setup': { kind: 'mfa-setup' },
  '/account': { kind: 'signed-in' },
  '/account/sessions': { kind: 'signed-in' },
  '/admin/users': { kind: 'ability', anyOf: ['user.list'] },
  '/admin/invitations': { kind: 'ability', anyOf: ['invitation.list'] },
  '/admin/audit': { kind: 'ability', anyOf: ['audit.read'] },
  '/admin/outbox': { kind: 'ability', anyOf: ['outbox.read'] },
  '/counselor/profile': { kind: 'ability', anyOf: ['counselor.apply'] },
  '/counselor/qualifications': { kind: 'ability', anyOf: ['counselor.apply'] },
  '/counselor/relationships': { kind: 'ability', anyOf: ['counselor.apply'] },
  '/counselor/development': { kind: 'ability', anyOf: ['counselor.apply'] },
  '/admin/counselors': { kind: 'ability', anyOf: ['counselor.list'] },
  '/admin/counselors/development': {
    kind: 'ability',
    anyOf: ['counselor.development.report'],
  },
  '/admin/vocabularies': { kind: 'ability', anyOf: ['vocabulary.update'] },
  '/admin/settings': { kind: 'ability', anyOf: ['counselor.settings.update'] },
  '/appointments': { kind: 'signed-in' },
  '/consent': { kind: 'signed-in' },
  '/consent/mine': { kind: 'signed-in' },
  '/guardian/consents': { kind: 'signed-in' },
  '/admin/policy-documents': { kind: 'ability', anyOf: ['policy_document.manage'] },
  '/schedule': { kind: 'signed-in' },
  '/admin/schedule': { kind: 'signed-in' },
  '/admin/scheduling': { kind: 'ability', anyOf: ['scheduling.settings.update'] },
  '/admin/retention': { kind: 'ability', anyOf: ['retention.settings.update'] },
  '/admin/conduct-reports': { kind: 'ability', anyOf: ['conduct_report.read'] },
  '/admin/counseling-settings': {
    kind: 'ability',
    anyOf: ['sessions.settings.update', 'records.settings.update'],
  },
  '/admin/referral-resources': { kind: 'ability', anyOf: ['referral_resource.manage'] },
  '/counselor/availability': { kind: 'ability', anyOf: ['counselor.apply'] },
  '/admin/breach': { kind: 'ability', anyOf: ['breach.manage'] },
  '/privacy': { kind: 'signed-in' },
  '/me/assessments': { kind: 'signed-in' },
  '/admin/privacy-requests': { kind: 'ability', anyOf: ['privacy_request.handle'] },
  '/admin/disclosures': { kind: 'ability', anyOf: ['disclosure.read', 'disclosure.approve'] },
  '/counselor/disclosures': { kind: 'ability', anyOf: ['disclosure.record'] },
};

/**
 * Pages that are a step of their own (a one-time link, a code form): never a place to return to
 * after sign-in or MFA, because the link is spent by then.
 */
const NO_RETURN = new Set(['/verify', '/forgot-password', '/reset-password', '/invite']);

/** A user's page: readable with user.read; a supervisor may reach it to ask for break-glass. */
const USER_DETAIL = /^\/admin\/users\/[^/]+$/;
/** One counselor's application, for those who review them. */
const COUNSELOR_DETAIL = /^\/admin\/counselors\/[^/]+$/;
/** One breach incident: for those who manage the register. */
const BREACH_DETAIL = /^\/admin\/breach\/[^/]+$/;
/** A privacy request, or the working-day calendar: for those who handle requests. */
const PRIVACY_REQUEST = /^\/admin\/privacy-requests\/[^/]+$/;
/** Booking needs an account; the free times themselves are public on the counselor's page. */
const BOOKING = /^\/counselors\/[^/]+\/book$/;
/** An appointment's receipt: its client's or an administrator's (the server decides). */
const RECEIPT = /^\/appointments\/[^/]+\/receipt$/;
/**
 * A session room, the way into it from an appointment, and the note the counselor is sent to
 * after it: its parties (the server decides).
 */
const SESSION_ROOM = /^\/(rooms\/[^/]+|appointments\/[^/]+\/(session|note))$/;

/**
 * A client's chart, a clinical record, a questionnaire to fill in: the server decides who sees
 * each (the chart's and the record's policies, the questionnaire's client).
 */
const CLINICAL = /^\/(clients\/[^/]+\/chart|records\/[^/]+|me\/assessments\/[^/]+)$/;

export function accessFor(pathname: string): Access {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  const exact = EXACT[path];
  if (exact) return exact;
  if (USER_DETAIL.test(path)) return { kind: 'ability', anyOf: ['user.read', 'break_glass.start'] };
  if (COUNSELOR_DETAIL.test(path)) return { kind: 'ability', anyOf: ['counselor.review'] };
  if (BREACH_DETAIL.test(path)) return { kind: 'ability', anyOf: ['breach.manage'] };
  if (PRIVACY_REQUEST.test(path)) return { kind: 'ability', anyOf: ['privacy_request.handle'] };
  if (BOOKING.test(path) || RECEIPT.test(path) || SESSION_ROOM.test(path) || CLINICAL.test(path)) {
    return { kind: 'signed-in' };
  }
  return { kind: 'public' };
}

export type MfaStep = 'none' | 'enrol' | 'challenge';

/** Staff without an authenticator must enrol; anyone enrolled must answer the challenge. */
export function pendingMfaStep(actor: Pick<Actor, 'mfa'> | null): MfaStep {
  if (!actor) return 'none';
  if (actor.mfa.required && !actor.mfa.enrolled) return 'enrol';
  if (actor.mfa.enrolled && !actor.mfa.satisfied) return 'challenge';
  return 'none';
}

/** Only same-site paths: `next=//evil.example` or `next=https://…` must not redirect away. */
export function safeNext(next: string | null | undefined): string | null {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
  return next;
}

export type GuardDecision =
  | { kind: 'allow' }
  /** The session is still loading; show a quiet placeholder. */
  | { kind: 'wait' }
  /** The session could not be loaded; say so rather than send someone to sign in again. */
  | { kind: 'unavailable' }
  | { kind: 'not-found' }
  | { kind: 'redirect'; to: string };

export interface GuardInput {
  status: 'loading' | 'ready' | 'degraded';
  meta: { setupRequired: boolean } | null;
  actor: Pick<Actor, 'mfa' | 'abilities'> | null;
  pathname: string;
  search: string;
}

const ALLOW: GuardDecision = { kind: 'allow' };
const redirect = (to: string): GuardDecision => ({ kind: 'redirect', to });

function withNext(path: string, next: string | null): string {
  return next && next !== '/' ? `${path}?next=${encodeURIComponent(next)}` : path;
}

/**
 * Where a person may be, as one pure function: set-up first, then a pending MFA step, then the
 * page's own access. Pages that are themselves steps (sign-in, MFA) pass their `next` on, so the
 * person lands where they were going once every step is done.
 */
export function decideRoute({ status, meta, actor, pathname, search }: GuardInput): GuardDecision {
  const access = accessFor(pathname);
  if (access.kind === 'open') return ALLOW;

  if (meta?.setupRequired) return access.kind === 'setup' ? ALLOW : redirect('/setup');
  if (access.kind === 'setup') {
    if (meta) return redirect('/');
    return status === 'loading' ? { kind: 'wait' } : ALLOW;
  }

  const stepPage =
    ['visitor', 'mfa-challenge', 'mfa-setup'].includes(access.kind) || NO_RETURN.has(pathname);
  const carried = safeNext(new URLSearchParams(search).get('next'));
  const here = stepPage ? carried : `${pathname}${search}`;

  const step = pendingMfaStep(actor);
  if (step === 'enrol')
    return access.kind === 'mfa-setup' ? ALLOW : redirect(withNext('/mfa/setup', here));
  if (step === 'challenge') {
    return access.kind === 'mfa-challenge' ? ALLOW : redirect(withNext('/mfa', here));
  }

  const signInFirst = (): GuardDecision => {
    if (status === 'loading') return { kind: 'wait' };
    if (status === 'degraded') return { kind: 'unavailable' };
    return redirect(withNext('/sign-in', here));
  };

  switch (access.kind) {
    case 'public':
      return ALLOW;
    case 'visitor':
      return actor ? redirect(carried ?? '/') : ALLOW;
    case 'mfa-challenge':
      return actor ? redirect(carried ?? '/') : signInFirst();
    case 'mfa-setup':
      if (!actor) return signInFirst();
      return actor.mfa.enrolled ? redirect(carried ?? '/') : ALLOW;
    case 'signed-in':
      return actor ? ALLOW : signInFirst();
    case 'ability':
      if (!actor) return signInFirst();
      return access.anyOf.some((ability) => actor.abilities.includes(ability))
        ? ALLOW
        : { kind: 'not-found' };
  }
}
