import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { buildCounselor } from '../counselors/test-support/counselor-factory.ts';
import { clientMember, insertAppointmentRow } from './appointment-fixtures.ts';
import { runNoShowSweep } from './no-show.job.ts';

const MIN = 60_000;

describe('the no-show sweep (A5)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const at = async (minutesAgo: number, status: 'booked' | 'arrived' = 'booked') => {
    // A counselor each: sessions this close together would overlap for one.
    const counselor = await buildCounselor(t, { name: `zhou${minutesAgo}` });
    const member = await clientMember(t, `absent${minutesAgo}`);
    return insertAppointmentRow(t, {
      organizationId: counselor.organizationId,
      counselorId: counselor.profileId,
      clientUserId: member.userId,
      startsAt: new Date(Date.now() - minutesAgo * MIN),
      status,
    });
  };
  const statusOf = async (id: string) =>
    (
      await t.database.query<{ status: string; no_show_reason: string | null }>(
        'SELECT status, no_show_reason FROM appointments WHERE id = $1',
        [id],
      )
    )[0];

  it('marks booked appointments absent after the grace period, once, as the system', async () => {
    const overdue = await at(20);
    const inGrace = await at(10);
    const arrived = await at(30, 'arrived');
    const run = () => runNoShowSweep(t.database, t.ctx.vault, t.ctx.vault.keyring.auditKey);
    expect(await run()).toEqual({ marked: 1, failed: 0 });
    expect(await statusOf(overdue)).toEqual({ status: 'noshow', no_show_reason: 'absent' });
    expect((await statusOf(inGrace))?.status).toBe('booked');
    expect((await statusOf(arrived))?.status).toBe('arrived');
    // Idempotent: a second run finds nothing to do.
    expect(await run()).toEqual({ marked: 0, failed: 0 });
    const events = await t.database.query<{ action: string; actor_id: string | null }>(
      'SELECT action, actor_id FROM audit_events WHERE entity_id = $1',
      [overdue],
    );
    expect(events).toEqual([{ action: 'system.appointment.noshow', actor_id: null }]);
  });

  it('takes the grace period from the time it runs', async () => {
    const later = await at(10);
    const future = new Date(Date.now() + 10 * MIN);
    await runNoShowSweep(t.database, t.ctx.vault, t.ctx.vault.keyring.auditKey, future);
    expect((await statusOf(later))?.status).toBe('noshow');
  });
});
