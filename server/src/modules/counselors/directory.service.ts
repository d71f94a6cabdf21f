import type { DirectoryQuery } from '@anxin/common';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../app-context.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { readFile } from '../../platform/files/file-store.ts';
import { notFound } from '../../platform/http/app-error.ts';
import { getDefaultOrganization } from '../organizations/organization.service.ts';
import { findNextAvailable } from '../scheduling/next-available.ts';
import { todayIn } from './counselor-eligibility.ts';
import { findDirectoryPage, findListedCounselor, findOrganizationById } from './directory.repo.ts';
import { presentDirectoryCounselor, presentDirectoryDetail } from './directory.presenter.ts';

/**
 * The actor of a public route, counted only once fully signed in: a staff member half-way
 * through MFA is still a visitor.
 */
export function signedInActorOf(request: FastifyRequest): Actor | null {
  return request.actor?.mfaSatisfied ? request.actor : null;
}

/** The organisation a request is about: the actor's, or for visitors the installation's. */
export async function resolveOrganization(
  db: Db,
  actor: Actor | null,
): Promise<{ id: string; timeZone: string }> {
  const org = actor
    ? await findOrganizationById(db, actor.organizationId)
    : await getDefaultOrganization(db);
  if (!org) throw notFound();
  return { id: org.id, timeZone: org.timeZone };
}

/**
 * The public directory (A7). It reads only public profile fields, so there is nothing to audit
 * per read; listability is decided by the shared A3 predicate on the organisation's date.
 */
export async function searchDirectory(ctx: AppContext, actor: Actor | null, query: DirectoryQuery) {
  const { db } = ctx.database;
  const org = await resolveOrganization(db, actor);
  const { rows, total } = await findDirectoryPage(db, org.id, todayIn(org.timeZone), query);
  // Scheduling computes the first open slot of the page's counselors together (A4).
  const next = await findNextAvailable(
    db,
    org.id,
    rows.map((r) => r.id),
  );
  const items = rows.map((r) => ({ ...r, nextAvailableAt: next.get(r.id) ?? null }));
  return { items: items.map(presentDirectoryCounselor), total };
}

/** One listed counselor; anything not listable answers the 404 of a missing id. */
export async function readDirectoryCounselor(ctx: AppContext, actor: Actor | null, id: string) {
  const { db } = ctx.database;
  const org = await resolveOrganization(db, actor);
  const row = await findListedCounselor(db, org.id, todayIn(org.timeZone), id);
  if (!row) throw notFound();
  const next = await findNextAvailable(db, org.id, [row.id]);
  return presentDirectoryDetail({ ...row, nextAvailableAt: next.get(row.id) ?? null });
}

/** A listed counselor's photo; 404 when not listable or without one, alike. */
export async function readDirectoryPhoto(ctx: AppContext, actor: Actor | null, id: string) {
  const { db } = ctx.database;
  const org = await resolveOrganization(db, actor);
  const row = await findListedCounselor(db, org.id, todayIn(org.timeZone), id);
  if (!row?.photoFileId) throw notFound();
  const file = await readFile(db, ctx.vault.scope(db, org.id), row.photoFileId);
  if (!file) throw notFound();
  return file;
}
