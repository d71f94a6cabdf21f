import { randomUUID } from 'node:crypto';
import { problemSchema, relationshipListSchema, relationshipSchema } from '@anxin/common';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../platform/auth/passwords.ts';
import { auditEvents, users } from '../../platform/db/schema/index.ts';
import type { TestClient } from '../../test/http-client.ts';
import { createMember, PASSWORD, signedInClient } from '../../test/identity-fixtures.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { createPerson } from '../identity/setup.service.ts';
import { hasDeclaredConflict } from './counselor-eligibility.ts';
import { buildCounselor } from './test-support/counselor-factory.ts';

const DESCRIPTION = 'Former colleague at the Haidian clinic';

/** A different address of exactly the same length, so only the account behind it differs. */
const sameLengthUnknown = (email: string) => {
  const at = email.indexOf('@');
  const local = email.slice(0, at);
  return `${'z'.repeat(local.length)}${email.slice(at)}`;
};

describe('dual relationships (C2)', () => {
  let t: TestApp;
  let counselor: Awaited<ReturnType<typeof buildCounselor>>;
  let own: TestClient;
  let other: TestClient;
  let admin: TestClient;
  let org: string;
  const url = (id = counselor.profileId) => `/api/v1/counselor-profiles/${id}/relationships`;

  beforeAll(async () => {
    t = await createTestApp();
    counselor = await buildCounselor(t, { name: 'Declarer' });
    org = counselor.organizationId;
    own = await signedInClient(t, counselor.member);
    other = await signedInClient(t, (await buildCounselor(t, { name: 'Other' })).member);
    admin = await signedInClient(t, await createMember(t, ['administrator'], 'admin'));
  });
  afterAll(() => t.close());

  /** A client account with this e-mail, created after whatever the test declared. */
  const registerClient = (email: string) =>
    t.database.db.transaction(async (tx) =>
      createPerson(tx, t.ctx.vault, org, {
        email,
        realName: 'Later Client',
        displayName: 'later',
        roles: ['client'],
        passwordHash: await hashPassword(PASSWORD),
        isDemo: false,
        meta: null,
      }),
    );

  it('answers identically whether or not the identifier belongs to a client', async () => {
    const client = await createMember(t, ['client'], 'known');
    const unknown = sameLengthUnknown(client.email);
    const a = await own.post(url(), { clientIdentifier: client.email, description: DESCRIPTION });
    const b = await own.post(url(), { clientIdentifier: unknown, description: DESCRIPTION });
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(a.body.length).toBe(b.body.length);
    expect(a.headers['content-length']).toBe(b.headers['content-length']);
    const [ra, rb] = [relationshipSchema.parse(a.json()), relationshipSchema.parse(b.json())];
    expect(Object.keys(a.json<object>())).toEqual(Object.keys(b.json<object>()));
    expect({ ...ra, id: '', createdAt: '', clientIdentifier: '' }).toEqual({
      ...rb,
      id: '',
      createdAt: '',
      clientIdentifier: '',
    });
    expect(ra).toMatchObject({
      clientIdentifier: client.email,
      description: DESCRIPTION,
      endedAt: null,
    });
  });

  it('detects a declared pair when the client registered before the declaration', async () => {
    const client = await createMember(t, ['client'], 'before');
    const db = t.database.db;
    expect(await hasDeclaredConflict(db, org, counselor.profileId, client.userId)).toBe(false);
    await own.post(url(), {
      clientIdentifier: client.email.toUpperCase(),
      description: 'Neighbour',
    });
    expect(await hasDeclaredConflict(db, org, counselor.profileId, client.userId)).toBe(true);
  });

  it('detects it when the client registers after, by e-mail or by mobile number', async () => {
    const email = `Later.${randomUUID().slice(0, 8)}@Example.ORG`;
    await own.post(url(), { clientIdentifier: email, description: 'Cousin of my partner' });
    const { userId } = await registerClient(email.toLowerCase());
    const db = t.database.db;
    expect(await hasDeclaredConflict(db, org, counselor.profileId, userId)).toBe(true);

    await own.post(url(), { clientIdentifier: '+8613800138000', description: 'My landlord' });
    const phoneOwner = await createMember(t, ['client'], 'phone');
    await db
      .update(users)
      .set({ phoneIndex: t.ctx.vault.blindIndex('phone', '13800138000') })
      .where(eq(users.id, phoneOwner.userId));
    expect(await hasDeclaredConflict(db, org, counselor.profileId, phoneOwner.userId)).toBe(true);
    // Another counselor has declared nothing about these people.
    const otherProfile = (await buildCounselor(t, { name: 'Unrelated' })).profileId;
    expect(await hasDeclaredConflict(db, org, otherProfile, userId)).toBe(false);
  });

  it('stops blocking once ended, and ends only once', async () => {
    const client = await createMember(t, ['client'], 'ended');
    const created = relationshipSchema.parse(
      (await own.post(url(), { clientIdentifier: client.email, description: 'Old friend' })).json(),
    );
    const db = t.database.db;
    expect(await hasDeclaredConflict(db, org, counselor.profileId, client.userId)).toBe(true);
    const ended = await own.post(`${url()}/${created.id}/end`);
    expect(ended.statusCode, ended.body).toBe(200);
    expect(relationshipSchema.parse(ended.json()).endedAt).not.toBeNull();
    expect(await hasDeclaredConflict(db, org, counselor.profileId, client.userId)).toBe(false);
    expect((await own.post(`${url()}/${created.id}/end`)).statusCode).toBe(409);
    expect((await own.post(`${url()}/${randomUUID()}/end`)).statusCode).toBe(404);
  });

  it('lists them for the counselor and administrators, audited; others get the 404 of a missing id', async () => {
    const list = await own.get(url());
    expect(list.statusCode).toBe(200);
    const items = relationshipListSchema.parse(list.json()).items;
    expect(items.length).toBeGreaterThanOrEqual(5);
    expect(items.some((i) => i.description === DESCRIPTION)).toBe(true);
    expect((await admin.get(url())).statusCode).toBe(200);
    const reads = await t.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'counselor.relationships.read'));
    expect(reads.length).toBe(2);
    expect(reads.every((e) => e.subjectId === counselor.userId)).toBe(true);

    const missing = await other.get(url(randomUUID()));
    const hidden = await other.get(url());
    expect([hidden.statusCode, missing.statusCode]).toEqual([404, 404]);
    const strip = (body: string) => ({ ...problemSchema.parse(JSON.parse(body)), requestId: '' });
    expect(strip(hidden.body)).toEqual(strip(missing.body));
    const write = await other.post(url(), { description: 'Not mine to declare' });
    expect(write.statusCode).toBe(404);
    // Administrators read but do not declare on someone's behalf.
    expect((await admin.post(url(), { description: 'On their behalf' })).statusCode).toBe(403);
  });

  it('refuses an identifier that is neither an e-mail nor a mobile number', async () => {
    const res = await own.post(url(), { clientIdentifier: 'not-an-address', description: 'x y' });
    expect(res.statusCode).toBe(400);
    expect(problemSchema.parse(res.json()).errors?.[0]?.path).toMatch(/^body\.clientIdentifier/);
  });

  it('keeps descriptions and identifiers only encrypted, and out of the logs', async () => {
    const rows = await t.database.query<Record<string, unknown>>(
      `SELECT * FROM counselor_relationships`,
    );
    expect(rows.length).toBeGreaterThan(0);
    const dump = JSON.stringify(rows);
    expect(dump).not.toContain(DESCRIPTION);
    expect(dump).not.toContain('Haidian');
    expect(dump).not.toContain('@example');
    expect(dump).not.toContain('13800138000');
    const logs = t.logs.join('\n');
    expect(logs).not.toContain('Haidian');
    expect(logs).not.toContain('13800138000');
  });
});
