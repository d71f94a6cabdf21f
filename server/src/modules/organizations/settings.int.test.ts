import type { ClinicalRecord, Problem } from '@anxin/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMember } from '../../test/identity-fixtures.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { sessionFor } from '../scheduling/appointment-fixtures.ts';
import {
  clientInEpisode,
  counselorWithSession,
  RECORDS,
} from '../records/test-support/records-fixtures.ts';

/** The session and records settings groups: administrators only, validated, audited, in force. */
describe('session and records settings', () => {
  let t: TestApp;
  let admin: Awaited<ReturnType<typeof sessionFor>>;
  let counselor: Awaited<ReturnType<typeof counselorWithSession>>;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await sessionFor(t, await createMember(t, ['administrator'], 'settingsadmin'), [
      'administrator',
    ]);
    counselor = await counselorWithSession(t, 'settingsreader');
  });
  afterAll(() => t.close());

  const events = async (action: string) =>
    t.database.query<{ changes: Record<string, { old: unknown; new: unknown }> }>(
      'SELECT changes FROM audit_events WHERE action = $1 ORDER BY seq',
      [action],
    );

  it('lets an administrator read and change the room window, auditing each change', async () => {
    const before = await admin.get('/api/v1/settings/sessions');
    expect(before.json()).toEqual({
      openMinutesBefore: 10,
      graceMinutes: 15,
      observerAllowed: false,
    });
    const next = { openMinutesBefore: 5, graceMinutes: 30, observerAllowed: false };
    const put = await admin.request('PUT', '/api/v1/settings/sessions', next);
    expect(put.statusCode).toBe(200);
    expect((await admin.get('/api/v1/settings/sessions')).json()).toEqual(next);
    // Saving the same again changes nothing and leaves no second event.
    await admin.request('PUT', '/api/v1/settings/sessions', next);
    const audited = await events('sessions_settings.update');
    expect(audited).toHaveLength(1);
    expect(audited[0]?.changes).toEqual({
      openMinutesBefore: { old: 10, new: 5 },
      graceMinutes: { old: 15, new: 30 },
    });
  });

  it('names the field of a bad value and keeps the settings as they were', async () => {
    const bad = await admin.request('PUT', '/api/v1/settings/sessions', {
      openMinutesBefore: 5,
      graceMinutes: 10_000,
      observerAllowed: false,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<Problem>().errors?.map((e) => e.path)).toEqual(['body.graceMinutes']);
    expect(bad.body).not.toMatch(/at .*\.ts/);
    expect((await admin.get('/api/v1/settings/sessions')).json()).toMatchObject({
      graceMinutes: 30,
    });
  });

  it('refuses counselors both reading and changing', async () => {
    expect((await counselor.http.get('/api/v1/settings/sessions')).statusCode).toBe(403);
    expect((await counselor.http.get('/api/v1/settings/records')).statusCode).toBe(403);
    const put = await counselor.http.request('PUT', '/api/v1/settings/records', {
      sessionNoteTemplate: 'dap',
    });
    expect(put.statusCode).toBe(403);
  });

  it('starts new session notes in the format chosen (DAP), notes begun before keep theirs', async () => {
    const client = await clientInEpisode(t, counselor, 'formatted');
    const note = async () =>
      (
        await counselor.http.post(RECORDS, {
          clientUserId: client.userId,
          recordType: 'session_note',
        })
      ).json<ClinicalRecord>();
    const soap = await note();
    expect(soap.template.code).toBe('soap');
    const put = await admin.request('PUT', '/api/v1/settings/records', {
      sessionNoteTemplate: 'dap',
    });
    expect(put.statusCode).toBe(200);
    const dap = await note();
    expect(dap.template.code).toBe('dap');
    expect(dap.template.fields.map((f) => f.key)).toEqual(['data', 'assessment', 'plan']);
    expect(
      (await counselor.http.get(`${RECORDS}/${soap.id}`)).json<ClinicalRecord>().template.code,
    ).toBe('soap');
    expect(await events('records_settings.update')).toHaveLength(1);
  });
});
