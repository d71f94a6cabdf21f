import type { ROOM_STATUSES } from '@anxin/common';

export type RoomStatus = (typeof ROOM_STATUSES)[number];
export type RoomEndReason = 'completed' | 'abusive' | 'closed' | 'cancelled';

export const ROOM_EVENTS = ['start', 'end', 'close'] as const;
export type RoomEvent = (typeof ROOM_EVENTS)[number];
export type RoomEventActor = 'counselor' | 'system';

interface RoomTransition {
  from: readonly RoomStatus[];
  to: RoomStatus;
  by: readonly RoomEventActor[];
  reasons: readonly RoomEndReason[];
}

/**
 * The one transition table of a session room (issue 7.4): `start` when both the client and the
 * counselor have joined; `end` by the counselor (completed, or abusive, A6); `close` by the
 * system at the closing time, or when the appointment was cancelled.
 */
export const ROOM_TRANSITIONS: Readonly<Record<RoomEvent, RoomTransition>> = {
  start: { from: ['waiting'], to: 'in_progress', by: ['system'], reasons: [] },
  end: {
    from: ['waiting', 'in_progress'],
    to: 'ended',
    by: ['counselor'],
    reasons: ['completed', 'abusive'],
  },
  close: {
    from: ['waiting', 'in_progress'],
    to: 'ended',
    by: ['system'],
    reasons: ['closed', 'cancelled'],
  },
};

export type RoomTransitionCheck =
  | { ok: true; to: RoomStatus }
  | { ok: false; why: 'not_allowed_from_state' | 'not_allowed_for_actor' | 'reason_not_allowed' };

export function checkRoomTransition(
  from: RoomStatus,
  event: RoomEvent,
  by: RoomEventActor,
  reason: RoomEndReason | null = null,
): RoomTransitionCheck {
  const t = ROOM_TRANSITIONS[event];
  if (!t.from.includes(from)) return { ok: false, why: 'not_allowed_from_state' };
  if (!t.by.includes(by)) return { ok: false, why: 'not_allowed_for_actor' };
  if (t.reasons.length > 0 ? !reason || !t.reasons.includes(reason) : reason !== null) {
    return { ok: false, why: 'reason_not_allowed' };
  }
  return { ok: true, to: t.to };
}

/** Whether a room admits people at `now`: open window, not ended. */
export function roomWindow(
  room: { status: RoomStatus; opensAt: Date; closesAt: Date },
  now: Date,
): 'open' | 'not_yet' | 'closed' {
  if (room.status === 'ended' || now >= room.closesAt) return 'closed';
  if (now < room.opensAt) return 'not_yet';
  return 'open';
}
