import { randomUUID } from 'node:crypto';
import {
  DEFAULT_SCHEDULING_SETTINGS,
  schedulingSettingsSchema,
  sessionTypeListSchema,
  sessionTypeSchema,
} from '@anxin/common';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/db/schema/index.ts';
import { TestClient } from '../../test/http-client.ts';
import { createMember, signedInClient } from '../../test/identity-fixtures.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { buildCounselor } from '../counselors/test-support/counselor-factory.ts';

const SETTINGS = '/api/v1/settings/scheduling';
const TYPES = '/api/v1/session-types';
const COUPLES = {
  code: 'couples',
  labelZh: '伴侣咨询',
  labelEn: 'Couples',
  durationMinutes: 80,
  bufferBeforeMinutes: 0,
  bufferAfterMinutes: 10,
  isIntake: false,
};

describe('scheduling settings and session types', () => {
  let t: TestApp;
  let admin: TestClient;
  let counselor: TestClient;
  let client: TestClient;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await signedInClient(t, await createMember(t, ['administrator'], 'admin'));
    counselor = await signedInClient(t, (await buildCounselor(t, { name: 'Settings' })).member);
    client = await signedInClient(t, await createMember(t, ['client'], 'client'));
  });
  afterAll(() => t.close());

  const auditOf = (action: string, entityId?: string) =>
    t.database.db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, action),
          entityId ? eq(auditEvents.entityId, entityId) : undefined,
        ),
      );

  it('lets every signed-in person read the settings (clients need the window, A5)', async () => {
    for (const who of [client, counselor, admin]) {
      const res = await who.get(SETTINGS);
      expect(res.statusCode, res.body).toBe(200);
      expect(schedulingSettingsSchema.parse(res.json())).toEqual(DEFAULT_SCHEDULING_SETTINGS);
    }
    expect((await new TestClient(t.app).get(SETTINGS)).statusCode).toBe(401);
  });

  it('lets only administrators change them, audited field by field', async () => {
    const next = { ...DEFAULT_SCHEDULING_SETTINGS, minNoticeHours: 24, slotStepMinutes: 15 };
    expect((await counselor.request('PUT', SETTINGS, next)).statusCode).toBe(403);
    expect((await client.request('PUT', SETTINGS, next)).statusCode).toBe(403);
    const bad = await admin.request('PUT', SETTINGS, { ...next, horizonDays: 0 });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('body.horizonDays');
    const res = await admin.request('PUT', SETTINGS, next);
    expect(res.statusCode, res.body).toBe(200);
    expect(schedulingSettingsSchema.parse((await client.get(SETTINGS)).json())).toEqual(next);
    const events = await auditOf('scheduling_settings.update');
    expect(events).toHaveLength(1);
    expect(events[0]?.changes).toEqual({
      minNoticeHours: { old: 12, new: 24 },
      slotStepMinutes: { old: 30, new: 15 },
    });
  });

  it('lists the active session types to anyone', async () => {
    const res = await new TestClient(t.app).get(TYPES);
    expect(res.statusCode, res.body).toBe(200);
    const items = sessionTypeListSchema.parse(res.json()).items;
    expect(items.map((i) => [i.code, i.isIntake, i.durationMinutes])).toEqual([
      ['intake', true, 60],
      ['follow_up', false, 50],
    ]);
  });

  it('lets administrators add and retire types, audited; others are refused', async () => {
    expect((await counselor.post(TYPES, COUPLES)).statusCode).toBe(403);
    const created = await admin.post(TYPES, COUPLES);
    expect(created.statusCode, created.body).toBe(201);
    const type = sessionTypeSchema.parse(created.json());
    expect(type).toMatchObject({ ...COUPLES, active: true, sortOrder: 0 });
    expect((await admin.post(TYPES, COUPLES)).statusCode).toBe(409);
    expect((await auditOf('session_type.create', type.id))[0]?.changes).toMatchObject({
      code: { old: null, new: 'couples' },
    });

    expect(
      (await counselor.request('PATCH', `${TYPES}/${type.id}`, { active: false })).statusCode,
    ).toBe(403);
    const retired = await admin.request('PATCH', `${TYPES}/${type.id}`, { active: false });
    expect(retired.statusCode, retired.body).toBe(200);
    expect(sessionTypeSchema.parse(retired.json())).toMatchObject({
      active: false,
      durationMinutes: 80,
    });
    expect((await auditOf('session_type.update', type.id))[0]?.changes).toEqual({
      active: { old: true, new: false },
    });
    const publicCodes = sessionTypeListSchema.parse((await admin.get(TYPES)).json()).items;
    expect(publicCodes.map((i) => i.code)).not.toContain('couples');
    const all = await admin.get(`${TYPES}?includeInactive=true`);
    expect(sessionTypeListSchema.parse(all.json()).items.map((i) => i.code)).toContain('couples');
    // Only administrators see retired types, whatever they ask.
    const asClient = await client.get(`${TYPES}?includeInactive=true`);
    expect(sessionTypeListSchema.parse(asClient.json()).items.map((i) => i.code)).not.toContain(
      'couples',
    );
    expect(
      (await admin.request('PATCH', `${TYPES}/${randomUUID()}`, { active: false })).statusCode,
    ).toBe(404);
  });

  it('keeps exactly one active intake type (C1): 409 otherwise, nothing changed', async () => {
    const items = sessionTypeListSchema.parse((await admin.get(TYPES)).json()).items;
    const intake = items.find((i) => i.isIntake);
    const followUp = items.find((i) => !i.isIntake);
    if (!intake || !followUp) throw new Error('seeded types missing');
    const off = await admin.request('PATCH', `${TYPES}/${intake.id}`, { active: false });
    expect(off.statusCode).toBe(409);
    expect(off.body).toContain('body.isIntake');
    const notIntake = await admin.request('PATCH', `${TYPES}/${intake.id}`, { isIntake: false });
    expect(notIntake.statusCode).toBe(409);
    // An inactive second intake type does not count.
    const dormant = await admin.post(TYPES, {
      ...COUPLES,
      code: 'intake_old',
      isIntake: true,
      active: false,
    });
    expect(dormant.statusCode, dormant.body).toBe(201);
    const after = sessionTypeListSchema.parse((await admin.get(TYPES)).json()).items;
    expect(after.filter((i) => i.isIntake).map((i) => i.code)).toEqual(['intake']);
    const renamed = await admin.request('PATCH', `${TYPES}/${intake.id}`, {
      labelEn: 'First talk',
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(sessionTypeSchema.parse(renamed.json())).toMatchObject({
      labelEn: 'First talk',
      active: true,
    });
  });

  it('moves the intake flag in one step when another type becomes the intake (C1)', async () => {
    const items = sessionTypeListSchema.parse((await admin.get(TYPES)).json()).items;
    const intake = items.find((i) => i.isIntake && i.active);
    const followUp = items.find((i) => !i.isIntake && i.active);
    if (!intake || !followUp) throw new Error('seeded types missing');
    const moved = await admin.request('PATCH', `${TYPES}/${followUp.id}`, { isIntake: true });
    expect(moved.statusCode, moved.body).toBe(200);
    const now = sessionTypeListSchema.parse((await admin.get(TYPES)).json()).items;
    expect(now.filter((i) => i.isIntake && i.active).map((i) => i.id)).toEqual([followUp.id]);
    // A new type created as the intake takes the flag the same way, and the move is audited.
    const created = await admin.post(TYPES, { ...COUPLES, code: 'intake_long', isIntake: true });
    expect(created.statusCode, created.body).toBe(201);
    const last = sessionTypeListSchema.parse((await admin.get(TYPES)).json()).items;
    expect(last.filter((i) => i.isIntake && i.active).map((i) => i.code)).toEqual(['intake_long']);
    const events = await t.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_events
        WHERE action = 'session_type.update' AND entity_id = $1`,
      [followUp.id],
    );
    expect(events[0]?.n).toBeGreaterThanOrEqual(2);
    // Back as it was, for the other tests.
    await admin.request('PATCH', `${TYPES}/${intake.id}`, { isIntake: true });
  });
});
