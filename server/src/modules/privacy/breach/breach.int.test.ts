import type { BreachIncident, BreachReport } from '@anxin/common';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit } from '../../../platform/audit/audit.ts';
import { createMember } from '../../../test/identity-fixtures.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { listOutboxForDevelopment } from '../../notifications/notification.service.ts';
import { openCounselor, signedInAdministrator } from '../../scheduling/appointment-fixtures.ts';
import { runBreachOverdueSweep } from './breach-overdue.job.ts';

const URL = '/api/v1/breach-incidents';
const HOUR = 3_600_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('breach incidents (B12)', () => {
  let t: TestApp;
  let admin: Awaited<ReturnType<typeof signedInAdministrator>>;
  let orgId: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await signedInAdministrator(t);
    orgId = admin.organizationId;
  });
  afterAll(() => t.close());

  const register = (body: object = {}) =>
    admin.client.post(URL, {
      title: 'Misdirected export',
      discoveredAt: new Date(Date.now() - 60_000).toISOString(),
      nature: 'An export of appointment lists was e-mailed to the wrong partner.',
      dataCategories: ['contact', 'appointments'],
      severity: 'serious',
      ...body,
    });

  /** Audit events as the system would have written them, touching `subjectId`. */
  async function touch(actorId: string, subjectId: string, action = 'user.read') {
    await t.database.db.transaction((tx) =>
      appendAudit(tx, t.ctx.vault.keyring.auditKey, {
        organizationId: orgId,
        actorId,
        action,
        entityType: 'user',
        entityId: subjectId,
        subjectId,
      }),
    );
  }

  const outbox = async () =>
    listOutboxForDevelopment(t.database.db, t.ctx.vault.scope(t.database.db, orgId), orgId, {
      limit: 200,
      env: 'development',
    });

  it('registers a serious incident with a 4-hour report deadline; only administrators see it', async () => {
    const discoveredAt = new Date(Date.now() - 10 * 60_000);
    const res = await register({ discoveredAt: discoveredAt.toISOString() });
    expect(res.statusCode).toBe(201);
    const i = res.json<BreachIncident>();
    expect(i.status).toBe('detected');
    expect(Date.parse(i.reportDueAt) - discoveredAt.getTime()).toBe(4 * HOUR);
    expect(Date.parse(i.notifyDueAt ?? '') - discoveredAt.getTime()).toBe(24 * HOUR);
    expect(i.reportOverdue).toBe(false);

    const changed = await admin.client.request('PATCH', `${URL}/${i.id}`, { severity: 'high' });
    expect(Date.parse(changed.json<BreachIncident>().reportDueAt) - discoveredAt.getTime()).toBe(
      24 * HOUR,
    );

    const counselor = await openCounselor(t, { name: 'nosy' });
    expect((await counselor.client.get(URL)).statusCode).toBe(403);
    expect((await counselor.client.get(`${URL}/${i.id}`)).statusCode).toBe(404);
    expect((await counselor.client.get(`${URL}/${i.id}/report`)).statusCode).toBe(404);
    const audit = await t.database.query<{ action: string }>(
      `SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY seq`,
      [i.id],
    );
    expect(audit.map((a) => a.action)).toEqual(['breach.create', 'breach.update']);
  });

  it('moves only along the transition table', async () => {
    const i = (await register()).json<BreachIncident>();
    expect(i.nextStatuses).toEqual(['assessed']);
    const skip = await admin.client.post(`${URL}/${i.id}/transition`, { to: 'reported' });
    expect(skip.statusCode).toBe(409);
    const assessed = await admin.client.post(`${URL}/${i.id}/transition`, { to: 'assessed' });
    expect(assessed.json<BreachIncident>().status).toBe('assessed');
    const reported = await admin.client.post(`${URL}/${i.id}/transition`, { to: 'reported' });
    expect(reported.json<BreachIncident>().reportedAt).not.toBeNull();
  });

  it('scopes affected people from the audit trail, notifies each once in their language, and reports counts only', async () => {
    const people = await Promise.all(
      ['ann', 'bo', 'chen', 'dai'].map((n) => createMember(t, ['client'], n)),
    );
    const [a, b, c, d] = people as [
      (typeof people)[0],
      (typeof people)[0],
      (typeof people)[0],
      (typeof people)[0],
    ];
    await t.database.query(`UPDATE users SET locale = 'en' WHERE id = $1`, [b.userId]);
    await t.database.query(`UPDATE users SET locale = 'zh-CN' WHERE id IN ($1, $2)`, [
      a.userId,
      c.userId,
    ]);
    const leaker = randomUUID();
    await touch(leaker, d.userId); // before the window
    await sleep(20);
    const from = new Date();
    await sleep(5);
    await touch(leaker, a.userId);
    await touch(leaker, b.userId, 'appointment.read');
    await touch(leaker, c.userId);
    await touch(leaker, a.userId); // twice: still one person
    await touch(randomUUID(), d.userId); // in the window, by someone else
    await sleep(5);
    const to = new Date();

    const i = (
      await register({ remediation: 'Recalled the file and revoked the partner’s access.' })
    ).json<BreachIncident>();
    const scope = { from: from.toISOString(), to: to.toISOString(), actorId: leaker };
    const preview = await admin.client.post(`${URL}/${i.id}/scope/preview`, scope);
    expect(preview.json()).toEqual({ count: 3 });
    expect(
      (
        await admin.client.post(`${URL}/${i.id}/scope/preview`, {
          ...scope,
          actions: ['appointment.read'],
        })
      ).json(),
    ).toEqual({ count: 1 });
    expect(
      (await admin.client.post(`${URL}/${i.id}/scope/preview`, { ...scope, to: scope.from }))
        .statusCode,
    ).toBe(400);
    const applied = await admin.client.post(`${URL}/${i.id}/scope`, scope);
    expect(applied.json()).toEqual({ count: 3, added: 3 });
    expect((await admin.client.post(`${URL}/${i.id}/scope`, scope)).json()).toEqual({
      count: 3,
      added: 0,
    });

    // Not before the assessment.
    expect((await admin.client.post(`${URL}/${i.id}/notify`)).statusCode).toBe(409);
    await admin.client.post(`${URL}/${i.id}/transition`, { to: 'assessed' });
    const first = await admin.client.post(`${URL}/${i.id}/notify`);
    expect(first.json()).toEqual({ notified: 3, alreadyNotified: 0, unreachable: 0 });
    const again = await admin.client.post(`${URL}/${i.id}/notify`);
    expect(again.json()).toEqual({ notified: 0, alreadyNotified: 3, unreachable: 0 });

    const notices = (await outbox()).filter((m) => m.template === 'breach_notice');
    for (const p of [a, b, c]) {
      const mine = notices.filter((m) => m.userId === p.userId);
      expect(mine.map((m) => m.channel).sort()).toEqual(['email', 'in_app']);
      expect(mine.find((m) => m.channel === 'email')?.to).toBe(p.email);
      for (const m of mine) {
        expect(m.subject).toContain(p === b ? 'Anxin: an incident' : '安心：涉及你个人信息');
        // Nobody else's data in a person's notice.
        for (const other of people.filter((o) => o !== p))
          expect(m.text).not.toContain(other.email);
      }
    }
    expect(notices.filter((m) => m.userId === d.userId)).toEqual([]);
    const got = await admin.client.get(`${URL}/${i.id}`);
    expect(got.json<BreachIncident>()).toMatchObject({
      status: 'notifying',
      affectedCount: 3,
      notifiedCount: 3,
    });

    const report = await admin.client.get(`${URL}/${i.id}/report`);
    expect(report.statusCode).toBe(200);
    expect(report.json<BreachReport>()).toMatchObject({
      affected: { total: 3, notified: 3 },
      byCategory: [
        { category: 'contact', affected: 3 },
        { category: 'appointments', affected: 3 },
      ],
    });
    const csv = await admin.client.get(`${URL}/${i.id}/report.csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\r\n')[1]).toContain('"contact","3","3"');
    for (const p of people) {
      for (const body of [report.body, csv.body]) {
        expect(body).not.toContain(p.userId);
        expect(body).not.toContain(p.email);
        expect(body).not.toContain(`${['ann', 'bo', 'chen', 'dai'][people.indexOf(p)]} real`);
      }
    }
  });

  it('alerts administrators once per incident and deadline when the report is overdue', async () => {
    const i = (
      await register({ discoveredAt: new Date(Date.now() - 5 * HOUR).toISOString() })
    ).json<BreachIncident>();
    expect(i.reportOverdue).toBe(true);
    const listed = (await admin.client.get(URL)).json<{ items: BreachIncident[] }>();
    expect(listed.items.find((x) => x.id === i.id)?.reportOverdue).toBe(true);

    const adminAlerts = async () =>
      (await outbox()).filter((m) => m.template === 'breach_overdue' && m.userId === admin.userId);
    const before = (await adminAlerts()).length;
    const sent = await runBreachOverdueSweep(t.database, t.ctx.vault, t.ctx.vault.keyring.auditKey);
    expect(sent).toBe(1);
    const alerts = await adminAlerts();
    expect(alerts.length).toBe(before + 1);
    expect(alerts[0]?.channel).toBe('in_app');
    expect(alerts.some((m) => m.text?.includes('Misdirected export'))).toBe(true);
    expect(await runBreachOverdueSweep(t.database, t.ctx.vault, t.ctx.vault.keyring.auditKey)).toBe(
      0,
    );
    expect((await adminAlerts()).length).toBe(before + 1);
  });
});
