import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseDump } from '../../test/database-dump.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import {
  API,
  MINIMAL_PDF,
  putBytes,
  reviewAndApprove,
  signedInAdmin,
  submittedApplicant,
} from './counselor-vetting-fixtures.ts';

/**
 * The counselor module's sensitive fields, sent through the API with canary values, must not
 * appear in a dump of the database (B6): certificate numbers, the scans themselves, declared
 * relationships (who the counselor knows), supervision notes and sanction reasons.
 */
describe('counselor data at rest', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('keeps certificate numbers, scans, relationships, notes and sanction reasons out of a dump', async () => {
    const tag = randomUUID().slice(0, 8);
    const canaries = {
      certificateNumber: `CANARY-CERT-${tag}`,
      scanText: `CanaryScanContent${tag}`,
      relationshipContact: `canary.neighbour.${tag}@example.org`,
      relationshipText: `CanaryRelationship ${tag} my former classmate`,
      supervisionNotes: `CanarySupervision ${tag} countertransference with a client`,
      sanctionReason: `CanarySanction ${tag} complaint by a client about conduct`,
      removalReason: `CanaryRemoval ${tag} confirmed misconduct after investigation`,
    };
    const applicant = await submittedApplicant(t, { number: canaries.certificateNumber });
    const { client, profileId, qualificationId } = applicant;
    // A document whose bytes carry a canary (training evidence): uploaded files are sealed too.
    const scan = Buffer.concat([MINIMAL_PDF, Buffer.from(`% ${canaries.scanText}\n`, 'latin1')]);
    const training = await client.post(`${API}/${profileId}/training`, {
      title: 'Crisis intervention',
      provider: 'Provincial association',
      category: 'crisis',
      hours: 6,
      completedOn: '2026-09-01',
    });
    expect(training.statusCode).toBe(201);
    const upload = await putBytes(
      client,
      `${API}/${profileId}/training/${training.json<{ id: string }>().id}/evidence`,
      scan,
    );
    expect(upload.statusCode).toBe(200);
    const rel = await client.post(`${API}/${profileId}/relationships`, {
      clientIdentifier: canaries.relationshipContact,
      description: canaries.relationshipText,
    });
    expect(rel.statusCode).toBe(201);
    const sup = await client.post(`${API}/${profileId}/supervision`, {
      supervisorName: 'Dr. Supervisor',
      heldOn: '2026-10-01',
      hours: 1.5,
      notes: canaries.supervisionNotes,
    });
    expect(sup.statusCode).toBe(201);

    const admin = await signedInAdmin(t);
    await reviewAndApprove(admin.client, profileId, qualificationId);
    const suspend = await admin.client.post(`${API}/${profileId}/transitions`, {
      event: 'suspend',
      reason: canaries.sanctionReason,
    });
    expect(suspend.statusCode).toBe(200);
    const remove = await admin.client.post(`${API}/${profileId}/standing`, {
      kind: 'removal',
      reason: canaries.removalReason,
    });
    expect(remove.statusCode).toBe(200);
    // The owner and administrators still read them back decrypted.
    const detail = await admin.client.get(`${API}/${profileId}`);
    expect(detail.body).toContain(canaries.certificateNumber);
    expect(detail.body).toContain(canaries.sanctionReason);

    const dump = await databaseDump(t);
    expect(dump).toContain('cps_registered'); // the dump is readable: codes are not secrets
    // pg_dump writes bytea as hex: look for that spelling of each canary as well.
    const hexDump = dump.toLowerCase();
    for (const [field, value] of Object.entries(canaries)) {
      const found = dump.includes(value) || hexDump.includes(Buffer.from(value).toString('hex'));
      expect({ field, found }).toEqual({ field, found: false });
    }
  });
});
