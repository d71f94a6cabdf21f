import type { Disclosure, Referral } from '@anxin/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMember } from '../../test/identity-fixtures.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { testBackend } from '../../test/test-database.ts';
import {
  clientInEpisode,
  counselorWithSession,
  supervisorOf,
} from '../records/test-support/records-fixtures.ts';
import { sessionFor } from '../scheduling/appointment-fixtures.ts';
import {
  CONSENT_BASIS,
  hotline,
  referralFor,
  REFERRALS,
  RESOURCES,
} from './test-support/care-plans-fixtures.ts';

function sqlState(err: unknown): string | undefined {
  const e = err as { code?: string; cause?: { code?: string } };
  return e.cause?.code ?? e.code;
}
const paths = (res: { json: () => unknown }) =>
  (res.json() as { errors: { path: string }[] }).errors.map((e) => e.path);

const JUSTIFICATION = 'Stated a plan and the means tonight; would not agree to call anyone.';

describe(`referrals (C6) on ${testBackend()}`, () => {
  let t: TestApp;
  let counselor: Awaited<ReturnType<typeof counselorWithSession>>;
  let client: Awaited<ReturnType<typeof clientInEpisode>>;
  let line: { id: string };
  beforeAll(async () => {
    t = await createTestApp();
    counselor = await counselorWithSession(t, 'referrer');
    client = await clientInEpisode(t, counselor, 'referred');
    line = await hotline(counselor.http);
  });
  afterAll(() => t.close());

  it('refers on the client’s documented agreement: no disclosure when nothing is passed on', async () => {
    const referral = await referralFor(counselor.http, client.episodeId, line.id);
    expect(referral).toMatchObject({
      status: 'made',
      reason: 'Needs support between sessions at night',
      resource: { id: line.id, phone: '12356', kind: 'crisis_line' },
      basis: { kind: 'consent', method: 'verbal', attestedBy: counselor.userId },
      disclosureId: null,
      can: { acknowledge: true, close: true },
    });
    const [raw] = await t.database.query<Record<string, unknown>>(
      'SELECT * FROM referrals WHERE id = $1',
      [referral.id],
    );
    expect(JSON.stringify(raw)).not.toContain('between sessions');
    const events = await t.database.query<{ action: string }>(
      `SELECT action FROM audit_events WHERE subject_id = $1 ORDER BY seq`,
      [client.userId],
    );
    expect(events.map((e) => e.action)).toEqual(['referral.create']);

    // A warm hand-over passes information on: the register gets a consent disclosure.
    const handover = await referralFor(
      counselor.http,
      client.episodeId,
      line.id,
      CONSENT_BASIS(true),
    );
    expect(handover.disclosureId).not.toBeNull();
    const disclosure = (
      await counselor.http.get(`/api/v1/disclosures/${handover.disclosureId}`)
    ).json<Disclosure>();
    expect(disclosure).toMatchObject({ basis: 'consent', approvalPending: false });
  });

  it('refers under an exception, entering it in the disclosure register for approval', async () => {
    const res = await counselor.http.post(REFERRALS, {
      episodeId: client.episodeId,
      resourceId: line.id,
      reason: 'Acute suicide risk after the session',
      basis: { kind: 'exception', code: 'danger_to_self', justification: JUSTIFICATION },
    });
    expect(res.statusCode).toBe(201);
    const referral = res.json<Referral>();
    expect(referral.basis).toEqual({
      kind: 'exception',
      code: 'danger_to_self',
      justification: JUSTIFICATION,
      legalReference: null,
    });
    expect(referral.disclosureId).toBeTruthy();
    const disclosure = (
      await counselor.http.get(`/api/v1/disclosures/${referral.disclosureId}`)
    ).json<Disclosure>();
    expect(disclosure).toMatchObject({
      subjectUserId: client.userId,
      basis: 'danger_to_self',
      approvalPending: true,
      recordedBy: counselor.userId,
    });
    expect(disclosure.recipient).toContain('12356');
    expect(disclosure.content).toContain(JUSTIFICATION);
    // A supervisor approves it in the register, as any other exception disclosure.
    const sup = await supervisorOf(t, 'referral-approver', [counselor.profileId]);
    const approved = await sup.http.post(`/api/v1/disclosures/${referral.disclosureId}/approve`);
    expect(approved.statusCode).toBe(200);
    const [raw] = await t.database.query<{ justification_enc: string }>(
      'SELECT justification_enc FROM referrals WHERE id = $1',
      [referral.id],
    );
    expect(raw?.justification_enc).not.toContain('plan and the means');
    const events = await t.database.query<{ action: string; entity_id: string }>(
      `SELECT action, entity_id FROM audit_events
        WHERE entity_id IN ($1, $2) AND action NOT LIKE '%.read' ORDER BY seq`,
      [referral.id, referral.disclosureId],
    );
    expect(events.map((e) => e.action)).toEqual([
      'disclosure.create',
      'referral.create',
      'disclosure.approve',
    ]);
  });

  it('names each field a referral’s basis is missing', async () => {
    const post = (body: object) =>
      counselor.http.post(REFERRALS, {
        episodeId: client.episodeId,
        resourceId: line.id,
        reason: 'x',
        ...body,
      });
    const legal = await post({
      basis: { kind: 'exception', code: 'legal_obligation', justification: 'Court order' },
    });
    expect(paths(legal)).toEqual(['body.basis.legalReference']);
    const noAttest = await post({ basis: { ...CONSENT_BASIS(), attested: false } });
    expect(paths(noAttest)).toEqual(['body.basis.attested']);
    const code = await post({
      basis: { kind: 'exception', code: 'curiosity', justification: 'x' },
    });
    expect(paths(code)).toEqual(['body.basis.code']);
    const later = await post({
      basis: { ...CONSENT_BASIS(), agreedAt: new Date(Date.now() + 3_600_000).toISOString() },
    });
    expect(paths(later)).toEqual(['body.basis.agreedAt']);
    const missing = await post({
      resourceId: '00000000-0000-4000-8000-000000000000',
      basis: CONSENT_BASIS(),
    });
    expect(paths(missing)).toEqual(['body.resourceId']);
    const none = await counselor.http.post(REFERRALS, { episodeId: client.episodeId });
    expect(paths(none)).toEqual(
      expect.arrayContaining(['body.resourceId', 'body.reason', 'body.basis']),
    );
  });

  it('moves made → acknowledged → closed, refuses going back (409), keeps the basis', async () => {
    const referral = await referralFor(counselor.http, client.episodeId, line.id);
    const status = (body: object) =>
      counselor.http.post(`${REFERRALS}/${referral.id}/status`, body);
    expect((await status({ status: 'acknowledged', outcome: 'x' })).statusCode).toBe(400);
    expect((await status({ status: 'acknowledged' })).json<Referral>().status).toBe('acknowledged');
    const again = await status({ status: 'acknowledged' });
    expect(again.statusCode).toBe(409);
    const closed = await status({ status: 'closed', outcome: 'Called the line twice; helped.' });
    expect(closed.json<Referral>()).toMatchObject({
      status: 'closed',
      outcome: 'Called the line twice; helped.',
      can: { acknowledge: false, close: false },
    });
    expect((await status({ status: 'closed' })).statusCode).toBe(409);
    await expect(
      t.database.query(`UPDATE referrals SET basis = 'exception' WHERE id = $1`, [referral.id]),
    ).rejects.toSatisfy((e) => sqlState(e) === '42501');
    await expect(
      t.database.query(`UPDATE referrals SET status = 'made', closed_at = NULL WHERE id = $1`, [
        referral.id,
      ]),
    ).rejects.toSatisfy((e) => sqlState(e) === '42501');
    const events = await t.database.query<{ action: string }>(
      `SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY seq`,
      [referral.id],
    );
    expect(events.map((e) => e.action)).toEqual([
      'referral.create',
      'referral.acknowledge',
      'referral.close',
    ]);
  });

  it('refuses a retired directory entry', async () => {
    const adminMember = await createMember(t, ['administrator'], 'ref-admin');
    const admin = await sessionFor(t, adminMember, ['administrator']);
    const created = (
      await admin.post(RESOURCES, {
        kind: 'community',
        nameZh: '社区服务中心',
        nameEn: 'Community service centre',
        phone: '010 1234 5678',
      })
    ).json<{ id: string }>();
    await admin.request('PATCH', `${RESOURCES}/${created.id}`, { active: false });
    const res = await counselor.http.post(REFERRALS, {
      episodeId: client.episodeId,
      resourceId: created.id,
      reason: 'x',
      basis: CONSENT_BASIS(),
    });
    expect(paths(res)).toEqual(['body.resourceId']);
  });
});

describe(`who may read a referral (the access matrix) on ${testBackend()}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers each role as for clinical records, the same for the item and the list', async () => {
    const author = await counselorWithSession(t, 'ref-author');
    const other = await counselorWithSession(t, 'ref-other');
    const client = await clientInEpisode(t, author, 'ref-matrix');
    const supervisor = await supervisorOf(t, 'ref-sup', [author.profileId]);
    const adminMember = await createMember(t, ['administrator'], 'ref-adm');
    const admin = await sessionFor(t, adminMember, ['administrator']);
    const line = await hotline(author.http);
    const referral = await referralFor(author.http, client.episodeId, line.id);

    const can = async (http: typeof author.http) => {
      const item = (await http.get(`${REFERRALS}/${referral.id}`)).statusCode;
      const list = await http.get(`/api/v1/clients/${client.userId}/referrals`);
      const ids = list.json<{ items: { id: string }[] }>().items.map((i) => i.id);
      expect(item === 200, 'the item check and the list agree').toBe(ids.includes(referral.id));
      return item;
    };
    expect(await can(author.http)).toBe(200);
    expect(await can(supervisor.http)).toBe(200);
    expect(await can(other.http)).toBe(404);
    expect(await can(admin)).toBe(404);
    expect(await can(client.http)).toBe(404);
    const close = { status: 'closed' };
    expect((await other.http.post(`${REFERRALS}/${referral.id}/status`, close)).statusCode).toBe(
      404,
    );
    expect(
      (await supervisor.http.post(`${REFERRALS}/${referral.id}/status`, close)).statusCode,
    ).toBe(403);
    // Someone else's episode: as if there were none.
    const foreign = await other.http.post(REFERRALS, {
      episodeId: client.episodeId,
      resourceId: line.id,
      reason: 'x',
      basis: CONSENT_BASIS(),
    });
    expect(foreign.statusCode).toBe(404);

    await admin.post('/api/v1/break-glass', {
      resourceType: 'user',
      resourceId: client.userId,
      reason: 'Safeguarding review of the referral tonight.',
      minutes: 10,
    });
    expect(await can(admin)).toBe(200);
    const events = await t.database.query<{ action: string }>(
      `SELECT action FROM audit_events WHERE entity_id = $1 AND actor_id = $2`,
      [referral.id, adminMember.userId],
    );
    expect(events.map((e) => e.action)).toEqual([
      'referral.read.break_glass',
      'referral.read.break_glass',
    ]);
  });
});
