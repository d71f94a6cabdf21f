import { randomUUID } from 'node:crypto';
import {
  ceShortfallListSchema,
  developmentSummarySchema,
  problemSchema,
  trainingRecordSchema,
  UPLOAD_MAX_BYTES,
} from '@anxin/common';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/db/schema/index.ts';
import type { TestClient } from '../../test/http-client.ts';
import { createMember, signedInClient } from '../../test/identity-fixtures.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { yearIn } from './development.presenter.ts';
import { buildCounselor, TINY_PDF } from './test-support/counselor-factory.ts';

const NOTES = 'Discussed counter-transference with the grieving widower';
const training = (hours: number, completedOn: string, title = 'Trauma-informed care') => ({
  title,
  provider: 'Beijing Normal University',
  category: 'workshop',
  hours,
  completedOn,
});

describe('continuing education and supervision (C5)', () => {
  let t: TestApp;
  let me: Awaited<ReturnType<typeof buildCounselor>>;
  let own: TestClient;
  let other: TestClient;
  let admin: TestClient;
  let supervisorId: string;
  const base = (id = me.profileId) => `/api/v1/counselor-profiles/${id}`;

  /** A raw-byte upload as the web app sends it: the session cookies and the CSRF header. */
  const upload = (c: TestClient, url: string, bytes: Buffer, type: string, name: string) =>
    t.app.inject({
      method: 'PUT',
      url,
      payload: bytes,
      headers: {
        cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        'x-csrf-token': c.cookies.get('anxin_csrf') ?? '',
        'content-type': type,
        'x-file-name': encodeURIComponent(name),
      },
    });
  const summary = async (c: TestClient, query = 'year=2025', id = me.profileId) => {
    const res = await c.get(`${base(id)}/development?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return developmentSummarySchema.parse(res.json());
  };
  const addTraining = async (
    c: TestClient,
    body: ReturnType<typeof training>,
    id = me.profileId,
  ) => {
    const res = await c.post(`${base(id)}/training`, body);
    expect(res.statusCode, res.body).toBe(201);
    return trainingRecordSchema.parse(res.json());
  };

  beforeAll(async () => {
    t = await createTestApp();
    me = await buildCounselor(t, { name: 'Learner' });
    own = await signedInClient(t, me.member);
    other = await signedInClient(t, (await buildCounselor(t, { name: 'Zed Other' })).member);
    admin = await signedInClient(t, await createMember(t, ['administrator'], 'admin'));
    supervisorId = (await createMember(t, ['supervisor'], 'supervisor')).userId;
  });
  afterAll(() => t.close());

  it('sums hours exactly within the calendar year, both ends included', async () => {
    await addTraining(own, training(1.5, '2025-01-01'));
    await addTraining(own, training(2.3, '2025-06-15'));
    await addTraining(own, training(0.1, '2025-12-31'));
    await addTraining(own, training(8, '2024-12-31'));
    await addTraining(own, training(4, '2026-01-01'));
    const year = await summary(own);
    expect(year).toMatchObject({
      year: 2025,
      requiredHours: 20,
      trainingHours: 3.9,
      shortfallHours: 16.1,
    });
    expect(year.training.map((r) => r.completedOn)).toEqual([
      '2025-12-31',
      '2025-06-15',
      '2025-01-01',
    ]);
    expect((await summary(own, 'year=2024')).trainingHours).toBe(8);
  });

  it("defaults to the current year in the organisation's time zone (Asia/Shanghai)", async () => {
    expect((await summary(own, '')).year).toBe(yearIn('Asia/Shanghai'));
  });

  it('lets only the counselor write, administrators read, and hides it from others', async () => {
    expect((await admin.post(`${base()}/training`, training(1, '2025-03-01'))).statusCode).toBe(
      403,
    );
    expect((await summary(admin)).trainingHours).toBe(3.9);
    const hidden = await other.get(`${base()}/development?year=2025`);
    const missing = await other.get(`${base(randomUUID())}/development?year=2025`);
    expect([hidden.statusCode, missing.statusCode]).toEqual([404, 404]);
    const strip = (b: string) => ({ ...problemSchema.parse(JSON.parse(b)), requestId: '' });
    expect(strip(hidden.body)).toEqual(strip(missing.body));
    expect((await other.post(`${base()}/training`, training(1, '2025-03-01'))).statusCode).toBe(
      404,
    );
  });

  it('deletes a training record', async () => {
    const record = await addTraining(own, training(3, '2025-05-05', 'To be removed'));
    expect((await own.request('DELETE', `${base()}/training/${record.id}`)).statusCode).toBe(204);
    expect((await summary(own)).training.map((r) => r.id)).not.toContain(record.id);
    expect((await own.request('DELETE', `${base()}/training/${record.id}`)).statusCode).toBe(404);
  });

  it('stores evidence sniffed from the bytes, refuses what is not a document, audits downloads', async () => {
    const record = await addTraining(own, training(2, '2025-09-09', 'With certificate'));
    const url = `${base()}/training/${record.id}/evidence`;
    const fake = await upload(own, url, Buffer.from('just text\n'), 'application/pdf', 'cert.pdf');
    expect(fake.statusCode).toBe(415);
    expect(fake.json()).toMatchObject({ code: 'file_type_not_allowed' });

    const res = await upload(own, url, TINY_PDF, 'application/octet-stream', '证书.pdf');
    expect(res.statusCode, res.body).toBe(200);
    expect(trainingRecordSchema.parse(res.json()).evidence).toMatchObject({
      mediaType: 'application/pdf',
      sizeBytes: TINY_PDF.length,
    });
    expect((await upload(other, url, TINY_PDF, 'application/pdf', 'x.pdf')).statusCode).toBe(404);
    const huge = Buffer.concat([TINY_PDF, Buffer.alloc(UPLOAD_MAX_BYTES)]);
    expect((await upload(own, url, huge, 'application/pdf', 'big.pdf')).statusCode).toBe(413);

    for (const reader of [own, admin]) {
      const file = await reader.get(url);
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-type']).toBe('application/pdf');
      expect(file.headers['content-disposition']).toBe('attachment');
      expect(file.rawPayload.equals(TINY_PDF)).toBe(true);
    }
    expect((await other.get(url)).statusCode).toBe(404);
    const reads = await t.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'counselor.training.evidence.read'));
    expect(reads.map((e) => e.subjectId)).toEqual([me.userId, me.userId]);
  });

  it('records supervision with encrypted notes, checking a named supervisor account', async () => {
    const session = {
      supervisorName: 'Dr. Gao',
      heldOn: '2025-04-10',
      hours: 1.5,
      notes: NOTES,
    };
    const res = await own.post(`${base()}/supervision`, {
      ...session,
      supervisorUserId: supervisorId,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ ...session, supervisorUserId: supervisorId });
    await own.post(`${base()}/supervision`, {
      supervisorName: 'Peer group',
      heldOn: '2025-05-01',
      hours: 2,
    });

    for (const notASupervisor of [me.userId, randomUUID()]) {
      const bad = await own.post(`${base()}/supervision`, {
        ...session,
        supervisorUserId: notASupervisor,
      });
      expect(bad.statusCode).toBe(400);
      expect(problemSchema.parse(bad.json()).errors?.[0]?.path).toBe('body.supervisorUserId');
    }

    const year = await summary(own);
    expect(year.supervisionHours).toBe(3.5);
    expect(year.supervision.find((s) => s.heldOn === '2025-04-10')?.notes).toBe(NOTES);
    const stored = await t.database.query<Record<string, unknown>>(
      `SELECT * FROM supervision_sessions`,
    );
    expect(JSON.stringify(stored)).not.toContain('counter-transference');
    expect(t.logs.join('\n')).not.toContain('counter-transference');
    const reads = await t.database.db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, 'counselor.development.read'),
          eq(auditEvents.subjectId, me.userId),
        ),
      );
    expect(reads.length).toBeGreaterThan(0);

    const id = year.supervision[0]?.id ?? '';
    expect((await other.request('DELETE', `${base()}/supervision/${id}`)).statusCode).toBe(404);
    expect((await own.request('DELETE', `${base()}/supervision/${id}`)).statusCode).toBe(204);
    expect((await summary(own)).supervision.map((s) => s.id)).not.toContain(id);
  });

  it('lists approved and suspended counselors short of the requirement, largest shortfall first', async () => {
    const behind = await buildCounselor(t, { name: 'Behind' });
    const suspended = await buildCounselor(t, { name: 'Suspended', status: 'suspended' });
    const done = await buildCounselor(t, { name: 'Done' });
    const applicant = await buildCounselor(t, { name: 'Applicant', status: 'applicant' });
    const sign = async (c: typeof behind) => signedInClient(t, c.member);
    await addTraining(await sign(suspended), training(12.5, '2025-02-02'), suspended.profileId);
    await addTraining(await sign(done), training(20, '2025-02-02'), done.profileId);
    const res = await admin.get('/api/v1/counselor-development/shortfall?year=2025');
    expect(res.statusCode, res.body).toBe(200);
    const list = ceShortfallListSchema.parse(res.json());
    expect(list).toMatchObject({ year: 2025, requiredHours: 20 });
    const rows = list.items.map((i) => [
      i.displayName,
      i.status,
      i.trainingHours,
      i.shortfallHours,
    ]);
    // Behind and Zed Other have no hours (tied, by name); Learner has 5.9; Suspended 12.5.
    expect(rows).toEqual([
      ['Behind', 'approved', 0, 20],
      ['Zed Other', 'approved', 0, 20],
      ['Learner', 'approved', 5.9, 14.1],
      ['Suspended', 'suspended', 12.5, 7.5],
    ]);
    expect(list.items.map((i) => i.counselorId)).not.toContain(applicant.profileId);
    expect(list.items.map((i) => i.counselorId)).not.toContain(done.profileId);
    expect(list.items[0]?.counselorId).toBe(behind.profileId);
    expect((await own.get('/api/v1/counselor-development/shortfall')).statusCode).toBe(403);
  });
});
