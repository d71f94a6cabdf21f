import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError, notFound } from '../../platform/http/app-error.ts';
import { appointmentPolicy } from './appointment.policy.ts';
import { findAppointmentView, type AppointmentView } from './appointment.repo.ts';

export type AppointmentAction = Parameters<typeof appointmentPolicy.can>[1];

/**
 * The appointment, if the actor may `action` it. One the actor may not even read answers 404
 * exactly like a missing one (ADR 0005); readable but not allowed answers 403. Pass `lock` in a
 * transaction that changes it, so concurrent changes queue instead of racing.
 */
export async function loadAppointmentFor(
  tx: Db,
  actor: Actor,
  id: string,
  action: AppointmentAction,
  options: { lock?: boolean } = {},
): Promise<AppointmentView> {
  const row = await findAppointmentView(tx, actor.organizationId, id, options);
  if (!row || !appointmentPolicy.can(actor, 'read', row)) throw notFound();
  if (action !== 'read' && !appointmentPolicy.can(actor, action, row))
    throw new AppError('forbidden');
  return row;
}
