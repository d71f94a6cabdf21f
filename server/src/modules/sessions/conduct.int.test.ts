import type { Room } from '@anxin/common';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatMessages } from '../../platform/db/schema/index.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import {
  insertAppointmentRow,
  openCounselor,
  signedInAdministrator,
  signedInMember,
} from '../scheduling/appointment-fixtures.ts';
import { closeRoomBus } from './bus.registry.ts';
import { screenMessage } from './risk-signal.ts';
import { appendAudit } from '../../platform/audit/audit.ts';
import { erasePerson } from '../privacy/erasure/erasure.service.ts';

const MIN = 60_000;
const SECRET_TEXT = 'you are worthless HATEMARK';

describe('conduct reports and risk signals', () => {
  let t: TestApp;
  let counselor: Awaited<ReturnType<typeof openCounselor>>;
  let alice: Awaited<ReturnType<typeof signedInMember>>;
  let bob: Awaited<ReturnType<typeof signedInMember>>;
  let admin: Awaited<ReturnType<typeof signedInAdministrator>>;
  let room: Room;

  beforeAll(async () => {
    t = await createTestApp();
    counselor = await openCounselor(t, { name: 'liang' });
    alice = await signedInMember(t, 'alice');
    bob = await signedInMember(t, 'bob');
    admin = await signedInAdministrator(t);
    const id = await insertAppointmentRow(t, {
      organizationId: counselor.organizationId,
      counselorId: counselor.profileId,
      clientUserId: alice.userId,
      startsAt: new Date(Date.now() + 5 * MIN),
    });
    room = (await alice.client.get(`/api/v1/appointments/${id}/room`)).json<Room>();
    // A message of the counselor, stored as the socket stores it (sealed under the client's key).
    const messageId = randomUUID();
    await t.database.db.transaction(async (tx) => {
      await tx.insert(chatMessages).values({
        id: messageId,
        organizationId: counselor.organizationId,
        roomId: room.id,
        seq: 1,
        senderUserId: counselor.userId,
        clientMessageId: randomUUID(),
        bodyEnc: await t.ctx.vault
          .scope(tx, counselor.organizationId)
          .encrypt(
            { type: 'person', id: alice.userId },
            { table: 'chat_messages', field: 'body', recordId: messageId },
            SECRET_TEXT,
          ),
      });
    });
  });
  afterAll(async () => {
    await closeRoomBus(t.ctx);
    await t.close();
  });

  it('copies the reported message, sealed; audits; tells administrators without content', async () => {
    const url = `/api/v1/rooms/${room.id}/reports`;
    expect((await bob.client.post(url, { messageSeq: 1, reason: 'x' })).statusCode).toBe(404);
    const missing = await alice.client.post(url, { messageSeq: 9, reason: 'x' });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('body.messageSeq');

    const res = await alice.client.post(url, { messageSeq: 1, reason: 'insulting REASONMARK' });
    expect(res.statusCode).toBe(201);
    const report = res.json<{ id: string; reporterRole: string; status: string }>();
    expect(report).toMatchObject({ reporterRole: 'client', status: 'open' });

    const [row] = await t.database.query<Record<string, unknown>>(
      'SELECT * FROM conduct_reports WHERE id = $1',
      [report.id],
    );
    const stored = JSON.stringify(row);
    expect(row?.excerpt_enc).toBeTruthy();
    expect(stored).not.toContain('HATEMARK');
    expect(stored).not.toContain('REASONMARK');
    const actions = async () =>
      (
        await t.database.query<{ action: string }>(
          'SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY seq',
          [report.id],
        )
      ).map((r) => r.action);
    expect(await actions()).toEqual(['conduct_report.create']);
    const notices = await t.database.query<{ template: string }>(
      `SELECT template FROM notification_outbox WHERE user_id = $1`,
      [admin.userId],
    );
    expect(notices.map((n) => n.template)).toContain('conduct_reported');

    // Administrators list (no content) and read (audited) it; nobody else.
    expect((await alice.client.get('/api/v1/conduct-reports')).statusCode).toBe(403);
    expect((await counselor.client.get(`/api/v1/conduct-reports/${report.id}`)).statusCode).toBe(
      403,
    );
    const list = await admin.client.get('/api/v1/conduct-reports');
    expect(list.json<{ items: { id: string }[] }>().items.map((i) => i.id)).toContain(report.id);
    expect(list.body).not.toContain('HATEMARK');
    const one = await admin.client.get(`/api/v1/conduct-reports/${report.id}`);
    expect(one.json()).toMatchObject({
      excerpt: SECRET_TEXT,
      reason: 'insulting REASONMARK',
      messageSeq: 1,
    });
    expect(await actions()).toEqual(['conduct_report.create', 'conduct_report.read']);

    const closed = await admin.client.post(`/api/v1/conduct-reports/${report.id}/close`, {});
    expect(closed.json()).toMatchObject({ status: 'closed' });
    expect(
      (await admin.client.post(`/api/v1/conduct-reports/${report.id}/close`, {})).statusCode,
    ).toBe(409);
    expect(await actions()).toContain('conduct_report.close');

    // A report of behaviour: no message, no excerpt.
    const behaviour = await counselor.client.post(url, { reason: 'shouting' });
    expect(behaviour.json()).toMatchObject({ reporterRole: 'counselor', messageSeq: null });
  });

  it('stores risk signals with where and how serious, never the words', async () => {
    const findings = await t.database.db.transaction((tx) =>
      screenMessage(tx, {
        organizationId: alice.organizationId,
        subjectUserId: alice.userId,
        roomId: room.id,
        seq: 2,
        text: '我真的不想活了 RISKMARK',
        locale: 'zh-CN',
      }),
    );
    expect(findings).toEqual([{ kind: 'suicidal_ideation', severity: 'high' }]);
    const quiet = await t.database.db.transaction((tx) =>
      screenMessage(tx, {
        organizationId: alice.organizationId,
        subjectUserId: alice.userId,
        roomId: room.id,
        seq: 3,
        text: '今天天气不错',
        locale: 'zh-CN',
      }),
    );
    expect(quiet).toEqual([]);
    const rows = await t.database.query<Record<string, unknown>>(
      'SELECT * FROM risk_signals WHERE subject_user_id = $1',
      [alice.userId],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      source: 'chat',
      source_id: room.id,
      kind: 'suicidal_ideation',
      severity: 'high',
      detector: 'lexicon-v1',
    });
    expect(Number(rows[0]?.source_seq)).toBe(2);
    expect(JSON.stringify(rows)).not.toMatch(/RISKMARK|不想活/);

    expect((await alice.client.get('/api/v1/risk-signals')).statusCode).toBe(403);
    const list = await admin.client.get('/api/v1/risk-signals');
    expect(list.statusCode).toBe(200);
    expect(list.json<{ items: { sourceSeq: number }[] }>().items).toEqual([
      expect.objectContaining({ sourceSeq: 2, severity: 'high' }),
    ]);
  });

  it('erasure seals the chat and the reports as counseling record, keeps the room', async () => {
    await t.database.query(
      `UPDATE appointments SET status = 'cancelled' WHERE client_user_id = $1`,
      [alice.userId],
    );
    const certificate = await t.database.db.transaction((tx) =>
      erasePerson(
        tx,
        t.ctx.vault,
        (fields) => appendAudit(tx, t.ctx.vault.keyring.auditKey, { ...fields, actorId: null }),
        {
          organizationId: alice.organizationId,
          subjectUserId: alice.userId,
          requestId: null,
          now: new Date(),
        },
      ),
    );
    const sealed = new Map(certificate.sealed.map((s) => [s.category, s.count]));
    expect(sealed.get('chat_messages')).toBe(1);
    expect(sealed.get('conduct_reports')).toBe(2);
    expect(certificate.keptWithoutIdentity).toEqual(
      expect.arrayContaining([
        { category: 'session_rooms', count: 1 },
        { category: 'risk_signals', count: 1 },
      ]),
    );
  });
});
