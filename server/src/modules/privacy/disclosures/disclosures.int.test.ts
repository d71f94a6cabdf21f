import type { Disclosure } from '@anxin/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMember } from '../../../test/identity-fixtures.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import {
  book,
  openCounselor,
  sessionFor,
  signedInAdministrator,
  signedInMember,
  slotAt,
} from '../../scheduling/appointment-fixtures.ts';

const URL = '/api/v1/disclosures';
const RECIPIENT = 'Officer Zhao, Haidian police station';
const CONTENT = 'Stated intent to harm a named neighbour on 1 December';

describe('disclosures to third parties (B7, C7)', () => {
  let t: TestApp;
  let counselor: Awaited<ReturnType<typeof openCounselor>>;
  let client: Awaited<ReturnType<typeof signedInMember>>;
  let admin: Awaited<ReturnType<typeof signedInAdministrator>>;
  const now = () => new Date(Date.now() - 60_000).toISOString();

  beforeAll(async () => {
    t = await createTestApp();
    counselor = await openCounselor(t, { name: 'lin' });
    client = await signedInMember(t, 'disclosed');
    expect((await book(client.client, counselor.profileId, slotAt(3, 10))).res.statusCode).toBe(
      201,
    );
    admin = await signedInAdministrator(t);
  });
  afterAll(() => t.close());

  const record = (body: object, who = counselor.client) =>
    who.post(URL, {
      subjectUserId: client.userId,
      recipient: RECIPIENT,
      content: CONTENT,
      disclosedAt: now(),
      ...body,
    });

  it('records a consented disclosure about the counselor’s own client, sealed at rest and audited', async () => {
    const res = await record({ basis: 'consent' });
    expect(res.statusCode).toBe(201);
    const d = res.json<Disclosure>();
    expect(d).toMatchObject({
      basis: 'consent',
      recipient: RECIPIENT,
      content: CONTENT,
      recordedBy: counselor.member.userId,
      approvalPending: false,
    });
    const [raw] = await t.database.query<{ recipient_enc: string; content_enc: string }>(
      'SELECT recipient_enc, content_enc FROM disclosures WHERE id = $1',
      [d.id],
    );
    expect(raw?.recipient_enc).toBeTruthy();
    expect(raw?.recipient_enc).not.toContain('Zhao');
    expect(raw?.content_enc).not.toContain('neighbour');
    const events = await t.database.query<{ subject_id: string }>(
      `SELECT subject_id FROM audit_events WHERE action = 'disclosure.create' AND entity_id = $1`,
      [d.id],
    );
    expect(events).toEqual([{ subject_id: client.userId }]);
  });

  it('validates the basis and requires a legal reference for a legal obligation', async () => {
    const bad = await record({ basis: 'curiosity' });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('body.basis');
    const noRef = await record({ basis: 'legal_obligation' });
    expect(noRef.statusCode).toBe(400);
    expect(noRef.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe(
      'body.legalReference',
    );
    const withRef = await record({
      basis: 'legal_obligation',
      legalReference: 'Criminal Procedure Law art. 54',
    });
    expect(withRef.statusCode).toBe(201);
    expect(withRef.json<Disclosure>().approvalPending).toBe(true);
  });

  it('hides people who are not the counselor’s clients (404), and other counselors’ records', async () => {
    const stranger = await createMember(t, ['client'], 'stranger');
    const res = await record({ basis: 'consent', subjectUserId: stranger.userId });
    expect(res.statusCode).toBe(404);
    const own = (await record({ basis: 'consent' })).json<Disclosure>();
    const other = await openCounselor(t, { name: 'qian' });
    expect((await record({ basis: 'consent' }, other.client)).statusCode).toBe(404);
    expect((await other.client.get(`${URL}/${own.id}`)).statusCode).toBe(404);
    const list = (await other.client.get(URL)).json<{ items: Disclosure[] }>();
    expect(list.items).toEqual([]);
    // The client cannot record, and reads only their own through /me.
    expect((await record({ basis: 'consent' }, client.client)).statusCode).toBe(403);
    expect((await client.client.get(`${URL}/${own.id}`)).statusCode).toBe(200);
  });

  it('needs a second person’s approval for an exception: a supervisor or administrator, never the recorder', async () => {
    const d = (await record({ basis: 'danger_to_others' })).json<Disclosure>();
    expect(d.approvalPending).toBe(true);
    expect((await counselor.client.post(`${URL}/${d.id}/approve`)).statusCode).toBe(403);

    const emergency = (await record({ basis: 'danger_to_self' }, admin.client)).json<Disclosure>();
    expect((await admin.client.post(`${URL}/${emergency.id}/approve`)).statusCode).toBe(403);

    const supervisorMember = await createMember(t, ['supervisor'], 'sup');
    const supervisor = await sessionFor(t, supervisorMember, ['supervisor']);
    const pending = (await supervisor.get(`${URL}?pending=true`)).json<{ items: Disclosure[] }>();
    expect(pending.items.map((i) => i.id)).toEqual(expect.arrayContaining([d.id, emergency.id]));
    expect(pending.items.every((i) => i.basis !== 'consent')).toBe(true);

    const approved = await supervisor.post(`${URL}/${d.id}/approve`);
    expect(approved.statusCode).toBe(200);
    expect(approved.json<Disclosure>()).toMatchObject({
      approvedBy: supervisorMember.userId,
      approvalPending: false,
    });
    expect((await supervisor.post(`${URL}/${d.id}/approve`)).statusCode).toBe(409);
    expect((await admin.client.post(`${URL}/${emergency.id}/approve`)).statusCode).toBe(403);
    expect((await supervisor.post(`${URL}/${emergency.id}/approve`)).statusCode).toBe(200);
  });

  it('shows the subject their own disclosures, and administrators all of them (reads audited)', async () => {
    const mine = (await client.client.get(`${URL}/me`)).json<{ items: Disclosure[] }>();
    expect(mine.items.length).toBeGreaterThan(3);
    expect(mine.items.every((d) => d.subjectUserId === client.userId)).toBe(true);
    expect(mine.items[0]?.recipient).toBe(RECIPIENT);
    const all = (await admin.client.get(`${URL}?subjectUserId=${client.userId}`)).json<{
      items: Disclosure[];
    }>();
    expect(all.items.length).toBe(mine.items.length);
    const reads = await t.database.query<{ action: string }>(
      `SELECT action FROM audit_events WHERE subject_id = $1 AND action LIKE 'disclosure.read%'`,
      [client.userId],
    );
    expect(reads.map((r) => r.action)).toEqual(
      expect.arrayContaining(['disclosure.read', 'disclosure.read_own']),
    );
  });
});
