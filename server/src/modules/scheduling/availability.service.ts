import { eq } from 'drizzle-orm';
import type { Availability, FieldError } from '@anxin/common';
import type { AppContext } from '../../app-context.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { counselorProfiles } from '../../platform/db/schema/index.ts';
import { AppError } from '../../platform/http/app-error.ts';
import { loadProfileFor } from '../counselors/counselor-access.ts';
import { todayIn } from '../counselors/counselor-eligibility.ts';
import { audit } from '../identity/audit-helpers.ts';
import { auditKeyOf, type IdentityContext } from '../identity/identity-context.ts';
import { findAvailabilityOf, replaceAvailability } from './availability.repo.ts';

type AvailabilityInput = Omit<Availability, 'counselorId'>;

/** Whether Intl knows the zone (the same database of zones Luxon computes slots with). */
export function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Two openings of one weekday that overlap would offer the same hour twice: name the later. */
export function findOverlaps(rules: AvailabilityInput['rules']): FieldError[] {
  const errors: FieldError[] = [];
  rules.forEach((rule, i) => {
    const clash = rules.findIndex(
      (other, j) =>
        j < i && other.weekday === rule.weekday && other.start < rule.end && rule.start < other.end,
    );
    if (clash >= 0) {
      errors.push({
        path: `body.rules.${i}`,
        message: `Overlaps rule ${clash} on the same weekday`,
        code: 'overlap',
      });
    }
  });
  return errors;
}

function validate(input: AvailabilityInput): void {
  const errors = findOverlaps(input.rules);
  if (!isKnownTimeZone(input.timeZone)) {
    errors.unshift({ path: 'body.timeZone', message: 'Unknown time zone', code: 'time_zone' });
  }
  if (errors.length)
    throw new AppError('validation_failed', 'The availability is invalid.', errors);
}

/**
 * A counselor's availability: the owner and administrators only (counselor policy `read`,
 * anything else 404 like a missing profile). Past overrides are history, not shown.
 */
export async function readAvailability(
  app: AppContext,
  actor: Actor,
  counselorId: string,
): Promise<Availability> {
  const { db } = app.database;
  const profile = await loadProfileFor(db, actor, counselorId, 'read');
  const today = todayIn(profile.timeZone);
  const found = (await findAvailabilityOf(db, actor.organizationId, [profile.id], today)).get(
    profile.id,
  );
  return {
    counselorId: profile.id,
    timeZone: profile.timeZone,
    rules: found?.rules ?? [],
    overrides: (found?.overrides ?? []).map((o) => ({
      ...o,
      start: o.start ?? null,
      end: o.end ?? null,
    })),
  };
}

/** Replaces rules and overrides and the profile's zone in one transaction with its audit event. */
export async function writeAvailability(
  ctx: IdentityContext,
  actor: Actor,
  counselorId: string,
  input: AvailabilityInput,
): Promise<Availability> {
  validate(input);
  const { db } = ctx.app.database;
  await db.transaction(async (tx) => {
    const profile = await loadProfileFor(tx, actor, counselorId, 'update', { lock: true });
    const before = (
      await findAvailabilityOf(tx, actor.organizationId, [profile.id], '0001-01-01')
    ).get(profile.id);
    await replaceAvailability(tx, actor.organizationId, profile.id, input);
    if (input.timeZone !== profile.timeZone) {
      await tx
        .update(counselorProfiles)
        .set({ timeZone: input.timeZone, updatedAt: new Date() })
        .where(eq(counselorProfiles.id, profile.id));
    }
    // Counts, not the hours themselves: the event says what changed in size, the row holds it.
    await audit(tx, auditKeyOf(ctx), ctx.meta, {
      organizationId: actor.organizationId,
      action: 'availability.update',
      entityType: 'counselor_profile',
      entityId: profile.id,
      changes: {
        rules: { old: before?.rules.length ?? 0, new: input.rules.length },
        overrides: { old: before?.overrides.length ?? 0, new: input.overrides.length },
        ...(input.timeZone !== profile.timeZone
          ? { timeZone: { old: profile.timeZone, new: input.timeZone } }
          : {}),
      },
    });
  });
  return readAvailability(ctx.app, actor, counselorId);
}
