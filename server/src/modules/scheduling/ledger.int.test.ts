import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMember, signedInClient } from '../../test/identity-fixtures.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { buildCounselor } from '../counselors/test-support/counselor-factory.ts';
import { hoursFromNow, insertAppointment, type AppointmentSpec } from './ledger-fixtures.ts';
import { chargeForBooking, settleUnheldAppointment, type AppointmentRow } from './money-hooks.ts';

type Client = Awaited<ReturnType<typeof signedInClient>>;

describe('ledger (C10)', () => {
  let t: TestApp;
  let admin: Client;
  let client: Client;
  let other: Client;
  let counselorClient: Client;
  let clientId: string;
  let otherId: string;
  let counselorId: string;
  let organizationId: string;
  let hour = 48;

  beforeAll(async () => {
    t = await createTestApp();
    const counselor = await buildCounselor(t, { name: 'Li Wei' });
    counselorId = counselor.profileId;
    organizationId = counselor.organizationId;
    counselorClient = await signedInClient(t, counselor.member);
    const a = await createMember(t, ['administrator'], 'admin');
    const c = await createMember(t, ['client'], 'client');
    const o = await createMember(t, ['client'], 'other');
    clientId = c.userId;
    otherId = o.userId;
    admin = await signedInClient(t, a);
    client = await signedInClient(t, c);
    other = await signedInClient(t, o);
  });
  afterAll(() => t.close());

  /** Books (with its charge) as the booking service does, at a fresh time. */
  async function book(spec: Partial<AppointmentSpec> = {}): Promise<AppointmentRow> {
    hour += 2;
    const row = await insertAppointment(t, {
      organizationId,
      counselorId,
      clientUserId: clientId,
      startsAt: hoursFromNow(hour),
      ...spec,
    });
    await t.database.db.transaction((tx) =>
      chargeForBooking({ tx, vault: t.ctx.vault.scope(tx, organizationId), actorId: null }, row),
    );
    return row;
  }
  const pay = (id: string, amountFen: number) =>
    admin.post(`/api/v1/appointments/${id}/payments`, { amountFen, reference: 'desk-1' });
  /** Ends the appointment without a session and settles it, as cancellation and no-show do. */
  async function end(row: AppointmentRow, set: Partial<AppointmentRow>, refundPercent: number) {
    await t.database.query(
      `UPDATE appointments SET status = $2, no_show_reason = $3, cancelled_by = $4 WHERE id = $1`,
      [row.id, set.status, set.noShowReason ?? null, set.cancelledBy ?? null],
    );
    const updated = { ...row, ...set };
    await t.database.db.transaction((tx) =>
      settleUnheldAppointment(
        { tx, vault: t.ctx.vault.scope(tx, organizationId), actorId: null },
        updated,
        refundPercent,
      ),
    );
  }
  const receipt = async (id: string) => {
    const res = await client.get(`/api/v1/appointments/${id}/receipt`);
    expect(res.statusCode).toBe(200);
    return res.json<{ feeFen: number; paidFen: number; refundedFen: number; dueFen: number }>();
  };

  it('reconciles every end state with the rules, appointment by appointment', async () => {
    const fee = 50_000;
    const cases: {
      name: string;
      paid: number;
      end?: { set: Partial<AppointmentRow>; percent: number };
      fulfil?: boolean;
      fee?: number;
      expected: { feeFen: number; paidFen: number; refundedFen: number; dueFen: number };
    }[] = [
      {
        name: 'fulfilled, paid',
        paid: fee,
        fulfil: true,
        expected: { feeFen: fee, paidFen: fee, refundedFen: 0, dueFen: 0 },
      },
      {
        name: 'on-time cancellation, paid: all back',
        paid: fee,
        end: { set: { status: 'cancelled', cancelledBy: 'client' }, percent: 100 },
        expected: { feeFen: fee, paidFen: fee, refundedFen: 50_000, dueFen: 0 },
      },
      {
        name: 'late cancellation, 0 % policy: nothing back',
        paid: fee,
        end: { set: { status: 'noshow', noShowReason: 'late_cancel' }, percent: 0 },
        expected: { feeFen: fee, paidFen: fee, refundedFen: 0, dueFen: 0 },
      },
      {
        name: 'late cancellation, 50 % policy: half back',
        paid: fee,
        end: { set: { status: 'noshow', noShowReason: 'late_cancel' }, percent: 50 },
        expected: { feeFen: fee, paidFen: fee, refundedFen: 25_000, dueFen: 0 },
      },
      {
        name: 'absent, 0 % policy',
        paid: fee,
        end: { set: { status: 'noshow', noShowReason: 'absent' }, percent: 0 },
        expected: { feeFen: fee, paidFen: fee, refundedFen: 0, dueFen: 0 },
      },
      {
        name: 'counselor cancellation, paid: all back',
        paid: fee,
        end: { set: { status: 'cancelled', cancelledBy: 'counselor' }, percent: 100 },
        expected: { feeFen: fee, paidFen: fee, refundedFen: 50_000, dueFen: 0 },
      },
      {
        name: 'on-time cancellation, unpaid: the charge is void, no refund written',
        paid: 0,
        end: { set: { status: 'cancelled', cancelledBy: 'client' }, percent: 100 },
        expected: { feeFen: fee, paidFen: 0, refundedFen: 0, dueFen: 0 },
      },
      {
        name: 'late cancellation, 50 %, partly paid: half of what was paid back',
        paid: 30_000,
        end: { set: { status: 'noshow', noShowReason: 'late_cancel' }, percent: 50 },
        expected: { feeFen: fee, paidFen: 30_000, refundedFen: 15_000, dueFen: 0 },
      },
      {
        name: 'booked, unpaid: owes the fee',
        paid: 0,
        expected: { feeFen: fee, paidFen: 0, refundedFen: 0, dueFen: 50_000 },
      },
      {
        name: 'free session: no charge at all',
        paid: 0,
        fee: 0,
        fulfil: true,
        expected: { feeFen: 0, paidFen: 0, refundedFen: 0, dueFen: 0 },
      },
    ];
    for (const c of cases) {
      const row = await book({ feeFen: c.fee ?? fee });
      if (c.paid > 0) expect((await pay(row.id, c.paid)).statusCode).toBe(201);
      if (c.fulfil) {
        await t.database.query(`UPDATE appointments SET status = 'fulfilled' WHERE id = $1`, [
          row.id,
        ]);
      }
      if (c.end) await end(row, c.end.set, c.end.percent);
      expect({ name: c.name, ...(await receipt(row.id)) }).toMatchObject({
        name: c.name,
        ...c.expected,
      });
    }

    const ledger = await client.get('/api/v1/ledger/me');
    expect(ledger.statusCode).toBe(200);
    const body = ledger.json<{
      items: { kind: string; amountFen: number }[];
      balanceFen: number;
    }>();
    // Only the booked, unpaid appointment is owed.
    expect(body.balanceFen).toBe(50_000);
    const count = (kind: string) => body.items.filter((i) => i.kind === kind).length;
    expect([count('charge'), count('payment'), count('refund')]).toEqual([9, 7, 4]);
    expect(body.items.every((i) => i.amountFen > 0)).toBe(true);
  });

  it('is append-only: the database refuses to change or delete an entry', async () => {
    await book();
    await expect(t.database.query(`UPDATE ledger_entries SET amount_fen = 1`)).rejects.toThrow();
    await expect(t.database.query(`DELETE FROM ledger_entries`)).rejects.toThrow();
    await expect(t.database.query(`TRUNCATE ledger_entries`)).rejects.toThrow();
  });

  it('lets only administrators confirm a payment, and audits it', async () => {
    const row = await book();
    const asClient = await client.post(`/api/v1/appointments/${row.id}/payments`, {
      amountFen: 100,
    });
    expect(asClient.statusCode).toBe(403);
    const asOther = await other.post(`/api/v1/appointments/${row.id}/payments`, {
      amountFen: 100,
    });
    const asCounselor = await counselorClient.post(`/api/v1/appointments/${row.id}/payments`, {
      amountFen: 100,
    });
    expect([asOther.statusCode, asCounselor.statusCode]).toEqual([404, 404]);
    expect((await pay(row.id, 0)).statusCode).toBe(400);
    const ok = await pay(row.id, 12_345);
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ kind: 'payment', amountFen: 12_345, provider: 'offline' });
    const events = await t.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'ledger.payment.record' AND entity_id = $1`,
      [ok.json<{ id: string }>().id],
    );
    expect(events[0]?.n).toBe(1);
  });

  it('shows a receipt to its client and administrators, 404 to anyone else', async () => {
    const row = await book();
    const mine = await client.get(`/api/v1/appointments/${row.id}/receipt`);
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toMatchObject({
      appointmentId: row.id,
      organizationName: t.ctx.config.organization.name,
      counselorName: 'Li Wei',
      sessionType: { code: 'follow_up' },
      feeFen: 50_000,
    });
    expect(mine.body).not.toContain('client real');
    expect((await admin.get(`/api/v1/appointments/${row.id}/receipt`)).statusCode).toBe(200);
    const hidden = await other.get(`/api/v1/appointments/${row.id}/receipt`);
    const missing = await other.get(`/api/v1/appointments/${crypto.randomUUID()}/receipt`);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json<{ code: string }>().code).toBe(missing.json<{ code: string }>().code);
    expect((await counselorClient.get(`/api/v1/appointments/${row.id}/receipt`)).statusCode).toBe(
      404,
    );
  });

  it("shows a client's ledger to administrators only", async () => {
    const asAdmin = await admin.get(`/api/v1/ledger?clientId=${clientId}`);
    expect(asAdmin.statusCode).toBe(200);
    expect(asAdmin.json<{ items: unknown[] }>().items.length).toBeGreaterThan(0);
    expect((await other.get(`/api/v1/ledger?clientId=${clientId}`)).statusCode).toBe(404);
    expect((await other.get('/api/v1/ledger/me')).json()).toEqual({ items: [], balanceFen: 0 });
    expect((await admin.get(`/api/v1/ledger?clientId=${otherId}`)).statusCode).toBe(200);
  });
});
