import type { PrivacyRequest } from '@anxin/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import {
  signedInAdministrator,
  signedInMember,
  sessionFor,
} from '../../scheduling/appointment-fixtures.ts';
import { createMember } from '../../../test/identity-fixtures.ts';
import { openPrivacyRequest } from './privacy-request.service.ts';

const REQUESTS = '/api/v1/privacy-requests';
const CALENDAR = '/api/v1/working-days';

describe('privacy requests (B11)', () => {
  let t: TestApp;
  let admin: Awaited<ReturnType<typeof signedInAdministrator>>;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await signedInAdministrator(t);
  });
  afterAll(() => t.close());

  it('takes a request, gives a due date, and walks it to completion with an answer', async () => {
    const person = await signedInMember(t, 'asker');
    const res = await person.client.post(REQUESTS, {
      kind: 'access',
      detail: 'Please send me everything about my sessions',
    });
    expect(res.statusCode).toBe(201);
    const created = res.json<PrivacyRequest>();
    expect(created).toMatchObject({
      kind: 'access',
      status: 'received',
      detail: 'Please send me everything about my sessions',
      overdue: false,
    });
    // 15 working days is at least three weeks away.
    expect(new Date(created.dueAt).getTime() - Date.now()).toBeGreaterThan(20 * 86_400_000);

    // The detail is stored sealed, not in the clear.
    const [stored] = await t.database.query<{ detail_enc: string }>(
      'SELECT detail_enc FROM privacy_requests WHERE id = $1',
      [created.id],
    );
    expect(stored?.detail_enc).not.toContain('sessions');

    const assign = await admin.client.post(`${REQUESTS}/${created.id}/assign`, {
      handlerUserId: admin.userId,
    });
    expect(assign.statusCode).toBe(200);
    expect(assign.json<PrivacyRequest>()).toMatchObject({
      status: 'in_progress',
      handlerUserId: admin.userId,
      handlerName: 'admin',
    });
    const notHandler = await admin.client.post(`${REQUESTS}/${created.id}/assign`, {
      handlerUserId: person.userId,
    });
    expect(notHandler.statusCode).toBe(400);
    expect(notHandler.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe(
      'body.handlerUserId',
    );

    const answered = await admin.client.request('PUT', `${REQUESTS}/${created.id}/answer`, {
      answer: 'Your export is ready under My privacy.',
    });
    expect(answered.statusCode).toBe(200);
    const done = await admin.client.post(`${REQUESTS}/${created.id}/transition`, {
      event: 'complete',
    });
    expect(done.statusCode).toBe(200);
    expect(done.json<PrivacyRequest>()).toMatchObject({ status: 'completed' });
    const again = await admin.client.post(`${REQUESTS}/${created.id}/transition`, {
      event: 'reject',
      reason: 'too late',
    });
    expect(again.statusCode).toBe(409);

    const mine = await person.client.get(`${REQUESTS}/mine`);
    expect(mine.json<{ items: PrivacyRequest[] }>().items).toEqual([
      expect.objectContaining({
        id: created.id,
        status: 'completed',
        answer: 'Your export is ready under My privacy.',
      }),
    ]);
    const actions = await t.database.query<{ action: string }>(
      `SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY seq`,
      [created.id],
    );
    expect(actions.map((a) => a.action)).toEqual([
      'privacy_request.create',
      'privacy_request.assign',
      'privacy_request.answer',
      'privacy_request.complete',
    ]);
  });

  it('rejects only with a reason, and completes a deletion only by carrying it out', async () => {
    const person = await signedInMember(t, 'deleter');
    const del = (await person.client.post(REQUESTS, { kind: 'deletion' })).json<PrivacyRequest>();
    const complete = await admin.client.post(`${REQUESTS}/${del.id}/transition`, {
      event: 'complete',
    });
    expect(complete.statusCode).toBe(409);
    const noReason = await admin.client.post(`${REQUESTS}/${del.id}/transition`, {
      event: 'reject',
    });
    expect(noReason.statusCode).toBe(400);
    const rejected = await admin.client.post(`${REQUESTS}/${del.id}/transition`, {
      event: 'reject',
      reason: 'A legal hold applies to your records.',
    });
    expect(rejected.json<PrivacyRequest>()).toMatchObject({
      status: 'rejected',
      answer: 'A legal hold applies to your records.',
    });
    const scopeOnAccess = await person.client.post(REQUESTS, {
      kind: 'access',
      scope: 'counseling',
    });
    expect(scopeOnAccess.statusCode).toBe(400);
  });

  it('hides a request from everyone but its subject and the handlers', async () => {
    const owner = await signedInMember(t, 'owner');
    const other = await signedInMember(t, 'nosy');
    const counselorMember = await createMember(t, ['counselor'], 'couns');
    const counselor = await sessionFor(t, counselorMember, ['counselor']);
    const req = (
      await owner.client.post(REQUESTS, { kind: 'correction', detail: 'my name is wrong' })
    ).json<PrivacyRequest>();
    expect((await owner.client.get(`${REQUESTS}/${req.id}`)).statusCode).toBe(200);
    for (const stranger of [other.client, counselor]) {
      const res = await stranger.get(`${REQUESTS}/${req.id}`);
      expect(res.statusCode).toBe(404);
      const missing = await stranger.get(`${REQUESTS}/00000000-0000-4000-8000-000000000000`);
      expect(missing.statusCode).toBe(404);
      expect(
        (await stranger.request('PUT', `${REQUESTS}/${req.id}/answer`, { answer: 'x' })).statusCode,
      ).toBe(404);
    }
    // The subject reading it themself can't handle it: it is theirs, but not theirs to answer.
    expect(
      (await owner.client.request('PUT', `${REQUESTS}/${req.id}/answer`, { answer: 'x' }))
        .statusCode,
    ).toBe(403);
    expect((await other.client.get(REQUESTS)).statusCode).toBe(403);
    // A handler reading the person's words is audited with the person as subject.
    expect((await admin.client.get(`${REQUESTS}/${req.id}`)).json<PrivacyRequest>().detail).toBe(
      'my name is wrong',
    );
    const reads = await t.database.query<{ subject_id: string }>(
      `SELECT subject_id FROM audit_events WHERE action = 'privacy_request.read' AND entity_id = $1`,
      [req.id],
    );
    expect(reads).toEqual([{ subject_id: owner.userId }]);
  });

  it('puts overdue requests first in the queue', async () => {
    const person = await signedInMember(t, 'queued');
    const db = t.database.db;
    const vault = t.ctx.vault.scope(db, person.organizationId);
    const base = { organizationId: person.organizationId, subjectUserId: person.userId };
    const old = await openPrivacyRequest(db, vault, {
      ...base,
      kind: 'access',
      now: new Date(Date.now() - 60 * 86_400_000),
    });
    const older = await openPrivacyRequest(db, vault, {
      ...base,
      kind: 'deletion',
      now: new Date(Date.now() - 90 * 86_400_000),
    });
    const fresh = await openPrivacyRequest(db, vault, { ...base, kind: 'correction' });
    const oldDone = await openPrivacyRequest(db, vault, {
      ...base,
      kind: 'access',
      now: new Date(Date.now() - 120 * 86_400_000),
    });
    await admin.client.post(`${REQUESTS}/${oldDone.id}/transition`, { event: 'complete' });

    const queue = (await admin.client.get(REQUESTS)).json<{ items: PrivacyRequest[] }>().items;
    const ids = queue.map((r) => r.id);
    const at = (id: string) => ids.indexOf(id);
    expect(at(older.id)).toBeLessThan(at(old.id));
    expect(at(old.id)).toBeLessThan(at(fresh.id));
    expect(at(fresh.id)).toBeLessThan(at(oldDone.id));
    const overdue = queue.filter((r) => r.overdue).map((r) => r.id);
    expect(overdue).toContain(old.id);
    expect(overdue).toContain(older.id);
    expect(overdue).not.toContain(oldDone.id);
    expect(overdue).not.toContain(fresh.id);
    // Queue lists leave the texts to the detail page (each read of them is audited there).
    expect(queue.every((r) => r.detail === null)).toBe(true);

    const completed = (await admin.client.get(`${REQUESTS}?status=completed`)).json<{
      items: PrivacyRequest[];
    }>().items;
    expect(completed.map((r) => r.status)).not.toContain('received');
    expect(completed.map((r) => r.id)).toContain(oldDone.id);
  });

  it('counts due dates on the organisation calendar, holidays and make-up days included', async () => {
    const person = await signedInMember(t, 'calendar');
    const add = (date: string, working: boolean) =>
      admin.client.post(CALENDAR, { date, working, label: 'National Day' });
    const created = [];
    for (const d of [
      '2025-10-01',
      '2025-10-02',
      '2025-10-03',
      '2025-10-06',
      '2025-10-07',
      '2025-10-08',
    ])
      created.push((await add(d, false)).json<{ id: string }>());
    created.push((await add('2025-09-28', true)).json<{ id: string }>());
    created.push((await add('2025-10-11', true)).json<{ id: string }>());
    expect((await add('2025-10-11', true)).statusCode).toBe(409);

    const db = t.database.db;
    const vault = t.ctx.vault.scope(db, person.organizationId);
    // Friday 26 September 2025, 10:00 in Shanghai.
    const { dueAt } = await openPrivacyRequest(db, vault, {
      organizationId: person.organizationId,
      subjectUserId: person.userId,
      kind: 'access',
      now: new Date('2025-09-26T02:00:00Z'),
    });
    expect(dueAt.toISOString()).toBe('2025-10-23T15:59:59.999Z');

    const list = await admin.client.get(`${CALENDAR}?from=2025-09-01&to=2025-10-31`);
    expect(list.json<{ items: unknown[]; requestDueWorkingDays: number }>()).toMatchObject({
      requestDueWorkingDays: 15,
      timeZone: 'Asia/Shanghai',
    });
    expect(list.json<{ items: unknown[] }>().items).toHaveLength(8);
    expect((await person.client.get(CALENDAR)).statusCode).toBe(403);

    for (const c of created)
      expect((await admin.client.request('DELETE', `${CALENDAR}/${c.id}`)).statusCode).toBe(204);
    expect(
      (await admin.client.request('DELETE', `${CALENDAR}/${created[0]?.id ?? ''}`)).statusCode,
    ).toBe(404);
    const { dueAt: plain } = await openPrivacyRequest(db, vault, {
      organizationId: person.organizationId,
      subjectUserId: person.userId,
      kind: 'access',
      now: new Date('2025-09-26T02:00:00Z'),
    });
    expect(plain.toISOString()).toBe('2025-10-17T15:59:59.999Z');
  });
});
