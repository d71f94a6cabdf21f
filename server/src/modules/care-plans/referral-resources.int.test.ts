import type { ReferralResource } from '@anxin/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMember } from '../../test/identity-fixtures.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { testBackend } from '../../test/test-database.ts';
import { seedOrganizationDefaults } from '../organizations/organization.service.ts';
import { counselorWithSession } from '../records/test-support/records-fixtures.ts';
import { sessionFor, signedInMember } from '../scheduling/appointment-fixtures.ts';
import { RESOURCES } from './test-support/care-plans-fixtures.ts';

const HOSPITAL = {
  kind: 'hospital',
  nameZh: '市精神卫生中心',
  nameEn: 'City Mental Health Centre',
  phone: '010-8295 1332',
  address: '1 Example Road',
  hours: 'Mon–Fri 08:00–17:00; emergency department 24 hours',
};

describe(`the referral directory (C6) on ${testBackend()}`, () => {
  let t: TestApp;
  let admin: Awaited<ReturnType<typeof sessionFor>>;
  let organizationId: string;
  beforeAll(async () => {
    t = await createTestApp();
    const member = await createMember(t, ['administrator'], 'directory-admin');
    organizationId = member.organizationId;
    admin = await sessionFor(t, member, ['administrator']);
  });
  afterAll(() => t.close());

  it('starts every organisation with 12356, 120 and 110, once however often it is seeded', async () => {
    await seedOrganizationDefaults(t.database.db, organizationId);
    const res = await admin.get(RESOURCES);
    expect(res.statusCode).toBe(200);
    const items = res.json<{ items: ReferralResource[] }>().items;
    expect(items.map((r) => [r.code, r.kind, r.phone, r.nameZh])).toEqual([
      ['crisis_line_12356', 'crisis_line', '12356', '全国心理援助热线'],
      ['emergency_120', 'emergency', '120', '急救'],
      ['police_110', 'emergency', '110', '报警'],
    ]);
    // No invented hospital: those are the organisation's to add.
    expect(items.some((r) => r.kind === 'hospital')).toBe(false);
  });

  it('lets administrators add, edit and retire entries, audited, and names bad fields', async () => {
    const bad = await admin.post(RESOURCES, {
      ...HOSPITAL,
      kind: 'clinic',
      phone: 'call us',
      nameEn: '',
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json<{ errors: { path: string }[] }>()
        .errors.map((e) => e.path)
        .sort(),
    ).toEqual(['body.kind', 'body.nameEn', 'body.phone']);
    const created = await admin.post(RESOURCES, HOSPITAL);
    expect(created.statusCode).toBe(201);
    const entry = created.json<ReferralResource>();
    expect(entry).toMatchObject({ ...HOSPITAL, code: null, active: true, notes: null });

    const edited = await admin.request('PATCH', `${RESOURCES}/${entry.id}`, {
      notes: 'Ask for the duty psychiatrist.',
      address: '',
    });
    expect(edited.json<ReferralResource>()).toMatchObject({
      notes: 'Ask for the duty psychiatrist.',
      address: null,
    });
    const badEdit = await admin.request('PATCH', `${RESOURCES}/${entry.id}`, { phone: '1' });
    expect(badEdit.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe('body.phone');
    const retired = await admin.request('PATCH', `${RESOURCES}/${entry.id}`, { active: false });
    expect(retired.json<ReferralResource>().active).toBe(false);

    const counselor = await counselorWithSession(t, 'directory-reader');
    const shown = (await counselor.http.get(`${RESOURCES}?includeInactive=true`)).json<{
      items: ReferralResource[];
    }>();
    expect(shown.items.map((r) => r.id)).not.toContain(entry.id);
    const all = (await admin.get(`${RESOURCES}?includeInactive=true`)).json<{
      items: ReferralResource[];
    }>();
    expect(all.items.map((r) => r.id)).toContain(entry.id);

    const events = await t.database.query<{ action: string; changes: unknown }>(
      `SELECT action, changes FROM audit_events WHERE entity_id = $1 ORDER BY seq`,
      [entry.id],
    );
    expect(events.map((e) => e.action)).toEqual([
      'referral_resource.create',
      'referral_resource.update',
      'referral_resource.update',
    ]);
    expect(events[1]?.changes).toMatchObject({
      notes: { old: null, new: 'Ask for the duty psychiatrist.' },
    });
  });

  it('is read by counselors, operators and supervisors, managed only by administrators', async () => {
    const counselor = await counselorWithSession(t, 'directory-counselor');
    const operator = await sessionFor(t, await createMember(t, ['operator'], 'dir-op'), [
      'operator',
    ]);
    const supervisor = await sessionFor(t, await createMember(t, ['supervisor'], 'dir-sup'), [
      'supervisor',
    ]);
    const client = await signedInMember(t, 'dir-client');
    for (const http of [counselor.http, operator, supervisor])
      expect((await http.get(RESOURCES)).statusCode).toBe(200);
    expect((await client.client.get(RESOURCES)).statusCode).toBe(403);
    for (const http of [counselor.http, operator, supervisor])
      expect((await http.post(RESOURCES, HOSPITAL)).statusCode).toBe(403);
    const [first] = (await admin.get(RESOURCES)).json<{ items: ReferralResource[] }>().items;
    expect(
      (await counselor.http.request('PATCH', `${RESOURCES}/${first?.id}`, { active: false }))
        .statusCode,
    ).toBe(403);
  });
});
