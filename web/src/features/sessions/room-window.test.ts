import { describe, expect, it } from 'vitest';
import { roomMayBeOpen } from './room-window.ts';

const appointment = {
  status: 'booked' as const,
  modality: 'video' as const,
  startsAt: '2026-03-02T10:00:00.000Z',
  endsAt: '2026-03-02T10:50:00.000Z',
};
const at = (iso: string) => new Date(iso);

describe('roomMayBeOpen', () => {
  it('offers the room from ten minutes before the start until the grace after the end', () => {
    expect(roomMayBeOpen(appointment, at('2026-03-02T09:49:59.000Z'))).toBe(false);
    expect(roomMayBeOpen(appointment, at('2026-03-02T09:50:00.000Z'))).toBe(true);
    expect(roomMayBeOpen(appointment, at('2026-03-02T11:05:00.000Z'))).toBe(true);
    expect(roomMayBeOpen(appointment, at('2026-03-02T11:05:01.000Z'))).toBe(false);
  });

  it('never for cancelled, finished or in-person appointments', () => {
    const now = at('2026-03-02T10:10:00.000Z');
    expect(roomMayBeOpen({ ...appointment, status: 'cancelled' }, now)).toBe(false);
    expect(roomMayBeOpen({ ...appointment, status: 'fulfilled' }, now)).toBe(false);
    expect(roomMayBeOpen({ ...appointment, modality: 'in_person' }, now)).toBe(false);
    expect(roomMayBeOpen({ ...appointment, status: 'arrived', modality: 'text' }, now)).toBe(true);
  });
});
