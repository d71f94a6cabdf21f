import type { LegalHold } from '@anxin/common';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seals, users } from '../../../platform/db/schema/index.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { testBackend } from '../../../test/test-database.ts';
import {
  clientMember,
  openCounselor,
  sessionFor,
  signedInAdministrator,
} from '../../scheduling/appointment-fixtures.ts';
import { clientWithData, dumpDatabase } from '../erasure/erasure-fixtures.ts';
import { runRetention } from './retention.job.ts';

const DAY = 86_400_000;
const YEAR = 365 * DAY;

let t: TestApp;
let admin: Awaited<ReturnType<typeof signedInAdministrator>>;
let counselor: Awaited<ReturnType<typeof openCounselor>>;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signedInAdministrator(t);
  counselor = await openCounselor(t);
});
afterAll(() => t.close());

/** A fresh session: a run "years later" rightly deletes every session that ended by then. */
const adminClient = () => sessionFor(t, admin, ['administrator']);

const run = (now: Date) => runRetention(t.database, t.ctx.vault, t.ctx.vault.keyring.auditKey, now);

/** An erased client whose appointment reason is sealed (episode closed `closedDaysAgo` ago). */
async function erasedClient(name: string, closedDaysAgo: number, hold = false) {
  const client = await clientMember(t, name);
  const ids = await clientWithData(
    t,
    {
      organizationId: admin.organizationId,
      counselorId: counselor.profileId,
      clientUserId: client.userId,
    },
    closedDaysAgo,
  );
  let holdId: string | null = null;
  if (hold) {
    const res = await (
      await adminClient()
    ).post('/api/v1/legal-holds', {
      subjectUserId: client.userId,
      reason: 'litigation pending',
    });
    expect(res.statusCode, res.body).toBe(201);
    holdId = res.json<LegalHold>().id;
  }
  const res = await (await adminClient()).post(`/api/v1/privacy-requests/${ids.requestId}/erase`);
  expect(res.statusCode, res.body).toBe(200);
  return { ...client, ...ids, holdId };
}

const sealOf = async (userId: string, recordType = 'counseling_record') =>
  (await t.database.db.select().from(seals).where(eq(seals.subjectUserId, userId))).find(
    (s) => s.recordType === recordType,
  );

/** Everything but the job queue's own schema, for "the second run changed nothing". */
const snapshot = async () => JSON.stringify([...(await dumpDatabase(t)).entries()]);

describe(`retention on ${testBackend()}`, () => {
  it('validates ceiling ≥ floor with a field error', async () => {
    const current = (await (await adminClient()).get('/api/v1/settings/retention')).json<
      Record<string, { floorDays: number; ceilingDays: number }>
    >();
    expect(current.counseling_record).toEqual({ floorDays: 3650, ceilingDays: 3650 });
    const res = await (
      await adminClient()
    ).request('PUT', '/api/v1/settings/retention', {
      ...current,
      hotline_record: { floorDays: 1095, ceilingDays: 10 },
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('hotline_record');
    expect(res.body).toContain('ceilingDays');
  });

  it('shreds what passed its floor, keeps what did not and what is held; a second run changes nothing', async () => {
    // Sealed until ~9 years from now; the job runs "11 years later" for the due ones.
    const before = await erasedClient('before-floor', 365);
    const held = await erasedClient('held', 365, true);
    const heldSeal = await sealOf(held.userId);
    expect(heldSeal).toMatchObject({ reason: 'legal_hold', sealedUntil: null });

    // Now: nothing is due yet (the floors are years away).
    const now = new Date();
    await run(now);
    expect((await sealOf(before.userId))?.shreddedAt).toBeNull();

    // Ten years on: the unheld seal passed its floor; the held one stays.
    const later = new Date(Date.now() + 10 * YEAR);
    const first = await run(later);
    expect(first.sealsShredded).toBeGreaterThanOrEqual(1);
    const shredded = await sealOf(before.userId);
    expect(shredded?.shreddedAt).not.toBeNull();
    const [appointment] = await t.database.query<{ reason: string | null }>(
      'SELECT cancellation_reason_enc AS reason FROM appointments WHERE id = $1',
      [before.appointmentId],
    );
    expect(appointment?.reason).toBeNull();
    const [key] = await t.database.query<{ wrapped_key: string | null }>(
      `SELECT wrapped_key FROM data_keys WHERE owner_type = 'seal' AND owner_id = $1`,
      [shredded?.id],
    );
    expect(key?.wrapped_key).toBeNull();
    expect((await sealOf(held.userId))?.shreddedAt).toBeNull();
    const events = await t.database.query<{ action: string }>(
      `SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY seq`,
      [shredded?.id],
    );
    expect(events.map((e) => e.action)).toContain('system.seal.shred');

    // Idempotent: the same run again leaves every table as it was.
    const dumped = await snapshot();
    const second = await run(later);
    expect(second.sealsShredded).toBe(0);
    expect(await snapshot()).toBe(dumped);

    // Releasing the hold lets the next run proceed.
    const release = await (await adminClient()).post(`/api/v1/legal-holds/${held.holdId}/release`);
    expect(release.statusCode, release.body).toBe(200);
    const third = await run(later);
    expect(third.sealsReleased).toBeGreaterThanOrEqual(1);
    expect((await sealOf(held.userId))?.shreddedAt).not.toBeNull();
  });

  it('erases accounts left unverified beyond 30 days, but not a held or a recent one', async () => {
    const stale = await clientMember(t, 'stale', false);
    const fresh = await clientMember(t, 'fresh', false);
    const heldOne = await clientMember(t, 'stale-held', false);
    await t.database.query(
      `UPDATE users SET email_verified_at = NULL, created_at = now() - interval '40 days' WHERE id = ANY($1)`,
      [[stale.userId, heldOne.userId]],
    );
    await t.database.query('UPDATE users SET email_verified_at = NULL WHERE id = $1', [
      fresh.userId,
    ]);
    const hold = await (
      await adminClient()
    ).post('/api/v1/legal-holds', {
      subjectUserId: heldOne.userId,
      reason: 'fraud investigation',
    });
    expect(hold.statusCode).toBe(201);
    const report = await run(new Date());
    expect(report.accountsErased).toBe(1);
    const status = async (id: string) =>
      (await t.database.db.select({ s: users.status }).from(users).where(eq(users.id, id)))[0]?.s;
    expect(await status(stale.userId)).toBe('erased');
    expect(await status(fresh.userId)).toBe('active');
    expect(await status(heldOne.userId)).toBe('active');
    const again = await run(new Date());
    expect(again.accountsErased).toBe(0);
  });

  it('deletes expired tokens and old messages, reports audit events due without deleting them', async () => {
    const member = await clientMember(t, 'tokens');
    await t.database.query(
      `INSERT INTO auth_tokens (organization_id, user_id, purpose, token_hash, expires_at)
       VALUES ($1, $2, 'reset_password', 'h-old', now() - interval '40 days'),
              ($1, $2, 'reset_password', 'h-new', now() + interval '1 day')`,
      [member.organizationId, member.userId],
    );
    const report = await run(new Date());
    expect(report.tokensDeleted).toBe(1);
    const left = await t.database.query<{ token_hash: string }>(
      'SELECT token_hash FROM auth_tokens WHERE user_id = $1',
      [member.userId],
    );
    expect(left.map((r) => r.token_hash)).toEqual(['h-new']);
    const audits = await t.database.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM audit_events',
    );
    const later = await run(new Date(Date.now() + 4 * YEAR));
    expect(later.auditEventsDue).toBeGreaterThan(0);
    const after = await t.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_events WHERE action <> 'system.retention.destroy'
         AND action NOT LIKE 'system.%'`,
    );
    expect(after[0]?.n).toBeLessThanOrEqual(audits[0]?.n ?? 0);
  });

  it('refuses hold management to non-administrators', async () => {
    const res = await (
      await sessionFor(t, counselor.member, ['counselor'])
    ).post('/api/v1/legal-holds', {
      caseReference: 'X',
      reason: 'r',
    });
    expect(res.statusCode).toBe(403);
  });
});
