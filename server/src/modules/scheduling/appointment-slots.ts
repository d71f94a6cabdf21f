import type { SchedulingSettings } from '@anxin/common';
import type { Db } from '../../platform/db/database.ts';
import type { CounselorProfileRow } from '../counselors/counselor-access.ts';
import { availabilityOf, busyOf, type SessionTypeRow } from './appointment.repo.ts';
import { generateSlots } from './slots.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Whether `startsAt` is one of the counselor's current slots for this session type: the same
 * generator and inputs as the slot list (availability in the counselor's zone, time already
 * held with buffers, step, minimum notice, horizon), asked about one instant. A client can book
 * only what they could have been offered.
 */
export async function isCurrentSlot(
  tx: Db,
  counselor: CounselorProfileRow,
  type: SessionTypeRow,
  startsAt: Date,
  settings: SchedulingSettings,
  now: Date,
): Promise<boolean> {
  const earliest = now.getTime() + settings.minNoticeHours * HOUR;
  const latest = now.getTime() + settings.horizonDays * DAY;
  const at = startsAt.getTime();
  if (at < earliest || at > latest) return false;
  const { rules, overrides } = await availabilityOf(tx, counselor.id);
  const busy = await busyOf(tx, counselor.id, new Date(at - DAY), new Date(at + DAY));
  const slots = generateSlots({
    timeZone: counselor.timeZone,
    rules,
    overrides,
    busy,
    durationMinutes: type.durationMinutes,
    bufferBeforeMinutes: type.bufferBeforeMinutes,
    bufferAfterMinutes: type.bufferAfterMinutes,
    stepMinutes: settings.slotStepMinutes,
    from: startsAt,
    until: startsAt,
  });
  return slots.some((s) => s.startsAt.getTime() === at);
}
