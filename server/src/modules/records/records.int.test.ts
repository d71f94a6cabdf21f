import type { ClinicalRecord } from '@anxin/common';
import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMember } from '../../test/identity-fixtures.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { sessionFor } from '../scheduling/appointment-fixtures.ts';
import {
  clientInEpisode,
  counselorWithSession,
  RECORDS,
  SOAP,
  signedNote,
  supervisorOf,
} from './test-support/records-fixtures.ts';

/** Runs a statement with triggers off, as a superuser tampering with the table could. */
async function behindTriggers(t: TestApp, statement: SQL) {
  await t.database.db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL session_replication_role = replica`);
    await tx.execute(statement);
  });
}

/** The SQLSTATE of a failed statement (through Drizzle's or PGlite's wrapping). */
function sqlState(err: unknown): string | undefined {
  const e = err as { code?: string; cause?: { code?: string } };
  return e.cause?.code ?? e.code;
}

describe('clinical records: draft, sign, addenda (B8)', () => {
  let t: TestApp;
  let counselor: Awaited<ReturnType<typeof counselorWithSession>>;
  let client: Awaited<ReturnType<typeof clientInEpisode>>;
  beforeAll(async () => {
    t = await createTestApp();
    counselor = await counselorWithSession(t, 'writer');
    client = await clientInEpisode(t, counselor, 'noted');
  });
  afterAll(() => t.close());

  const put = (url: string, body: unknown) => counselor.http.request('PUT', url, body);

  it('autosaves a draft, refuses a stale save, signs it and locks it', async () => {
    const created = await counselor.http.post(RECORDS, {
      clientUserId: client.userId,
      recordType: 'session_note',
      content: { subjective: 'first thoughts' },
    });
    expect(created.statusCode).toBe(201);
    const draft = created.json<ClinicalRecord>();
    expect(draft).toMatchObject({
      status: 'draft',
      draftRevision: 0,
      episodeId: client.episodeId,
      template: { code: 'soap', version: 1 },
      draft: { subjective: 'first thoughts' },
      can: { editDraft: true, sign: true, amend: false },
    });

    const saved = await put(`${RECORDS}/${draft.id}/draft`, { content: SOAP, revision: 0 });
    expect(saved.statusCode).toBe(200);
    expect(saved.json<ClinicalRecord>().draftRevision).toBe(1);
    // A second tab still at revision 0 does not overwrite the newer text.
    const stale = await put(`${RECORDS}/${draft.id}/draft`, { content: {}, revision: 0 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'conflict' });

    const signed = await counselor.http.post(`${RECORDS}/${draft.id}/sign`, { revision: 1 });
    expect(signed.statusCode).toBe(200);
    const body = signed.json<ClinicalRecord>();
    expect(body).toMatchObject({ status: 'signed', draft: null, needsCosign: false });
    expect(body.versions).toHaveLength(1);
    expect(body.versions[0]).toMatchObject({ version: 1, kind: 'original', content: SOAP });
    expect(body.headHash).toMatch(/^[0-9a-f]{64}$/);

    // No edit after signing, through the API…
    const edit = await put(`${RECORDS}/${draft.id}/draft`, { content: SOAP, revision: 1 });
    expect(edit.statusCode).toBe(409);
    expect(edit.json()).toMatchObject({ code: 'invalid_transition' });
    // …nor in the database: signed versions refuse UPDATE, the record row refuses a re-dating.
    await expect(
      t.database.query(
        `UPDATE clinical_record_versions SET content_enc = content_enc || 'x' WHERE record_id = $1`,
        [draft.id],
      ),
    ).rejects.toSatisfy((e) => sqlState(e) === '42501');
    await expect(
      t.database.query(`UPDATE clinical_records SET signed_at = now() WHERE id = $1`, [draft.id]),
    ).rejects.toSatisfy((e) => sqlState(e) === '42501');
    await expect(
      t.database.query(
        `UPDATE clinical_records SET status = 'draft', signed_at = NULL WHERE id = $1`,
        [draft.id],
      ),
    ).rejects.toSatisfy((e) => sqlState(e) === '42501');
  });

  it('names each field a signature is missing, and refuses fields the template lacks', async () => {
    const created = await counselor.http.post(RECORDS, {
      clientUserId: client.userId,
      recordType: 'session_note',
      content: { subjective: 'only this' },
    });
    const draft = created.json<ClinicalRecord>();
    const sign = await counselor.http.post(`${RECORDS}/${draft.id}/sign`, { revision: 0 });
    expect(sign.statusCode).toBe(400);
    const errors = sign.json<{ errors: { path: string; code: string }[] }>().errors;
    expect(errors.map((e) => `${e.path}:${e.code}`)).toEqual([
      'body.content.objective:required',
      'body.content.assessment:required',
      'body.content.plan:required',
    ]);
    const unknown = await put(`${RECORDS}/${draft.id}/draft`, {
      content: { bogus: 'x' },
      revision: 0,
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe(
      'body.content.bogus',
    );
    // Nothing was half-written: the draft is as it was.
    const again = (await counselor.http.get(`${RECORDS}/${draft.id}`)).json<ClinicalRecord>();
    expect(again).toMatchObject({ draftRevision: 0, draft: { subjective: 'only this' } });
  });

  it('amends only by addendum with a reason, hash-linked, and the chain verifies', async () => {
    const note = await signedNote(counselor.http, client.userId);
    const noReason = await counselor.http.post(`${RECORDS}/${note.id}/addenda`, {
      content: SOAP,
      reason: ' ',
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe('body.reason');

    const amended = await counselor.http.post(`${RECORDS}/${note.id}/addenda`, {
      content: { ...SOAP, plan: 'Sleep diary; refer for a medical check of sleep.' },
      reason: 'Plan discussed with supervisor after the session.',
    });
    expect(amended.statusCode).toBe(200);
    const body = amended.json<ClinicalRecord>();
    expect(body.status).toBe('amended');
    expect(body.versions.map((v) => [v.version, v.kind])).toEqual([
      [1, 'original'],
      [2, 'addendum'],
    ]);
    expect(body.versions[1]?.prevHash).toBe(body.versions[0]?.hash);
    expect(body.versions[1]?.reason).toBe('Plan discussed with supervisor after the session.');
    expect(body.versions[0]?.content.plan).toBe(SOAP.plan);
    expect(body.headHash).toBe(body.versions[1]?.hash);

    const verified = await counselor.http.get(`${RECORDS}/${note.id}/verification`);
    expect(verified.json()).toEqual({ intact: true, versions: 2, problems: [] });
  });

  it('detects a version rewritten behind the triggers, and one that no longer decrypts', async () => {
    // A client of its own: the garbled version would (rightly) fail every chart that holds it.
    const client = await clientInEpisode(t, counselor, 'tampered');
    const note = await signedNote(counselor.http, client.userId);
    await counselor.http.post(`${RECORDS}/${note.id}/addenda`, {
      content: { ...SOAP, assessment: 'Amended assessment.' },
      reason: 'Typo in the assessment.',
    });
    const [v2] = await t.database.query<{ id: string }>(
      `SELECT id FROM clinical_record_versions WHERE record_id = $1 AND version = 2`,
      [note.id],
    );
    if (!v2) throw new Error('version 2');
    // Someone with the keys and the power to switch triggers off re-seals other words.
    const forged = await t.ctx.vault
      .scope(t.database.db, client.organizationId)
      .encrypt(
        { type: 'person', id: client.userId },
        { table: 'clinical_record_versions', field: 'content', recordId: v2.id },
        JSON.stringify({ ...SOAP, assessment: 'Nothing of note.' }),
      );
    await behindTriggers(
      t,
      sql`UPDATE clinical_record_versions SET content_enc = ${forged}
      WHERE id = ${v2.id}`,
    );
    const tampered = await counselor.http.get(`${RECORDS}/${note.id}/verification`);
    expect(tampered.json()).toEqual({
      intact: false,
      versions: 2,
      problems: [{ version: 2, problem: 'hash_mismatch' }],
    });

    await behindTriggers(
      t,
      sql`UPDATE clinical_record_versions SET content_enc = 'v1.garbage'
      WHERE id = ${v2.id}`,
    );
    const garbled = await counselor.http.get(`${RECORDS}/${note.id}/verification`);
    expect(garbled.json()).toEqual({
      intact: false,
      versions: 2,
      problems: [{ version: 2, problem: 'unreadable' }],
    });
  });

  it('audits every read of a record', async () => {
    const note = await signedNote(counselor.http, client.userId);
    await counselor.http.get(`${RECORDS}/${note.id}`);
    await counselor.http.get(`/api/v1/clients/${client.userId}/records`);
    const events = await t.database.query<{ action: string }>(
      `SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY seq`,
      [note.id],
    );
    expect(events.map((e) => e.action)).toEqual([
      'clinical_record.create',
      'clinical_record.sign',
      'clinical_record.read',
      'clinical_record.read',
    ]);
  });
});

describe('who may read a clinical record (the access matrix)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers each role as DOMAIN says, the same for the item and the list', async () => {
    const author = await counselorWithSession(t, 'author');
    const other = await counselorWithSession(t, 'other');
    const client = await clientInEpisode(t, author, 'matrix');
    const supervisor = await supervisorOf(t, 'sup', [author.profileId]);
    const unrelatedSupervisor = await supervisorOf(t, 'sup-else', [other.profileId]);
    const adminMember = await createMember(t, ['administrator'], 'adm');
    const admin = await sessionFor(t, adminMember, ['administrator']);
    const operatorMember = await createMember(t, ['operator'], 'op');
    const operator = await sessionFor(t, operatorMember, ['operator']);

    const note = await signedNote(author.http, client.userId);
    const draftRes = await author.http.post(RECORDS, {
      clientUserId: client.userId,
      recordType: 'session_note',
    });
    const draft = draftRes.json<ClinicalRecord>();

    const can = async (http: typeof author.http) => {
      const item = (await http.get(`${RECORDS}/${note.id}`)).statusCode;
      const list = await http.get(`/api/v1/clients/${client.userId}/records`);
      const ids = list.json<{ items: { id: string }[] }>().items.map((i) => i.id);
      expect(item === 200, 'the item check and the list agree').toBe(ids.includes(note.id));
      return item;
    };
    expect(await can(author.http)).toBe(200);
    expect(await can(supervisor.http)).toBe(200);
    expect(await can(other.http)).toBe(404);
    expect(await can(unrelatedSupervisor.http)).toBe(404);
    expect(await can(admin)).toBe(404);
    expect(await can(operator)).toBe(404);
    expect(await can(client.http)).toBe(404);

    // A draft is the author's alone, even to their supervisor.
    expect((await supervisor.http.get(`${RECORDS}/${draft.id}`)).statusCode).toBe(404);
    expect((await author.http.get(`${RECORDS}/${draft.id}`)).statusCode).toBe(200);
    // Hidden records are 404 for writes too, never 403 (which would confirm they exist).
    const amend = await other.http.post(`${RECORDS}/${note.id}/addenda`, {
      content: {},
      reason: 'x',
    });
    expect(amend.statusCode).toBe(404);
    // A supervisor reads but does not amend a counselor's note.
    const supAmend = await supervisor.http.post(`${RECORDS}/${note.id}/addenda`, {
      content: {},
      reason: 'x',
    });
    expect(supAmend.statusCode).toBe(403);

    // An administrator only through break-glass, and the read says so.
    const grant = await admin.post('/api/v1/break-glass', {
      resourceType: 'user',
      resourceId: client.userId,
      reason: 'Complaint investigation needs the session record tonight.',
      minutes: 15,
    });
    expect(grant.statusCode).toBe(201);
    expect(await can(admin)).toBe(200);
    const events = await t.database.query<{ action: string; reason: string | null }>(
      `SELECT action, reason FROM audit_events WHERE entity_id = $1 AND actor_id = $2`,
      [note.id, adminMember.userId],
    );
    expect(events.map((e) => e.action)).toEqual([
      'clinical_record.read.break_glass',
      'clinical_record.read.break_glass',
    ]);
    expect(events[0]?.reason).toMatch(/^break_glass:/);
  });

  it('keeps a closed episode’s notes from the next counselor, not from their author', async () => {
    const first = await counselorWithSession(t, 'first');
    const second = await counselorWithSession(t, 'second');
    const client = await clientInEpisode(t, first, 'moved');
    const old = await signedNote(first.http, client.userId);
    await t.database.query(
      `UPDATE care_episodes SET status = 'closed', closed_at = now(), close_reason = 'referral'
        WHERE id = $1`,
      [client.episodeId],
    );
    await t.database.query(
      `INSERT INTO care_episodes (organization_id, client_user_id, counselor_id, status)
       VALUES ($1, $2, $3, 'active')`,
      [client.organizationId, client.userId, second.profileId],
    );
    const mine = await signedNote(second.http, client.userId);
    expect((await second.http.get(`${RECORDS}/${old.id}`)).statusCode).toBe(404);
    expect((await second.http.get(`${RECORDS}/${mine.id}`)).statusCode).toBe(200);
    expect((await first.http.get(`${RECORDS}/${old.id}`)).statusCode).toBe(200);
    // And the first counselor can no longer start records for the person.
    const late = await first.http.post(RECORDS, {
      clientUserId: client.userId,
      recordType: 'session_note',
    });
    expect(late.statusCode).toBe(404);
  });
});

describe('a trainee’s notes need a supervisor’s co-signature', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('waits for the trainee’s own supervisor, then is co-signed', async () => {
    const trainee = await counselorWithSession(t, 'trainee', true);
    const client = await clientInEpisode(t, trainee, 'cosigned');
    const supervisor = await supervisorOf(t, 'mentor', [trainee.profileId]);
    const stranger = await supervisorOf(t, 'stranger', []);
    const note = await signedNote(trainee.http, client.userId);
    expect(note.status).toBe('cosign_pending');
    // Not amended while it waits: the supervisor co-signs what the trainee signed.
    const amend = await trainee.http.post(`${RECORDS}/${note.id}/addenda`, {
      content: SOAP,
      reason: 'second thoughts',
    });
    expect(amend.statusCode).toBe(409);
    expect((await trainee.http.post(`${RECORDS}/${note.id}/cosign`)).statusCode).toBe(403);
    expect((await stranger.http.post(`${RECORDS}/${note.id}/cosign`)).statusCode).toBe(404);
    const ok = await supervisor.http.post(`${RECORDS}/${note.id}/cosign`);
    expect(ok.statusCode).toBe(200);
    expect(ok.json<ClinicalRecord>()).toMatchObject({
      status: 'cosigned',
      cosignedBy: supervisor.userId,
    });
    expect((await supervisor.http.post(`${RECORDS}/${note.id}/cosign`)).statusCode).toBe(409);
    // The co-signature is final in the database too.
    await expect(
      t.database.query(`UPDATE clinical_records SET cosigned_by = NULL WHERE id = $1`, [note.id]),
    ).rejects.toSatisfy((e) => sqlState(e) === '42501');
  });

  it('lets administrators name supervisors, and nobody else', async () => {
    const counselor = await counselorWithSession(t, 'supervised');
    const sup = await createMember(t, ['supervisor'], 'named');
    const adminMember = await createMember(t, ['administrator'], 'adm');
    const admin = await sessionFor(t, adminMember, ['administrator']);
    const url = `/api/v1/counselors/${counselor.profileId}/supervisors`;
    expect((await counselor.http.post(url, { supervisorUserId: sup.userId })).statusCode).toBe(403);
    const notSup = await admin.post(url, { supervisorUserId: counselor.userId });
    expect(notSup.statusCode).toBe(400);
    expect(notSup.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe(
      'body.supervisorUserId',
    );
    expect((await admin.post(url, { supervisorUserId: sup.userId })).statusCode).toBe(201);
    const list = await admin.get(url);
    expect(list.json<{ items: { supervisorUserId: string }[] }>().items).toEqual([
      expect.objectContaining({ supervisorUserId: sup.userId }),
    ]);
    expect((await admin.request('DELETE', `${url}/${sup.userId}`)).statusCode).toBe(204);
    expect((await admin.get(url)).json<{ items: unknown[] }>().items).toEqual([]);
  });
});
