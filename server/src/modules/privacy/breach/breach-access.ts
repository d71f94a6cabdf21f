import type { Actor } from '../../../platform/auth/actor.ts';
import type { Db } from '../../../platform/db/database.ts';
import { notFound } from '../../../platform/http/app-error.ts';
import type { AppContext } from '../../../app-context.ts';
import { requirePermission } from '../../counselors/vocabulary.service.ts';
import { abilitiesOf } from '../../../platform/auth/abilities.ts';
import { findIncident, type IncidentRow } from './breach.repo.ts';

/** The register itself (list, create, settings) is for holders of `breach.manage`: 403 otherwise. */
export function requireBreachManager(app: AppContext, actor: Actor): void {
  requirePermission(app, actor, 'breach.manage');
}

/** One incident: for anyone without `breach.manage` it does not exist (404, as a missing one). */
export async function loadIncident(
  app: AppContext,
  db: Db,
  actor: Actor,
  id: string,
  options: { lock?: boolean } = {},
): Promise<IncidentRow> {
  if (!abilitiesOf(actor, app.config.env).includes('breach.manage')) throw notFound();
  const row = await findIncident(db, actor.organizationId, id, options);
  if (!row) throw notFound();
  return row;
}
