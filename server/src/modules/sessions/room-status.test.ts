import { describe, expect, it } from 'vitest';
import { checkRoomTransition, roomWindow } from './room-status.ts';

describe('room transitions', () => {
  it('starts only from waiting, by the system', () => {
    expect(checkRoomTransition('waiting', 'start', 'system')).toEqual({
      ok: true,
      to: 'in_progress',
    });
    expect(checkRoomTransition('in_progress', 'start', 'system')).toMatchObject({ ok: false });
    expect(checkRoomTransition('ended', 'start', 'system')).toMatchObject({ ok: false });
    expect(checkRoomTransition('waiting', 'start', 'counselor')).toEqual({
      ok: false,
      why: 'not_allowed_for_actor',
    });
  });

  it('is ended by the counselor as completed or abusive, never twice', () => {
    for (const from of ['waiting', 'in_progress'] as const) {
      expect(checkRoomTransition(from, 'end', 'counselor', 'completed')).toEqual({
        ok: true,
        to: 'ended',
      });
      expect(checkRoomTransition(from, 'end', 'counselor', 'abusive')).toMatchObject({ ok: true });
    }
    expect(checkRoomTransition('ended', 'end', 'counselor', 'completed')).toEqual({
      ok: false,
      why: 'not_allowed_from_state',
    });
    expect(checkRoomTransition('in_progress', 'end', 'system', 'completed')).toMatchObject({
      ok: false,
    });
    expect(checkRoomTransition('in_progress', 'end', 'counselor', 'closed')).toEqual({
      ok: false,
      why: 'reason_not_allowed',
    });
    expect(checkRoomTransition('in_progress', 'end', 'counselor')).toMatchObject({ ok: false });
  });

  it('is closed by the system only, as closed or cancelled', () => {
    expect(checkRoomTransition('in_progress', 'close', 'system', 'closed')).toMatchObject({
      ok: true,
    });
    expect(checkRoomTransition('waiting', 'close', 'system', 'cancelled')).toMatchObject({
      ok: true,
    });
    expect(checkRoomTransition('waiting', 'close', 'counselor', 'closed')).toMatchObject({
      ok: false,
    });
    expect(checkRoomTransition('ended', 'close', 'system', 'closed')).toMatchObject({ ok: false });
  });
});

describe('room window', () => {
  const opensAt = new Date('2026-01-01T09:50:00Z');
  const closesAt = new Date('2026-01-01T11:05:00Z');
  it('admits between opening and closing only, and never once ended', () => {
    const room = { status: 'waiting' as const, opensAt, closesAt };
    expect(roomWindow(room, new Date('2026-01-01T09:49:59Z'))).toBe('not_yet');
    expect(roomWindow(room, opensAt)).toBe('open');
    expect(roomWindow(room, new Date('2026-01-01T11:04:59Z'))).toBe('open');
    expect(roomWindow(room, closesAt)).toBe('closed');
    expect(roomWindow({ ...room, status: 'ended' }, opensAt)).toBe('closed');
  });
});
