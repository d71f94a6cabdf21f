import type { PrivacyRequestStatus } from '@anxin/common';

/**
 * Request states (B11): received → in_progress → completed | rejected. A handler may also complete
 * or reject straight from received (a simple access request answered the same day). Completed and
 * rejected are final: a person who disagrees files a new request.
 */
export const PRIVACY_REQUEST_EVENTS = ['start', 'complete', 'reject'] as const;
export type PrivacyRequestEvent = (typeof PRIVACY_REQUEST_EVENTS)[number];

interface Transition {
  from: readonly PrivacyRequestStatus[];
  to: PrivacyRequestStatus;
}

/** The one transition table; the service and the UI's action list both read it. */
export const PRIVACY_REQUEST_TRANSITIONS: Readonly<Record<PrivacyRequestEvent, Transition>> = {
  start: { from: ['received'], to: 'in_progress' },
  complete: { from: ['received', 'in_progress'], to: 'completed' },
  reject: { from: ['received', 'in_progress'], to: 'rejected' },
};

export function nextRequestStatus(
  from: PrivacyRequestStatus,
  event: PrivacyRequestEvent,
): PrivacyRequestStatus | null {
  const t = PRIVACY_REQUEST_TRANSITIONS[event];
  return t.from.includes(from) ? t.to : null;
}

export function isOpenStatus(status: PrivacyRequestStatus): boolean {
  return status === 'received' || status === 'in_progress';
}

/** Overdue: past its due date and still open. */
export function isOverdue(r: { status: PrivacyRequestStatus; dueAt: Date }, now: Date): boolean {
  return isOpenStatus(r.status) && r.dueAt.getTime() < now.getTime();
}

/** The events a handler may fire now, for the UI. */
export function availableEvents(status: PrivacyRequestStatus): PrivacyRequestEvent[] {
  return PRIVACY_REQUEST_EVENTS.filter((e) => nextRequestStatus(status, e) !== null);
}
