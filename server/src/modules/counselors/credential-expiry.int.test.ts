import { counselorProfileSchema, qualificationSchema } from '@anxin/common';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TestClient } from '../../test/http-client.ts';
import { outboxFor } from '../../test/identity-fixtures.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { addDays } from './counselor-dates.ts';
import { onCounselorSuspended, type SuspensionHandler } from './counselor-events.ts';
import {
  API,
  MINIMAL_PDF,
  orgToday,
  putBytes,
  qualificationInput,
  reviewAndApprove,
  signedInAdmin,
  submittedApplicant,
  type Applicant,
} from './counselor-vetting-fixtures.ts';
import {
  CREDENTIAL_EXPIRY_JOB,
  createCredentialExpiryJob,
  runCredentialSweep,
} from './credential-expiry.job.ts';

const DAY = 86_400_000;

describe('the credential expiry sweep (A3)', () => {
  let t: TestApp;
  let admin: TestClient;
  let adminUserId: string;
  let today: string;

  const sweep = (now = new Date()) =>
    runCredentialSweep(t.database, t.ctx.vault, t.ctx.vault.keyring.auditKey, now);
  const profileOf = async (client: TestClient, id: string) =>
    counselorProfileSchema.parse((await client.get(`${API}/${id}`)).json());
  const approvedCounselor = async (expiresInDays: number | null, name: string) => {
    const a = await submittedApplicant(t, { expiresInDays, name });
    await reviewAndApprove(admin, a.profileId, a.qualificationId);
    return a;
  };
  const inApp = (userId: string, template: string) =>
    t.database.query(
      `SELECT id FROM notification_outbox WHERE user_id = $1 AND channel = 'in_app' AND template = $2`,
      [userId, template],
    );

  beforeAll(async () => {
    t = await createTestApp();
    const a = await signedInAdmin(t);
    admin = a.client;
    adminUserId = a.userId;
    today = await orgToday(t);
  });
  afterAll(() => t.close());

  it('is an hourly job', () => {
    const job = createCredentialExpiryJob({
      vault: t.ctx.vault,
      auditKey: t.ctx.vault.keyring.auditKey,
    });
    expect(job).toMatchObject({ name: CREDENTIAL_EXPIRY_JOB, cron: '15 * * * *' });
  });

  describe('a certificate that expired yesterday', () => {
    let expired: Applicant;
    const handler = vi.fn<SuspensionHandler>(async () => {});
    let unregister: () => void;

    beforeAll(async () => {
      expired = await approvedCounselor(30, 'expiring');
      await t.database.query('UPDATE counselor_qualifications SET expires_on = $1 WHERE id = $2', [
        addDays(today, -1),
        expired.qualificationId,
      ]);
      unregister = onCounselorSuspended(handler);
    });
    afterAll(() => unregister());

    it('suspends the counselor, records why, tells them and the administrators, and calls the handlers', async () => {
      const job = createCredentialExpiryJob({
        vault: t.ctx.vault,
        auditKey: t.ctx.vault.keyring.auditKey,
      });
      await job.run(
        { database: t.database, log: pino({ level: 'silent' }), instanceId: 'test' },
        {},
        'job-1',
      );
      const profile = await profileOf(admin, expired.profileId);
      expect(profile).toMatchObject({
        status: 'suspended',
        suspendedFor: 'qualification_expired',
        listable: false,
      });
      expect(profile.reviewHistory.at(-1)).toMatchObject({
        event: 'suspend',
        fromStatus: 'approved',
        toStatus: 'suspended',
        actorName: null,
      });
      expect(await inApp(expired.userId, 'counselor_suspended')).toHaveLength(1);
      expect(await inApp(adminUserId, 'counselor_suspended_admin')).toHaveLength(1);
      expect((await outboxFor(t, expired.email)).map((m) => m.template)).toContain(
        'counselor_suspended',
      );
      expect(handler).toHaveBeenCalledWith(
        {
          organizationId: expect.any(String) as string,
          counselorId: expired.profileId,
          reason: 'qualification_expired',
        },
        expect.anything(),
      );
      const audit = await t.database.query<{ actor_id: string | null }>(
        `SELECT actor_id FROM audit_events WHERE action = 'system.counselor.suspend' AND entity_id = $1`,
        [expired.profileId],
      );
      expect(audit).toEqual([{ actor_id: null }]);
    });

    it('does nothing more on a second run', async () => {
      await sweep();
      expect(handler).toHaveBeenCalledTimes(1);
      expect(await inApp(expired.userId, 'counselor_suspended')).toHaveLength(1);
    });

    it('reinstates on re-approval after the counselor uploads a renewed certificate', async () => {
      const c = expired.client;
      const added = await c.post(
        `${API}/${expired.profileId}/qualifications`,
        qualificationInput(today, 700, 'CPS-RENEWED-2'),
      );
      expect(added.statusCode).toBe(201);
      const renewed = qualificationSchema.parse(added.json()).id;
      const file = await putBytes(
        c,
        `${API}/${expired.profileId}/qualifications/${renewed}/file`,
        MINIMAL_PDF,
      );
      expect(file.statusCode).toBe(200);
      const submit = await c.post(`${API}/${expired.profileId}/transitions`, { event: 'submit' });
      expect(counselorProfileSchema.parse(submit.json()).status).toBe('submitted');
      const profile = await reviewAndApprove(admin, expired.profileId, renewed);
      expect(profile).toMatchObject({ status: 'approved', suspendedFor: null, listable: true });
      await sweep();
      expect((await profileOf(admin, expired.profileId)).status).toBe('approved');
    });
  });

  it('rolls back a suspension whose handler fails, reports it, and retries on the next run', async () => {
    const a = await approvedCounselor(30, 'handler-fails');
    await t.database.query('UPDATE counselor_qualifications SET expires_on = $1 WHERE id = $2', [
      addDays(today, -1),
      a.qualificationId,
    ]);
    const unregister = onCounselorSuspended(async () => {
      throw new Error('scheduling is unavailable');
    });
    try {
      const report = await sweep();
      expect(report.failed).toBe(1);
    } finally {
      unregister();
    }
    expect((await profileOf(admin, a.profileId)).status).toBe('approved');
    expect(await inApp(a.userId, 'counselor_suspended')).toHaveLength(0);
    expect((await sweep()).failed).toBe(0);
    expect((await profileOf(admin, a.profileId)).suspendedFor).toBe('qualification_expired');
  });

  it('suspends an approved counselor whose periodic re-check is overdue', async () => {
    const a = await approvedCounselor(null, 'recheck');
    await t.database.query('UPDATE counselor_profiles SET recheck_due_on = $1 WHERE id = $2', [
      addDays(today, -1),
      a.profileId,
    ]);
    await sweep();
    expect(await profileOf(admin, a.profileId)).toMatchObject({
      status: 'suspended',
      suspendedFor: 'recheck_overdue',
    });
    // A re-check by an administrator, then reinstatement, brings them back.
    expect((await admin.post(`${API}/${a.profileId}/recheck`)).statusCode).toBe(200);
    const back = await admin.post(`${API}/${a.profileId}/transitions`, { event: 'reinstate' });
    expect(counselorProfileSchema.parse(back.json())).toMatchObject({
      status: 'approved',
      listable: true,
    });
  });

  it('sends each reminder once, at 60, 30 and 7 days before expiry, however often it runs', async () => {
    const a = await approvedCounselor(60, 'reminded');
    const reminders = async () =>
      (await outboxFor(t, a.email))
        .filter((m) => m.template === 'credential_reminder')
        .map((m) => m.text ?? '');
    const start = Date.now();
    for (const offset of [0, 30, 53]) {
      const now = new Date(start + offset * DAY);
      await sweep(now);
      await sweep(now);
    }
    const sent = await reminders();
    expect(sent).toHaveLength(3);
    expect(sent.join('\n')).toContain(addDays(today, 60));
    const rows = await t.database.query<{ days_before: number }>(
      'SELECT days_before FROM credential_reminders WHERE counselor_id = $1 ORDER BY days_before DESC',
      [a.profileId],
    );
    expect(rows.map((r) => r.days_before)).toEqual([60, 30, 7]);
    expect(await inApp(a.userId, 'credential_reminder')).toHaveLength(3);
  });

  it('sends a missed reminder late, once, for the nearest threshold only', async () => {
    const a = await approvedCounselor(25, 'late');
    await sweep();
    await sweep();
    const rows = await t.database.query<{ days_before: number; subject: string }>(
      'SELECT days_before, subject FROM credential_reminders WHERE counselor_id = $1',
      [a.profileId],
    );
    expect(rows).toEqual([{ days_before: 30, subject: `qualification:${a.qualificationId}` }]);
  });

  it('applies a sanction suspension dated in the future on its start date (A9)', async () => {
    const a = await approvedCounselor(365, 'later');
    const res = await admin.post(`${API}/${a.profileId}/standing`, {
      kind: 'suspension',
      reason: 'Suspended for a month after the review of a complaint',
      startsOn: addDays(today, 3),
    });
    expect(counselorProfileSchema.parse(res.json()).status).toBe('approved');
    await sweep(new Date(Date.now() + DAY));
    expect((await profileOf(admin, a.profileId)).status).toBe('approved');
    await sweep(new Date(Date.now() + 4 * DAY));
    expect(await profileOf(admin, a.profileId)).toMatchObject({
      status: 'suspended',
      suspendedFor: 'sanction',
    });
  });
});
