import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from '../../test/http-client.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { runCredentialSweep } from './credential-expiry.job.ts';
import { buildCounselor, daysFromToday } from './test-support/counselor-factory.ts';

interface Page {
  items: { id: string }[];
  total: number;
}

/**
 * A3 end to end: the hourly sweep suspends a counselor whose only certificate has expired, and
 * from then on the public directory neither lists nor shows them.
 */
describe('credential expiry and the directory', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('suspends the counselor whose certificate expired, who then vanishes from search', async () => {
    const visitor = new TestClient(t.app);
    const expiring = await buildCounselor(t, {
      name: 'expiring',
      specialties: ['trauma'],
      languages: ['zh'],
      modalities: ['video'],
      qualification: { expiresOn: daysFromToday(3) },
    });
    const steady = await buildCounselor(t, {
      name: 'steady',
      specialties: ['trauma'],
      languages: ['zh'],
      modalities: ['video'],
      qualification: { expiresOn: null },
    });
    const search = '/api/v1/directory/counselors?specialty=trauma&language=zh&modality=video';
    const before = (await visitor.get(search)).json<Page>();
    expect(before.items.map((i) => i.id).sort()).toEqual(
      [expiring.profileId, steady.profileId].sort(),
    );

    // The sweep as it runs a week from now, when the certificate has expired.
    const later = new Date(Date.now() + 7 * 86_400_000);
    const report = await runCredentialSweep(
      t.database,
      t.ctx.vault,
      t.ctx.vault.keyring.auditKey,
      later,
    );
    expect(report.suspended).toBe(1);

    const [row] = await t.database.query<{ status: string; suspended_for: string }>(
      'SELECT status, suspended_for FROM counselor_profiles WHERE id = $1',
      [expiring.profileId],
    );
    expect(row).toEqual({ status: 'suspended', suspended_for: 'qualification_expired' });

    const after = (await visitor.get(search)).json<Page>();
    expect(after.items.map((i) => i.id)).toEqual([steady.profileId]);
    expect(after.total).toBe(1);
    const detail = await visitor.get(`/api/v1/directory/counselors/${expiring.profileId}`);
    expect(detail.statusCode).toBe(404);
    // The counselor who still qualifies is untouched.
    expect((await visitor.get(`/api/v1/directory/counselors/${steady.profileId}`)).statusCode).toBe(
      200,
    );
  });
});
