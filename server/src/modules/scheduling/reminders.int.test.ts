import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appointmentReminders, users } from '../../platform/db/schema/index.ts';
import { createMember } from '../../test/identity-fixtures.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { buildCounselor } from '../counselors/test-support/counselor-factory.ts';
import { encryptUserField } from '../identity/user-fields.ts';
import { listOutboxForDevelopment } from '../notifications/notification.service.ts';
import { hoursFromNow, insertAppointment } from './ledger-fixtures.ts';
import type { AppointmentRow } from './money-hooks.ts';
import { runAppointmentReminders } from './reminders.job.ts';

describe('appointment reminders (A5 item 6)', () => {
  let t: TestApp;
  let organizationId: string;
  const rows: Record<string, AppointmentRow> = {};
  const now = () => new Date();

  beforeAll(async () => {
    t = await createTestApp();
    const counselor = await buildCounselor(t, { name: 'Li Wei' });
    organizationId = counselor.organizationId;
    const client = await createMember(t, ['client'], 'lilei');
    const withPhone = await createMember(t, ['client'], 'hanmeimei');
    await t.database.db.transaction(async (tx) => {
      const vault = t.ctx.vault.scope(tx, organizationId);
      await tx
        .update(users)
        .set({
          phoneEnc: await encryptUserField(vault, withPhone.userId, 'phone', '13800138000'),
          phoneVerifiedAt: new Date(),
        })
        .where(eq(users.id, withPhone.userId));
    });
    const at = async (
      name: string,
      hours: number,
      status: AppointmentRow['status'] = 'booked',
      clientUserId = client.userId,
    ) => {
      rows[name] = await insertAppointment(t, {
        organizationId,
        counselorId: counselor.profileId,
        clientUserId,
        startsAt: hoursFromNow(hours),
        status,
      });
    };
    await at('tomorrow', 20);
    await at('soon', 0.5);
    await at('phone', 3, 'booked', withPhone.userId);
    await at('cancelled', 10, 'cancelled');
    await at('noshow', 5, 'noshow');
    await at('inError', 6, 'entered-in-error');
    await at('pending', 8, 'pending');
    await at('later', 30);
  });
  afterAll(() => t.close());

  const run = (at = now()) =>
    runAppointmentReminders(t.database, t.ctx.vault, t.ctx.vault.keyring.auditKey, at);
  const outbox = async () =>
    (
      await listOutboxForDevelopment(
        t.database.db,
        t.ctx.vault.scope(t.database.db, organizationId),
        organizationId,
        { limit: 200, env: 'development' },
      )
    ).filter((m) => m.template === 'appointment_reminder');

  it('reminds each booked appointment within 24 h once, in-app, by e-mail and to a verified phone', async () => {
    expect(await run()).toEqual({ sent: 3, failed: 0 });
    const messages = await outbox();
    const channels = messages.map((m) => m.channel).sort();
    // Two clients with e-mail, three appointments; only one client has a verified phone.
    expect(channels).toEqual(['email', 'email', 'email', 'in_app', 'in_app', 'in_app', 'sms']);
    const mail = messages.find((m) => m.channel === 'email' && m.subject?.includes('一小时'));
    expect(mail?.text).toContain('Li Wei');
    expect(mail?.text).toContain('免费取消的截止时间是');
    const sms = messages.find((m) => m.channel === 'sms');
    expect(sms?.to).toBe('13800138000');

    const kinds = await t.database.db
      .select({ id: appointmentReminders.appointmentId, kind: appointmentReminders.kind })
      .from(appointmentReminders);
    expect(
      kinds.map((k) => `${k.id === rows.soon?.id ? 'soon' : 'other'}:${k.kind}`).sort(),
    ).toEqual(['other:24h', 'other:24h', 'soon:1h']);
  });

  it('sends nothing more on a second run, and nothing for cancelled, no-show, error or pending ones', async () => {
    expect(await run()).toEqual({ sent: 0, failed: 0 });
    expect(await outbox()).toHaveLength(7);
    const reminded = new Set(
      (await t.database.db.select().from(appointmentReminders)).map((r) => r.appointmentId),
    );
    for (const name of ['cancelled', 'noshow', 'inError', 'pending', 'later']) {
      expect(reminded.has(rows[name]?.id ?? '')).toBe(false);
    }
  });

  it('sends the 1 h reminder once the last hour has come', async () => {
    const start = rows.tomorrow?.startsAt ?? new Date();
    const inLastHour = new Date(start.getTime() - 30 * 60_000);
    // Its 1 h reminder, and the 24 h one of `later`, which is within a day by then.
    expect(await run(inLastHour)).toMatchObject({ sent: 2 });
    expect(await run(inLastHour)).toMatchObject({ sent: 0 });
  });

  it('never reminds an appointment that was cancelled after it was due', async () => {
    await t.database.query(`UPDATE appointments SET status = 'cancelled' WHERE id = $1`, [
      rows.later?.id,
    ]);
    const start = rows.later?.startsAt ?? new Date();
    expect(await run(new Date(start.getTime() - 30 * 60_000))).toMatchObject({ sent: 0 });
  });
});
