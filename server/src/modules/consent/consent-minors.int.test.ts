import type { Appointment, ConsentList, PendingConsentList, Problem } from '@anxin/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import {
  APPOINTMENTS,
  book,
  openCounselor,
  sessionFor,
  signedInAdministrator,
  signedInMember,
  slotAt,
} from '../scheduling/appointment-fixtures.ts';
import { createMember } from '../../test/identity-fixtures.ts';
import { consentKit, MINE } from './test-support/consent-kit.ts';

/** Consent (B3, B4, B10, C11) through the API, from documents to withdrawal. */

type Kit = ReturnType<typeof consentKit>;
describe('consent', () => {
  let t: TestApp;
  let admin: Awaited<ReturnType<typeof signedInAdministrator>>;
  let counselor: Awaited<ReturnType<typeof openCounselor>>;
  let sign: Kit['sign'];
  let setAge: Kit['setAge'];
  let linkGuardian: Kit['linkGuardian'];
  beforeAll(async () => {
    t = await createTestApp();
    admin = await signedInAdministrator(t);
    counselor = await openCounselor(t, { name: 'consent-c' });
    ({ sign, setAge, linkGuardian } = consentKit(t, admin));
  });
  afterAll(() => t.close());

  describe('minors and guardians (C11)', () => {
    it('under 14: only a verified guardian’s signature opens the gate', async () => {
      const minor = await signedInMember(t, 'child', true, false);
      await setAge(minor.userId, minor.organizationId, 12);
      await sign(minor.client);
      const own = await book(minor.client, counselor.profileId, slotAt(8, 10));
      expect(own.res.json<Problem>().code).toBe('consent_required');
      const pending = (await minor.client.get(`${MINE}/pending`)).json<PendingConsentList>();
      expect(pending.items.map((i) => i.reason)).toEqual([
        'guardian_needed',
        'guardian_needed',
        'guardian_needed',
      ]);

      // A guardian not (yet) verified cannot sign for the child.
      const stranger = await createMember(t, ['client'], 'stranger');
      const sc = await sessionFor(t, stranger, ['client']);
      expect((await sign(sc, { subjectUserId: minor.userId })).statusCode).toBe(404);

      const guardian = await linkGuardian(minor.email);
      expect((await sign(guardian.client, { subjectUserId: minor.userId })).statusCode).toBe(200);
      const ok = await book(minor.client, counselor.profileId, slotAt(8, 10));
      expect(ok.res.statusCode).toBe(201);
      // The guardian reads the child's consents, and each read is audited (the answer to the
      // signing above was one); a stranger gets a 404.
      const reads = () =>
        t.database.query(
          `SELECT 1 FROM audit_events WHERE action = 'consent.read' AND subject_id = $1`,
          [minor.userId],
        );
      const before = (await reads()).length;
      const theirConsents = await guardian.client.get(`${MINE}?subjectUserId=${minor.userId}`);
      expect(theirConsents.json<ConsentList>().current.map((c) => c.signer)).toEqual([
        'guardian',
        'guardian',
        'guardian',
      ]);
      expect(await reads()).toHaveLength(before + 1);
      expect((await sc.get(`${MINE}?subjectUserId=${minor.userId}`)).statusCode).toBe(404);

      // The guardian sees the appointment (not who the client is, nor any action) …
      const seen = await guardian.client.get(`${APPOINTMENTS}/${ok.body.id}`);
      expect(seen.statusCode).toBe(200);
      expect(seen.json<Appointment>()).toMatchObject({ clientUserId: null, actions: [] });
      const list = (await guardian.client.get(`${APPOINTMENTS}?scope=mine`)).json<{
        items: Appointment[];
      }>();
      expect(list.items.map((a) => a.id)).toEqual([ok.body.id]);
      expect(
        (await guardian.client.post(`${APPOINTMENTS}/${ok.body.id}/cancel`, {})).statusCode,
      ).toBe(403);
      // … but nothing of anyone else: another client's appointment is a 404.
      const other = await signedInMember(t, 'other-client');
      const theirs = await book(other.client, counselor.profileId, slotAt(9, 10));
      expect((await guardian.client.get(`${APPOINTMENTS}/${theirs.body.id}`)).statusCode).toBe(404);
      // Nor the child's ledger, which holds no appointment content either.
      const ledger = await guardian.client.get(`/api/v1/ledger?clientId=${minor.userId}`);
      expect([403, 404]).toContain(ledger.statusCode);

      // A revoked link stops counting at once.
      await admin.client.post(`/api/v1/guardianships/${guardian.linkId}/revoke`, {});
      expect((await guardian.client.get(`${APPOINTMENTS}/${ok.body.id}`)).statusCode).toBe(404);
      expect(
        (await book(minor.client, counselor.profileId, slotAt(9, 14))).res.json<Problem>().code,
      ).toBe('consent_required');
    });

    it('14–17: follows the organisation setting (both by default, then self, then guardian)', async () => {
      const teen = await signedInMember(t, 'teen', true, false);
      await setAge(teen.userId, teen.organizationId, 15);
      const guardian = await linkGuardian(teen.email);
      const code = async (hour: number) =>
        (await book(teen.client, counselor.profileId, slotAt(10, hour))).res.statusCode;

      await sign(teen.client);
      expect(await code(9)).toBe(403);
      await sign(guardian.client, { subjectUserId: teen.userId });
      expect(await code(9)).toBe(201);

      const set = (minorSigner: string) =>
        admin.client.request('PUT', '/api/v1/settings/consent', { minorSigner });
      // 'guardian': the teen's own later signature no longer suffices.
      expect((await set('guardian')).statusCode).toBe(200);
      await sign(teen.client);
      expect(await code(12)).toBe(403);
      // 'self': it does.
      await set('self');
      expect(await code(12)).toBe(201);
      await set('both');
    });
  });

  describe('verbal consent of a hotline caller (B10)', () => {
    it('is recorded by an operator only, as verbal and signed by the operator', async () => {
      const operator = await createMember(t, ['operator'], 'operator');
      const oc = await sessionFor(t, operator, ['operator']);
      const callerId = crypto.randomUUID();
      const res = await oc.post('/api/v1/consents/verbal', {
        callerId,
        scopes: ['counseling', 'sensitive_processing'],
      });
      expect(res.statusCode).toBe(201);
      expect(res.json<ConsentList>().current).toHaveLength(2);
      const rows = await t.database.query<Record<string, string>>(
        `SELECT subject_type, method, signer, signer_user_id, status FROM consents
          WHERE subject_id = $1`,
        [callerId],
      );
      expect(rows).toHaveLength(2);
      for (const r of rows)
        expect(r).toEqual({
          subject_type: 'caller',
          method: 'verbal',
          signer: 'operator',
          signer_user_id: operator.userId,
          status: 'active',
        });
      const { client } = await signedInMember(t, 'not-operator');
      expect(
        (await client.post('/api/v1/consents/verbal', { callerId, scopes: ['counseling'] }))
          .statusCode,
      ).toBe(403);
    });
  });
});
