import type { PolicyDocument } from '@anxin/common';
import { expect } from 'vitest';
import type { TestClient } from '../../../test/http-client.ts';
import type { TestApp } from '../../../test/test-app.ts';
import { createMember } from '../../../test/identity-fixtures.ts';
import { sessionFor } from '../../scheduling/appointment-fixtures.ts';

export const DOCS = '/api/v1/policy-documents';
export const MINE = '/api/v1/consents/me';

/**
 * What the consent tests do again and again, through the API: read the documents in force, sign,
 * publish a new version, set an age, link a verified guardian. `admin` is a signed-in administrator.
 */
export function consentKit(t: TestApp, admin: { client: TestClient }) {
  const current = async (c: TestClient) =>
    (await c.get(`${DOCS}/current`)).json<{ items: PolicyDocument[] }>().items;

  /** Grants the required scopes (and optional ones asked for) on the documents in force. */
  async function sign(c: TestClient, extra: { subjectUserId?: string; optional?: boolean } = {}) {
    const docs = await current(c);
    const doc = (kind: string) => docs.find((d) => d.kind === kind)?.id ?? '';
    const decisions = [
      { scope: 'counseling', granted: true, documentId: doc('informed_consent') },
      { scope: 'sensitive_processing', granted: true, documentId: doc('privacy_notice') },
      { scope: 'platform_rules', granted: true, documentId: doc('platform_rules') },
      ...(extra.optional
        ? [{ scope: 'session_recording', granted: false, documentId: doc('informed_consent') }]
        : []),
    ];
    return c.post(MINE, { decisions, subjectUserId: extra.subjectUserId });
  }

  async function publish(kind: string, material: boolean, body = `text ${Math.random()}`) {
    const draft = await admin.client.post(DOCS, {
      kind,
      titleZh: '新版本',
      titleEn: 'New version',
      bodyZh: body,
      bodyEn: body,
      material,
    });
    expect(draft.statusCode).toBe(201);
    const id = draft.json<PolicyDocument>().id;
    const res = await admin.client.post(`${DOCS}/${id}/publish`, {});
    expect(res.statusCode).toBe(200);
    return res.json<PolicyDocument>();
  }

  const setAge = async (userId: string, organizationId: string, years: number) => {
    const d = new Date();
    d.setUTCFullYear(d.getUTCFullYear() - years);
    d.setUTCDate(d.getUTCDate() - 2);
    const enc = await t.database.db.transaction((tx) =>
      t.ctx.vault
        .scope(tx, organizationId)
        .encrypt(
          { type: 'person', id: userId },
          { table: 'users', field: 'birthDate', recordId: userId },
          d.toISOString().slice(0, 10),
        ),
    );
    await t.database.query('UPDATE users SET birth_date_enc = $1 WHERE id = $2', [enc, userId]);
  };

  async function linkGuardian(minorEmail: string) {
    const g = await createMember(t, ['client'], 'guardian');
    const gc = await sessionFor(t, g, ['client']);
    const link = await gc.post('/api/v1/guardianships', {
      minorContact: minorEmail,
      relationship: 'parent',
    });
    expect(link.statusCode).toBe(201);
    const id = link.json<{ id: string }>().id;
    const verified = await admin.client.post(`/api/v1/guardianships/${id}/verify`, {});
    expect(verified.json()).toMatchObject({ status: 'active' });
    return { ...g, client: gc, linkId: id };
  }

  return { current, sign, publish, setAge, linkGuardian };
}
