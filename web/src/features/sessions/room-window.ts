import type { Appointment } from '@anxin/common';

/**
 * The organisation's defaults for when a room is open around its appointment (the server's
 * sessions settings). The web app uses them only to decide when to offer the "join" link; the
 * server decides for real and the room page says so when it is not open.
 */
export const ROOM_WINDOW = { openMinutesBefore: 10, graceMinutes: 15 } as const;

const JOINABLE = new Set<Appointment['status']>(['booked', 'arrived']);

/** Whether to offer the way into the appointment's room now. */
export function roomMayBeOpen(
  appointment: Pick<Appointment, 'status' | 'modality' | 'startsAt' | 'endsAt'>,
  now: Date,
): boolean {
  if (!JOINABLE.has(appointment.status) || appointment.modality === 'in_person') return false;
  const opens = Date.parse(appointment.startsAt) - ROOM_WINDOW.openMinutesBefore * 60_000;
  const closes = Date.parse(appointment.endsAt) + ROOM_WINDOW.graceMinutes * 60_000;
  const at = now.getTime();
  return at >= opens && at <= closes;
}
