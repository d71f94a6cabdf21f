import type { ClinicalRecord } from '@anxin/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { insertAppointmentRow } from '../scheduling/appointment-fixtures.ts';
import { clientInEpisode, counselorWithSession, RECORDS } from './test-support/records-fixtures.ts';

/** Where the room sends the counselor after a session: that appointment's note, once. */
describe('the note of an appointment', () => {
  let t: TestApp;
  let counselor: Awaited<ReturnType<typeof counselorWithSession>>;
  let other: Awaited<ReturnType<typeof counselorWithSession>>;
  let client: Awaited<ReturnType<typeof clientInEpisode>>;
  let appointmentId = '';
  beforeAll(async () => {
    t = await createTestApp();
    counselor = await counselorWithSession(t, 'aftersession');
    other = await counselorWithSession(t, 'notthecounselor');
    client = await clientInEpisode(t, counselor, 'seen');
    appointmentId = await insertAppointmentRow(t, {
      organizationId: counselor.organizationId,
      counselorId: counselor.profileId,
      clientUserId: client.userId,
      startsAt: new Date(Date.now() - 60 * 60_000),
    });
    await t.database.query('UPDATE appointments SET episode_id = $1 WHERE id = $2', [
      client.episodeId,
      appointmentId,
    ]);
  });
  afterAll(() => t.close());

  const open = (http: typeof counselor.http, id = appointmentId) =>
    http.post(`/api/v1/appointments/${id}/note`, {});

  it('starts a session note of the appointment, and opens the same one the second time', async () => {
    // Two tabs at once: the appointment's lock leaves one note, which both receive.
    const [first, twin] = await Promise.all([open(counselor.http), open(counselor.http)]);
    expect(first.statusCode).toBe(200);
    const note = first.json<ClinicalRecord>();
    expect(twin.json<ClinicalRecord>().id).toBe(note.id);
    expect(note).toMatchObject({
      recordType: 'session_note',
      appointmentId,
      clientUserId: client.userId,
      episodeId: client.episodeId,
      status: 'draft',
    });
    const signed = await counselor.http.post(`${RECORDS}/${note.id}/sign`, { revision: 0 });
    // The empty SOAP note cannot be signed: the point here is only that it is the same note.
    expect(signed.statusCode).toBe(400);
    const again = await open(counselor.http);
    expect(again.json<ClinicalRecord>().id).toBe(note.id);
    const count = await t.database.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM clinical_records WHERE appointment_id = $1',
      [appointmentId],
    );
    expect(count[0]?.n).toBe(1);
  });

  it('answers 404 to another counselor, to the client and for an unknown appointment', async () => {
    expect((await open(other.http)).statusCode).toBe(404);
    expect((await open(client.http)).statusCode).toBe(404);
    expect((await open(counselor.http, '00000000-0000-4000-8000-000000000000')).statusCode).toBe(
      404,
    );
  });
});
