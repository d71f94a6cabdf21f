import type { AccessLogEntry, PersonalDataExport } from '@anxin/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardianships } from '../../../platform/db/schema/index.ts';
import { createMember } from '../../../test/identity-fixtures.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { buildCounselor } from '../../counselors/test-support/counselor-factory.ts';
import {
  sessionFor,
  signedInAdministrator,
  signedInMember,
} from '../../scheduling/appointment-fixtures.ts';
import { EXPORT_SOURCES } from './sources/index.ts';
import { seedPersonRecords } from './test-support/export-seed.ts';

const EXPORT = '/api/v1/privacy/me/export';
const ACCESS_LOG = '/api/v1/privacy/me/access-log';
const names = [
  'account',
  'consents',
  'privacyRequests',
  'disclosures',
  'appointments',
  'careEpisodes',
  'ledgerEntries',
  'notifications',
  'guardianships',
  'accessLog',
] as const;
const counts = {
  appointments: 3,
  ledgerEntries: 2,
  consents: 2,
  requests: 2,
  disclosures: 1,
  notifications: 1,
  auditEvents: 3,
};

describe('personal data export (B3, B11)', () => {
  let t: TestApp;
  let alice: Awaited<ReturnType<typeof signedInMember>>;
  let bob: Awaited<ReturnType<typeof signedInMember>>;
  let counselorUserId: string;
  beforeAll(async () => {
    t = await createTestApp();
    const counselor = await buildCounselor(t, { name: 'liang' });
    counselorUserId = counselor.userId;
    alice = await signedInMember(t, 'alice');
    bob = await signedInMember(t, 'bob');
    const day = 86_400_000;
    for (const [person, marker, offset] of [
      [alice, 'ALICEMARK', 0],
      [bob, 'BOBMARK', 30 * day],
    ] as const) {
      await seedPersonRecords(t.database.db, t.ctx.vault, t.ctx.vault.keyring.auditKey, {
        organizationId: person.organizationId,
        userId: person.userId,
        counselorProfileId: counselor.profileId,
        staffUserId: counselor.userId,
        marker,
        firstStart: new Date(Date.now() - 10 * day - offset),
        counts,
      });
    }
    // Alice is the guardian of a minor; Bob of nobody.
    const minor = await createMember(t, ['client'], 'minorkid');
    await t.database.db.insert(guardianships).values({
      organizationId: alice.organizationId,
      guardianUserId: alice.userId,
      minorUserId: minor.userId,
      relationship: 'parent',
      status: 'active',
    });
  });
  afterAll(() => t.close());

  it('holds every source’s data of the person and nothing of anyone else', async () => {
    const res = await alice.client.get(EXPORT);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="anxin-personal-data-/,
    );
    const data = res.json<PersonalDataExport>();
    expect(data.subjectUserId).toBe(alice.userId);
    for (const source of EXPORT_SOURCES) {
      expect(data.sections[source.name]?.length ?? 0, source.name).toBeGreaterThan(0);
    }
    const section = (name: string) => data.sections[name] ?? [];
    const s = Object.fromEntries(names.map((n) => [n, section(n)])) as Record<
      (typeof names)[number],
      Record<string, unknown>[]
    >;
    expect(s.account[0]).toMatchObject({
      email: alice.email,
      realName: 'alice real',
      roles: ['client'],
    });
    // Three granted by the fixture plus the two seeded withdrawn ones: the whole history.
    expect(s.consents).toHaveLength(5);
    expect(s.appointments).toHaveLength(3);
    expect(s.appointments.map((a) => a.cancellationReason)).toContain('ALICEMARK cancel reason 1');
    expect(s.ledgerEntries).toHaveLength(2);
    expect(s.privacyRequests.map((r) => r.answer)).toContain('ALICEMARK answer 0');
    expect(s.disclosures[0]).toMatchObject({
      recipient: 'ALICEMARK court 0',
      content: 'ALICEMARK disclosed 0',
    });
    expect(s.notifications[0]).toMatchObject({ channel: 'in_app' });
    expect(s.guardianships[0]).toMatchObject({ myRole: 'guardian', minor: 'minorkid' });
    expect(s.careEpisodes[0]).toMatchObject({ counselor: 'liang' });
    expect(s.accessLog.filter((e) => e.action === 'appointment.read')).toHaveLength(3);
    expect(s.accessLog[0]).toMatchObject({ actorName: 'liang', actorRole: 'counselor' });

    const text = res.body;
    expect(text).toContain('ALICEMARK');
    for (const foreign of ['BOBMARK', bob.email, bob.userId, 'bob real']) {
      expect(text).not.toContain(foreign);
    }
  });

  it('is audited in the same transaction, and so is reading the access log', async () => {
    const before = await t.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'privacy.export' AND subject_id = $1`,
      [bob.userId],
    );
    expect((await bob.client.get(EXPORT)).statusCode).toBe(200);
    expect((await bob.client.get(`${EXPORT}.html`)).statusCode).toBe(200);
    const after = await t.database.query<{ n: number; formats: string[] }>(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'privacy.export' AND subject_id = $1`,
      [bob.userId],
    );
    expect((after[0]?.n ?? 0) - (before[0]?.n ?? 0)).toBe(2);

    const log = await bob.client.get(`${ACCESS_LOG}?limit=2`);
    expect(log.statusCode).toBe(200);
    const page = log.json<{ items: AccessLogEntry[]; nextBefore: number | null }>();
    expect(page.items).toHaveLength(2);
    expect(page.nextBefore).not.toBeNull();
    // The newest entries are Bob's own exports, marked as his.
    expect(page.items[0]).toMatchObject({ action: 'privacy.export', self: true, actorName: null });
    const next = await bob.client.get(`${ACCESS_LOG}?limit=50&before=${page.nextBefore}`);
    const rest = next.json<{ items: AccessLogEntry[] }>().items;
    expect(rest.map((e) => e.id)).not.toContain(page.items[0]?.id);
    expect(rest.filter((e) => e.action === 'appointment.read')).toHaveLength(3);
    const reads = await t.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'privacy.access_log.read' AND subject_id = $1`,
      [bob.userId],
    );
    expect(reads[0]?.n).toBe(2);
  });

  it('shows staff by name, other clients by role only', async () => {
    const admin = await signedInAdministrator(t);
    const reqs = await alice.client.get('/api/v1/privacy-requests/mine');
    const id = reqs.json<{ items: { id: string }[] }>().items[0]?.id ?? '';
    await admin.client.get(`/api/v1/privacy-requests/${id}`);
    const log = (await alice.client.get(ACCESS_LOG)).json<{ items: AccessLogEntry[] }>().items;
    expect(log.find((e) => e.action === 'privacy_request.read')).toMatchObject({
      actorName: 'admin',
      actorRole: 'administrator',
      self: false,
    });
    expect(log.every((e) => e.actorName !== 'alice')).toBe(true);
    expect(counselorUserId).toBeTruthy();
  });

  it('renders a readable, escaped HTML document in the person’s language', async () => {
    await t.database.query(`UPDATE users SET display_name = $2, locale = 'en' WHERE id = $1`, [
      alice.userId,
      '<script>alert(1)</script>',
    ]);
    const client = await sessionFor(t, alice, ['client']);
    const res = await client.get(`${EXPORT}.html`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename=".*\.html"$/);
    expect(res.headers['content-security-policy']).toMatch(/default-src 'none'/);
    expect(res.headers['content-security-policy']).not.toMatch(/script-src/);
    expect(res.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(res.body).not.toContain('<script');
    expect(res.body).toContain('Who accessed my records');
    expect(res.body).toContain('ALICEMARK disclosed 0');
    expect(res.body).not.toContain('BOBMARK');

    await t.database.query(`UPDATE users SET locale = 'zh-CN' WHERE id = $1`, [alice.userId]);
    const zh = await client.get(`${EXPORT}.html`);
    expect(zh.body).toContain('谁访问过我的记录');
    expect(zh.body).toContain('<html lang="zh-CN">');
  });

  it('needs a signed-in person', async () => {
    const res = await t.app.inject({ method: 'GET', url: EXPORT });
    expect(res.statusCode).toBe(401);
  });
});
