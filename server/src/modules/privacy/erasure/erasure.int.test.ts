import type { ErasureCertificate, Seal, SealDetail } from '@anxin/common';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataKeys, seals, users } from '../../../platform/db/schema/index.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { testBackend } from '../../../test/test-database.ts';
import {
  clientMember,
  openCounselor,
  signedInAdministrator,
} from '../../scheduling/appointment-fixtures.ts';
import { clientWithData, dumpDatabase, type Dump } from './erasure-fixtures.ts';

let t: TestApp;
let admin: Awaited<ReturnType<typeof signedInAdministrator>>;
let counselor: Awaited<ReturnType<typeof openCounselor>>;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signedInAdministrator(t);
  counselor = await openCounselor(t);
});
afterAll(() => t.close());

/** Every encrypted value of one person in a dump: table, column, the field it is bound to, id. */
const PERSON_FIELDS = [
  { table: 'users', owner: 'id', column: 'email_enc', field: 'email' },
  { table: 'users', owner: 'id', column: 'phone_enc', field: 'phone' },
  { table: 'users', owner: 'id', column: 'real_name_enc', field: 'realName' },
  { table: 'users', owner: 'id', column: 'birth_date_enc', field: 'birthDate' },
  { table: 'mfa_totp', owner: 'user_id', column: 'secret_enc', field: 'secret' },
  {
    table: 'appointments',
    owner: 'client_user_id',
    column: 'cancellation_reason_enc',
    field: 'cancellation_reason',
  },
  { table: 'consents', owner: 'subject_id', column: 'ip_enc', field: 'ip' },
  {
    table: 'notification_outbox',
    owner: 'key_owner_id',
    column: 'recipient_enc',
    field: 'recipient',
  },
  { table: 'notification_outbox', owner: 'key_owner_id', column: 'payload_enc', field: 'payload' },
  { table: 'privacy_requests', owner: 'subject_user_id', column: 'detail_enc', field: 'detail' },
] as const;

function sensitiveValuesOf(dump: Dump, personId: string) {
  return PERSON_FIELDS.flatMap((f) =>
    (dump.get(f.table) ?? []).flatMap((row) => {
      const value = row[f.column];
      const recordId = f.table === 'mfa_totp' ? row.user_id : row.id;
      return row[f.owner] === personId && value && recordId
        ? [{ ref: { table: f.table, field: f.field, recordId }, value }]
        : [];
    }),
  );
}

/** Decrypts with the live vault (master key present) after putting the dump's key row back. */
async function decryptWithRestoredKey(
  personId: string,
  keyRow: Record<string, string | null>,
  v: {
    ref: { table: string; field: string; recordId: string };
    value: string;
  },
) {
  await t.database.db
    .update(dataKeys)
    .set({
      wrappedKey: keyRow.wrapped_key ?? null,
      masterKeyId: keyRow.master_key_id ?? null,
      destroyedAt: null,
      shareDestroyedAt: null,
    })
    .where(and(eq(dataKeys.ownerType, 'person'), eq(dataKeys.ownerId, personId)));
  const scope = t.ctx.vault.scope(t.database.db, admin.organizationId);
  return scope.decrypt({ type: 'person', id: personId }, v.ref, v.value);
}

async function erase(requestId: string) {
  const res = await admin.client.post(`/api/v1/privacy-requests/${requestId}/erase`);
  return { res, body: res.json<ErasureCertificate>() };
}

describe(`erasure on ${testBackend()}`, () => {
  it('crypto-shreds: no sensitive field of the person in an EARLIER dump can be decrypted', async () => {
    const client = await clientMember(t, 'shredded');
    const ids = await clientWithData(t, {
      organizationId: admin.organizationId,
      counselorId: counselor.profileId,
      clientUserId: client.userId,
    });
    const earlier = await dumpDatabase(t);
    const values = sensitiveValuesOf(earlier, client.userId);
    // Every kind of field is there: e-mail, phone, name, birth date, reason, address, message, request.
    expect(new Set(values.map((v) => `${v.ref.table}.${v.ref.field}`)).size).toBeGreaterThanOrEqual(
      9,
    );
    const keyRow = earlier
      .get('data_keys')
      ?.find((r) => r.owner_type === 'person' && r.owner_id === client.userId);
    expect(keyRow?.wrapped_key).toBeTruthy();
    if (!keyRow) return;
    // Before the erasure the earlier dump is readable: the check below can fail.
    for (const v of values) {
      await expect(decryptWithRestoredKey(client.userId, keyRow, v)).resolves.toBeTypeOf('string');
    }

    const { res, body } = await erase(ids.requestId);
    expect(res.statusCode, res.body).toBe(200);
    expect(body.subjectUserId).toBe(client.userId);

    // The live key row is gone; putting the earlier one back does not help.
    const [live] = await t.database.db
      .select()
      .from(dataKeys)
      .where(and(eq(dataKeys.ownerType, 'person'), eq(dataKeys.ownerId, client.userId)));
    expect(live?.wrappedKey).toBeNull();
    expect(live?.shareDestroyedAt).not.toBeNull();
    for (const v of values) {
      await expect(decryptWithRestoredKey(client.userId, keyRow, v)).rejects.toThrow();
    }
    // Nothing of the person is left in clear or under their key in the live database.
    const [tomb] = await t.database.db.select().from(users).where(eq(users.id, client.userId));
    expect(tomb).toMatchObject({
      status: 'erased',
      emailEnc: null,
      emailIndex: null,
      phoneEnc: null,
      phoneIndex: null,
      realNameEnc: null,
      birthDateEnc: null,
    });
    expect(tomb?.displayName).not.toContain('shredded');
    const after = await dumpDatabase(t);
    const personKeyed = sensitiveValuesOf(after, client.userId).filter(
      (v) => v.ref.table !== 'appointments' && v.ref.table !== 'privacy_requests',
    );
    expect(personKeyed).toEqual([]);
  });

  it('seals records under their floor, readable only through break-glass; certificate says until when', async () => {
    const client = await clientMember(t, 'sealed');
    const ids = await clientWithData(
      t,
      {
        organizationId: admin.organizationId,
        counselorId: counselor.profileId,
        clientUserId: client.userId,
      },
      365,
    );
    const { res, body } = await erase(ids.requestId);
    expect(res.statusCode, res.body).toBe(200);
    const reasons = body.sealed.find((s) => s.category === 'appointment_cancellation_reasons');
    expect(reasons).toMatchObject({ count: 1, reason: 'retention_floor' });
    // Ten years after the episode closed (a year ago): about nine years from now.
    const until = new Date(reasons?.sealedUntil ?? 0).getTime();
    expect(until).toBeGreaterThan(Date.now() + 8.9 * 365 * 86_400_000);
    expect(until).toBeLessThan(Date.now() + 9.1 * 365 * 86_400_000);
    expect(body.erased.map((e) => e.category)).toEqual(
      expect.arrayContaining(['notifications', 'consent_addresses', 'identity_and_contact']),
    );
    expect(JSON.stringify(body)).not.toContain('hospital');

    // The request is completed and carries the certificate.
    const [request] = await t.database.query<{ status: string; certificate: unknown }>(
      'SELECT status, certificate FROM privacy_requests WHERE id = $1',
      [ids.requestId],
    );
    expect(request?.status).toBe('completed');
    expect(request?.certificate).toMatchObject({ subjectUserId: client.userId });

    const list = await admin.client.get('/api/v1/seals');
    expect(list.statusCode).toBe(200);
    const seal = list
      .json<{ items: Seal[] }>()
      .items.find((s) => s.subjectUserId === client.userId && s.recordType === 'counseling_record');
    expect(seal).toBeDefined();
    expect(list.body).not.toContain('hospital');
    if (!seal) return;

    // Without a grant: refused. A client: hidden.
    expect((await admin.client.get(`/api/v1/seals/${seal.id}`)).statusCode).toBe(403);
    const other = await (
      await import('../../scheduling/appointment-fixtures.ts')
    ).signedInMember(t, 'nosy');
    expect((await other.client.get(`/api/v1/seals/${seal.id}`)).statusCode).toBe(404);
    expect((await other.client.get('/api/v1/seals')).statusCode).toBe(404);

    const grant = await admin.client.post(`/api/v1/seals/${seal.id}/break-glass`, {
      reason: 'court order 2026-17',
      minutes: 15,
    });
    expect(grant.statusCode, grant.body).toBe(201);
    const read = await admin.client.get(`/api/v1/seals/${seal.id}`);
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json<SealDetail>().records).toEqual([
      {
        table: 'appointments',
        id: ids.appointmentId,
        fields: { cancellation_reason: 'my mother was in hospital' },
      },
    ]);
    const events = await t.database.query<{ action: string }>(
      `SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY seq`,
      [seal.id],
    );
    expect(events.map((e) => e.action)).toEqual(['seal.create', 'break_glass.start', 'seal.read']);
  });

  it('keeps statistics: appointment counts per counselor unchanged, the user row a tombstone', async () => {
    const client = await clientMember(t, 'counted');
    const ids = await clientWithData(t, {
      organizationId: admin.organizationId,
      counselorId: counselor.profileId,
      clientUserId: client.userId,
    });
    const count = () =>
      t.database.db.execute(
        sql`SELECT count(*)::int AS n FROM appointments WHERE counselor_id = ${counselor.profileId}`,
      );
    const before = JSON.stringify(await count());
    expect((await erase(ids.requestId)).res.statusCode).toBe(200);
    expect(JSON.stringify(await count())).toBe(before);
    const [row] = await t.database.db.select().from(users).where(eq(users.id, client.userId));
    expect(row?.status).toBe('erased');
    // A second erase of the same request is refused, and nothing is sealed twice.
    expect((await erase(ids.requestId)).res.statusCode).toBe(409);
    const sealed = await t.database.db
      .select()
      .from(seals)
      .where(eq(seals.subjectUserId, client.userId));
    expect(sealed.map((s) => s.recordType).sort()).toEqual([
      'counseling_record',
      'privacy_request',
    ]);
  });

  it('hides the erase action from anyone without the permission', async () => {
    const client = await clientMember(t, 'kept');
    const ids = await clientWithData(t, {
      organizationId: admin.organizationId,
      counselorId: counselor.profileId,
      clientUserId: client.userId,
    });
    const res = await counselor.client.post(`/api/v1/privacy-requests/${ids.requestId}/erase`);
    expect(res.statusCode).toBe(404);
  });
});
