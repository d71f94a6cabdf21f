import type {
  ConsentList,
  ConsentWithdrawal,
  PendingConsentList,
  PolicyDocument,
  Problem,
} from '@anxin/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import {
  APPOINTMENTS,
  book,
  insertAppointmentRow,
  openCounselor,
  signedInAdministrator,
  signedInMember,
  slotAt,
} from '../scheduling/appointment-fixtures.ts';
import { grantConsents } from './test-support/consent-fixtures.ts';
import { consentKit, DOCS, MINE } from './test-support/consent-kit.ts';

const HOUR = 3_600_000;

/** Consent (B3, B4, B10, C11) through the API, from documents to withdrawal. */

type Kit = ReturnType<typeof consentKit>;
describe('consent', () => {
  let t: TestApp;
  let admin: Awaited<ReturnType<typeof signedInAdministrator>>;
  let counselor: Awaited<ReturnType<typeof openCounselor>>;
  let current: Kit['current'];
  let sign: Kit['sign'];
  let publish: Kit['publish'];
  beforeAll(async () => {
    t = await createTestApp();
    admin = await signedInAdministrator(t);
    counselor = await openCounselor(t, { name: 'consent-c' });
    ({ current, sign, publish } = consentKit(t, admin));
  });
  afterAll(() => t.close());

  describe('documents (A12)', () => {
    it('seeds version 1 of each kind, in force, stating the confidentiality exceptions', async () => {
      const docs = await current(admin.client);
      expect(docs.map((d) => d.kind).sort()).toEqual([
        'informed_consent',
        'platform_rules',
        'privacy_notice',
      ]);
      const consent = docs.find((d) => d.kind === 'informed_consent');
      for (const words of ['harming yourself', 'harming others', 'minor', 'the law requires'])
        expect(consent?.bodyEn).toContain(words);
      expect(consent?.bodyZh).toContain('保密的例外');
      expect(consent?.contentHash).toMatch(/^[0-9a-f]{64}$/);
    });

    it('publishes a draft with a hash; the published row never changes; old versions stay readable', async () => {
      const before = (await current(admin.client)).find((d) => d.kind === 'platform_rules');
      const draft = (
        await admin.client.post(DOCS, {
          kind: 'platform_rules',
          titleZh: '规则',
          titleEn: 'Rules',
          bodyZh: '第一版草稿',
          bodyEn: 'first draft',
          material: false,
        })
      ).json<PolicyDocument>();
      expect(draft).toMatchObject({ status: 'draft', contentHash: null });
      expect(draft.version).toBe((before?.version ?? 0) + 1);
      const edited = await admin.client.request('PATCH', `${DOCS}/${draft.id}`, {
        bodyEn: 'second draft',
      });
      expect(edited.json()).toMatchObject({ bodyEn: 'second draft' });
      // Drafts are the administrators' own: a client does not see them.
      const { client } = await signedInMember(t, 'reader');
      expect((await client.get(`${DOCS}/${draft.id}`)).statusCode).toBe(404);
      const future = new Date(Date.now() + 7 * 86_400_000).toISOString();
      const pub = (
        await admin.client.post(`${DOCS}/${draft.id}/publish`, { effectiveAt: future })
      ).json<PolicyDocument>();
      expect(pub).toMatchObject({ status: 'published', effectiveAt: future });
      expect(pub.contentHash).toMatch(/^[0-9a-f]{64}$/);
      // Not yet in force: the earlier version still is.
      expect((await current(client)).find((d) => d.kind === 'platform_rules')?.id).toBe(before?.id);
      const again = await admin.client.request('PATCH', `${DOCS}/${draft.id}`, { bodyEn: 'x' });
      expect(again.statusCode).toBe(409);
      expect((await admin.client.post(`${DOCS}/${draft.id}/publish`, {})).statusCode).toBe(409);
      // The database itself refuses, whatever the service did.
      await expect(
        t.database.query(`UPDATE policy_documents SET body_en = 'y' WHERE id = $1`, [pub.id]),
      ).rejects.toThrow();
      const old = await client.get(`${DOCS}/${before?.id ?? ''}`);
      expect(old.json()).toMatchObject({ version: before?.version, status: 'published' });
      const audit = await t.database.query(
        `SELECT 1 FROM audit_events WHERE action = 'policy_document.publish' AND entity_id = $1`,
        [pub.id],
      );
      expect(audit).toHaveLength(1);
    });

    it('lets only administrators write documents', async () => {
      const { client } = await signedInMember(t, 'not-admin');
      const res = await client.post(DOCS, {
        kind: 'platform_rules',
        titleZh: 'x',
        titleEn: 'x',
        bodyZh: 'x',
        bodyEn: 'x',
      });
      expect(res.statusCode).toBe(403);
    });
  });

  describe('lifecycle and the booking gate (B3, B10)', () => {
    it('refuses booking and rescheduling without consent, allows after signing, records it all', async () => {
      const { client, userId } = await signedInMember(t, 'fresh', true, false);
      const pending = (await client.get(`${MINE}/pending`)).json<PendingConsentList>();
      expect(pending.items.map((i) => [i.scope, i.reason])).toEqual([
        ['counseling', 'none'],
        ['sensitive_processing', 'none'],
        ['platform_rules', 'none'],
      ]);
      // The platform rules are asked of everyone, but only the first two open the booking gate.
      await grantConsents(t.database.db, counselor.organizationId, userId, ['platform_rules']);
      const refused = await book(client, counselor.profileId, slotAt(3, 10));
      expect(refused.res.statusCode).toBe(403);
      expect(refused.res.json<Problem>().code).toBe('consent_required');
      expect(
        await t.database.query('SELECT 1 FROM appointments WHERE client_user_id = $1', [userId]),
      ).toHaveLength(0);

      const signed = await sign(client, { optional: true });
      expect(signed.statusCode).toBe(200);
      const list = signed.json<ConsentList>();
      expect(list.current.map((c) => c.scope).sort()).toEqual([
        'counseling',
        'platform_rules',
        'sensitive_processing',
      ]);
      expect(list.history.find((c) => c.scope === 'session_recording')?.status).toBe('rejected');
      const [row] = await t.database.query<{ ip_enc: string; document_hash: string }>(
        `SELECT ip_enc, document_hash FROM consents WHERE subject_id = $1 AND scope = 'counseling'`,
        [userId],
      );
      expect(row?.ip_enc).toBeTruthy();
      expect(row?.ip_enc).not.toContain('127.0.0.1');
      expect(row?.document_hash).toMatch(/^[0-9a-f]{64}$/);
      expect((await client.get(`${MINE}/pending`)).json<PendingConsentList>().items).toEqual([]);

      const ok = await book(client, counselor.profileId, slotAt(3, 10));
      expect(ok.res.statusCode).toBe(201);

      // Withdrawing the separate sensitive-processing consent alone closes the gate again,
      // for rescheduling too.
      const w = await client.post(`${MINE}/sensitive_processing/withdraw`, {});
      expect(w.statusCode).toBe(200);
      const other = await book(client, counselor.profileId, slotAt(4, 11));
      expect(other.res.json<Problem>().code).toBe('consent_required');
    });

    it('refuses rescheduling (by the client or staff) when the client has no consent', async () => {
      const { client, userId } = await signedInMember(t, 'resched', true, false);
      const id = await insertAppointmentRow(t, {
        organizationId: counselor.organizationId,
        counselorId: counselor.profileId,
        clientUserId: userId,
        startsAt: new Date(slotAt(6, 10)),
      });
      for (const c of [client, admin.client]) {
        const res = await c.post(`${APPOINTMENTS}/${id}/reschedule`, { startsAt: slotAt(6, 14) });
        expect(res.json<Problem>().code).toBe('consent_required');
      }
      const [row] = await t.database.query<{ status: string }>(
        'SELECT status FROM appointments WHERE id = $1',
        [id],
      );
      expect(row?.status).toBe('booked');
      await sign(client);
      const res = await client.post(`${APPOINTMENTS}/${id}/reschedule`, {
        startsAt: slotAt(6, 14),
      });
      expect(res.statusCode).toBe(201);
    });

    it('supersedes the previous decision; a refusal cannot end an active consent', async () => {
      const { client, userId } = await signedInMember(t, 'twice', true, false);
      await sign(client);
      await sign(client);
      const rows = await t.database.query<{ id: string; status: string; superseded_by: string }>(
        `SELECT id, status, superseded_by FROM consents
          WHERE subject_id = $1 AND scope = 'counseling' ORDER BY decided_at`,
        [userId],
      );
      expect(rows.map((r) => r.status)).toEqual(['inactive', 'active']);
      expect(rows[0]?.superseded_by).toBe(rows[1]?.id);
      const doc = (await current(client)).find((d) => d.kind === 'informed_consent');
      const refuse = await client.post(MINE, {
        decisions: [{ scope: 'counseling', granted: false, documentId: doc?.id }],
      });
      expect(refuse.statusCode).toBe(400);
      // A decision on a version not in force is refused, naming the field.
      const stale = await client.post(MINE, {
        decisions: [
          { scope: 'counseling', granted: true, documentId: (await current(client))[1]?.id },
        ],
      });
      expect(stale.statusCode).toBe(400);
    });

    it('asks again after a material new version, not after a non-material one', async () => {
      const { client } = await signedInMember(t, 'versions', true, false);
      await sign(client);
      await publish('privacy_notice', false);
      expect((await client.get(`${MINE}/pending`)).json<PendingConsentList>().items).toEqual([]);
      const material = await publish('privacy_notice', true);
      const items = (await client.get(`${MINE}/pending`)).json<PendingConsentList>().items;
      expect(items.map((i) => [i.scope, i.reason, i.document.id])).toEqual([
        ['sensitive_processing', 'new_version', material.id],
      ]);
      await sign(client);
      expect((await client.get(`${MINE}/pending`)).json<PendingConsentList>().items).toEqual([]);
      // A material change of the platform rules asks for them again (A12).
      const rules = await publish('platform_rules', true);
      const again = (await client.get(`${MINE}/pending`)).json<PendingConsentList>().items;
      expect(again.map((i) => [i.scope, i.reason, i.document.id])).toEqual([
        ['platform_rules', 'new_version', rules.id],
      ]);
      await sign(client);
      expect((await client.get(`${MINE}/pending`)).json<PendingConsentList>().items).toEqual([]);
    });
  });

  describe('withdrawal (B3)', () => {
    it('cancels future appointments without penalty, refunds in full and opens a deletion request', async () => {
      const { client, userId } = await signedInMember(t, 'withdrawer', true, false);
      await sign(client);
      const booked = await book(client, counselor.profileId, slotAt(5, 10));
      expect(booked.res.statusCode).toBe(201);
      // Inside the 24-hour window: a client's own cancellation would be a no-show.
      const soon = await insertAppointmentRow(t, {
        organizationId: counselor.organizationId,
        counselorId: counselor.profileId,
        clientUserId: userId,
        startsAt: new Date(Date.now() + 3 * HOUR),
      });
      await t.database.query(
        `INSERT INTO ledger_entries (organization_id, client_user_id, appointment_id, kind, amount_fen)
         VALUES ($1, $2, $3, 'payment', 40000)`,
        [counselor.organizationId, userId, soon],
      );
      const res = await client.post(`${MINE}/counseling/withdraw`, {});
      expect(res.statusCode).toBe(200);
      const w = res.json<ConsentWithdrawal>();
      expect(w).toMatchObject({ cancelledAppointments: 2, consent: { status: 'inactive' } });
      expect(w.privacyRequestId).toBeTruthy();
      const rows = await t.database.query<{
        status: string;
        cancelled_by: string;
        no_show_reason: string | null;
      }>(
        'SELECT status, cancelled_by, no_show_reason FROM appointments WHERE client_user_id = $1',
        [userId],
      );
      expect(rows).toHaveLength(2);
      for (const r of rows)
        expect(r).toEqual({ status: 'cancelled', cancelled_by: 'system', no_show_reason: null });
      const [refund] = await t.database.query<{ n: number }>(
        `SELECT coalesce(sum(amount_fen), 0)::int AS n FROM ledger_entries
          WHERE appointment_id = $1 AND kind = 'refund'`,
        [soon],
      );
      expect(refund?.n).toBe(40_000);
      const [req] = await t.database.query<{ kind: string; scope: string }>(
        'SELECT kind, scope FROM privacy_requests WHERE id = $1',
        [w.privacyRequestId],
      );
      expect(req).toEqual({ kind: 'deletion', scope: 'counseling' });
      const events = await t.database.query<{ action: string }>(
        `SELECT action FROM audit_events WHERE subject_id = $1 ORDER BY created_at`,
        [userId],
      );
      expect(events.map((e) => e.action)).toEqual(
        expect.arrayContaining(['consent.withdraw', 'privacy_request.open']),
      );
      expect(
        (await book(client, counselor.profileId, slotAt(6, 10))).res.json<Problem>().code,
      ).toBe('consent_required');
      // Nothing active is left to withdraw.
      expect((await client.post(`${MINE}/counseling/withdraw`, {})).statusCode).toBe(404);
    });

    it('withdrawing an optional scope touches no appointment', async () => {
      const { client, userId } = await signedInMember(t, 'optional', true, false);
      const docs = await current(client);
      await client.post(MINE, {
        decisions: [
          {
            scope: 'anonymous_statistics',
            granted: true,
            documentId: docs.find((d) => d.kind === 'privacy_notice')?.id,
          },
        ],
      });
      await sign(client);
      await book(client, counselor.profileId, slotAt(7, 10));
      const w = (
        await client.post(`${MINE}/anonymous_statistics/withdraw`, {})
      ).json<ConsentWithdrawal>();
      expect(w).toMatchObject({ cancelledAppointments: 0, privacyRequestId: null });
      const [a] = await t.database.query<{ status: string }>(
        'SELECT status FROM appointments WHERE client_user_id = $1',
        [userId],
      );
      expect(a?.status).toBe('booked');
    });
  });
});
