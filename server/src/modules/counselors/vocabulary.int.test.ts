import { DEFAULT_COUNSELOR_SETTINGS, problemSchema, vocabularyListSchema } from '@anxin/common';
import { and, eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../platform/db/schema/index.ts';
import { TestClient } from '../../test/http-client.ts';
import { createMember, signedInClient } from '../../test/identity-fixtures.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';

const VOCAB = '/api/v1/vocabularies';
const SETTINGS = '/api/v1/settings/counselors';

describe('vocabularies and counselor settings', () => {
  let t: TestApp;
  let admin: TestClient;
  let counselor: TestClient;
  let client: TestClient;
  let visitor: TestClient;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await signedInClient(t, await createMember(t, ['administrator'], 'admin'));
    counselor = await signedInClient(t, await createMember(t, ['counselor'], 'counselor'));
    client = await signedInClient(t, await createMember(t, ['client'], 'client'));
    visitor = new TestClient(t.app);
  });
  afterAll(() => t.close());

  const codes = async (c: TestClient, query: string) => {
    const res = await c.get(`${VOCAB}?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return vocabularyListSchema.parse(res.json()).items.map((i) => i.code);
  };
  const eventsOf = (action: string, entityId: string) =>
    t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, action), eq(auditEvents.entityId, entityId)));

  it('offers the seeded terms to visitors, in their order', async () => {
    const specialties = await codes(visitor, 'kind=specialty');
    expect(specialties.slice(0, 3)).toEqual(['anxiety', 'depression', 'relationships']);
    expect(await codes(visitor, 'kind=language')).toEqual(['zh', 'yue', 'en']);
    const all = vocabularyListSchema.parse((await visitor.get(VOCAB)).json()).items;
    expect(new Set(all.map((i) => i.kind))).toEqual(
      new Set(['specialty', 'approach', 'language', 'qualification_type']),
    );
  });

  it('lets administrators add a term, audited, and refuses a taken code naming it', async () => {
    const body = { kind: 'specialty', code: 'eating', labelZh: '进食障碍', labelEn: 'Eating' };
    const res = await admin.post(VOCAB, { ...body, sortOrder: 5 });
    expect(res.statusCode, res.body).toBe(201);
    const term = res.json<{ id: string }>();
    expect(res.json()).toMatchObject({ ...body, active: true, sortOrder: 5, qualifies: true });
    expect((await codes(visitor, 'kind=specialty'))[0]).toBe('eating');
    const [event] = await eventsOf('vocabulary.create', term.id);
    expect(event?.changes).toMatchObject({ code: { old: null, new: 'eating' } });

    const dup = await admin.post(VOCAB, body);
    expect(dup.statusCode).toBe(409);
    expect(problemSchema.parse(dup.json())).toMatchObject({
      code: 'conflict',
      errors: [{ path: 'body.code' }],
    });
    // The same code in another vocabulary is another term.
    expect((await admin.post(VOCAB, { ...body, kind: 'approach' })).statusCode).toBe(201);
  });

  it('refuses other people: counselors and clients 403, visitors 401', async () => {
    const body = { kind: 'language', code: 'fr', labelZh: '法语', labelEn: 'French' };
    expect((await counselor.post(VOCAB, body)).statusCode).toBe(403);
    expect((await client.post(VOCAB, body)).statusCode).toBe(403);
    expect((await visitor.post(VOCAB, body)).statusCode).toBe(401);
    const [term] = vocabularyListSchema.parse(
      (await visitor.get(`${VOCAB}?kind=language`)).json(),
    ).items;
    const patch = await counselor.request('PATCH', `${VOCAB}/${term?.id ?? ''}`, { active: false });
    expect(patch.statusCode).toBe(403);
    expect(await codes(visitor, 'kind=language')).toContain(term?.code);
  });

  it('retires a term: hidden from the default list, shown to administrators who ask', async () => {
    const created = await admin.post(VOCAB, {
      kind: 'approach',
      code: 'gestalt',
      labelZh: '格式塔',
      labelEn: 'Gestalt',
    });
    const { id } = created.json<{ id: string }>();
    const res = await admin.request('PATCH', `${VOCAB}/${id}`, {
      active: false,
      labelEn: 'Gestalt therapy',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ active: false, labelEn: 'Gestalt therapy' });
    expect(await codes(visitor, 'kind=approach')).not.toContain('gestalt');
    expect(await codes(admin, 'kind=approach')).not.toContain('gestalt');
    expect(await codes(admin, 'kind=approach&includeRetired=true')).toContain('gestalt');
    // Only editors may see retired terms, whatever they ask for.
    expect(await codes(counselor, 'kind=approach&includeRetired=true')).not.toContain('gestalt');
    expect(await codes(visitor, 'kind=approach&includeRetired=true')).not.toContain('gestalt');
    const [event] = await eventsOf('vocabulary.update', id);
    expect(event?.changes).toEqual({
      active: { old: true, new: false },
      labelEn: { old: 'Gestalt', new: 'Gestalt therapy' },
    });
    // A retired code stays taken: old profiles still name it.
    const again = await admin.post(VOCAB, {
      kind: 'approach',
      code: 'gestalt',
      labelZh: '格',
      labelEn: 'G',
    });
    expect(again.statusCode).toBe(409);
  });

  it('answers 404 for an unknown term', async () => {
    const res = await admin.request('PATCH', `${VOCAB}/${randomUUID()}`, { active: false });
    expect(res.statusCode).toBe(404);
  });

  it('shows settings to staff (defaults first) and not to clients or visitors', async () => {
    const res = await counselor.get(SETTINGS);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(DEFAULT_COUNSELOR_SETTINGS);
    expect((await client.get(SETTINGS)).statusCode).toBe(403);
    expect((await visitor.get(SETTINGS)).statusCode).toBe(401);
  });

  it('lets administrators change settings, audited with old and new values', async () => {
    const next = { ...DEFAULT_COUNSELOR_SETTINGS, ceHoursPerYear: 30, reminderDays: [30, 7] };
    expect((await counselor.request('PUT', SETTINGS, next)).statusCode).toBe(403);
    const res = await admin.request('PUT', SETTINGS, next);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual(next);
    expect((await counselor.get(SETTINGS)).json()).toEqual(next);
    const org = (await t.database.query<{ id: string }>(`SELECT id FROM organizations`))[0];
    const [event] = await eventsOf('counselor_settings.update', org?.id ?? '');
    expect(event?.changes).toEqual({
      ceHoursPerYear: { old: 20, new: 30 },
      reminderDays: { old: [60, 30, 7], new: [30, 7] },
    });
    const bad = await admin.request('PUT', SETTINGS, { ...next, recheckCycleMonths: 0 });
    expect(bad.statusCode).toBe(400);
    expect(problemSchema.parse(bad.json()).errors?.[0]?.path).toBe('body.recheckCycleMonths');
  });
});
