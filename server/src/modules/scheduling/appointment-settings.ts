import type { SchedulingSettings } from '@anxin/common';
import type { Db } from '../../platform/db/database.ts';
import type { CancellationRules } from './cancellation-policy.ts';
import { getSchedulingSettings } from './scheduling-settings.service.ts';

/** The organisation's scheduling settings (key `scheduling`), defaults for anything never set. */
export function readSchedulingSettings(
  db: Db,
  organizationId: string,
): Promise<SchedulingSettings> {
  return getSchedulingSettings(db, organizationId);
}

/** The part of the settings the cancellation rule reads (A5). */
export function cancellationRules(s: SchedulingSettings): CancellationRules {
  return {
    windowHours: s.cancellationWindowHours,
    lateCancelRefundPercent: s.lateCancelRefundPercent,
    noShowRefundPercent: s.noShowRefundPercent,
  };
}
