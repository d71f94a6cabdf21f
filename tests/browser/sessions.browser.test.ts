import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCounselor } from '../../server/src/modules/counselors/test-support/counselor-factory.ts';
import {
  clientMember,
  insertAppointmentRow,
} from '../../server/src/modules/scheduling/appointment-fixtures.ts';
import { createMember } from '../../server/src/test/identity-fixtures.ts';
import { csrfForSession } from '../../server/src/platform/auth/cookies.ts';
import { createSession } from '../../server/src/platform/auth/session-store.ts';
import { loadConfig } from '../../server/src/platform/config.ts';
import { startRuntime, type Runtime } from '../../server/src/runtime.ts';
import type { TestApp } from '../../server/src/test/test-app.ts';
// Declares what the server's test set-up provides (the seeding helpers' modules refer to it).
import type {} from '../../server/src/test/global-setup.pglite.ts';
import { launchChromium } from './browser.ts';
import { axeViolationsOn, RESULTS } from './harness.ts';

/**
 * A session end to end, in Chromium against the real server: the client and the counselor of an
 * appointment starting in a few minutes open its room from two browser contexts, chat both ways
 * (each sees the other's messages in order and a read receipt on their own), and their browsers
 * connect a WebRTC call with Chromium's fake camera and microphone: the connection state reaches
 * "connected" and each side receives the other's tracks. Media flows browser to browser. Then the
 * client reports a message and the counselor ends the session.
 */
describe('the session room in Chromium', () => {
  let runtime: Runtime;
  let browser: Browser;
  let dataDir: string;
  let appointmentId = '';
  const sessions = { client: '', counselor: '', admin: '' };
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    mkdirSync(RESULTS, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), 'anxin-browser-sessions-'));
    const config = loadConfig({
      ANXIN_DATA_DIR: dataDir,
      PORT: '0',
      ANXIN_JOBS: 'off',
      ANXIN_DEMO: '1',
    });
    runtime = await startRuntime(config, pino({ level: 'silent' }));
    // People and the appointment written straight to the database, as the integration tests do.
    const t = { ctx: runtime.ctx, database: runtime.ctx.database } as unknown as TestApp;
    const counselor = await buildCounselor(t, { name: 'Lin Room', modalities: ['video'] });
    const client = await clientMember(t, 'roomclient');
    appointmentId = await insertAppointmentRow(t, {
      organizationId: client.organizationId,
      counselorId: counselor.profileId,
      clientUserId: client.userId,
      startsAt: new Date(Date.now() + 5 * 60_000),
    });
    // Booking opens an episode of care; the counselor's note after the session belongs to it.
    await runtime.ctx.database.query(
      `WITH e AS (INSERT INTO care_episodes (organization_id, client_user_id, counselor_id, status)
                  VALUES ($1, $2, $3, 'active') RETURNING id)
       UPDATE appointments SET episode_id = (SELECT id FROM e) WHERE id = $4`,
      [client.organizationId, client.userId, counselor.profileId, appointmentId],
    );
    const session = async (userId: string, roles: ('client' | 'counselor' | 'administrator')[]) =>
      (
        await createSession(runtime.ctx.database.db, {
          organizationId: client.organizationId,
          userId,
          roles,
          mfaVerified: true,
          ip: null,
          userAgent: null,
        })
      ).token;
    sessions.client = await session(client.userId, ['client']);
    sessions.counselor = await session(counselor.member.userId, ['counselor']);
    const admin = await createMember(t, ['administrator'], 'conductadmin');
    sessions.admin = await session(admin.userId, ['administrator']);
    browser = await launchChromium([
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
    ]);
  });
  afterAll(async () => {
    await browser.close();
    await runtime.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function signedInPage(token: string, width = 1280): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width, height: 900 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      bypassCSP: true,
      permissions: ['camera', 'microphone'],
    });
    contexts.push(context);
    const csrf = csrfForSession(runtime.ctx.vault.keyring.tokenKey, token);
    await context.addCookies([
      { name: 'anxin_session', value: token, url: runtime.url },
      { name: 'anxin_csrf', value: csrf, url: runtime.url },
    ]);
    return context.newPage();
  }

  const messageBodies = (page: Page) =>
    page.locator('[data-testid=chat-message-body]').allTextContents();

  async function say(page: Page, text: string) {
    await page.fill('[data-testid=chat-input]', text);
    await page.click('[data-testid=chat-send]');
  }

  it('lets client and counselor chat and connect a video call', async () => {
    // The client on a 360 px phone, the counselor on a desktop.
    const client = await signedInPage(sessions.client, 360);
    const counselor = await signedInPage(sessions.counselor);

    await client.goto(`${runtime.url}/appointments/${appointmentId}/session`);
    await client.waitForURL(/\/rooms\/[0-9a-f-]{36}$/);
    const roomPath = new URL(client.url()).pathname;
    await client.waitForSelector('[data-testid=connection-banner][data-connection=open]', {
      state: 'attached',
    });
    expect(await client.getAttribute('[data-testid=room]', 'data-role')).toBe('client');

    await counselor.goto(`${runtime.url}${roomPath}`);
    await counselor.waitForSelector('[data-testid=connection-banner][data-connection=open]', {
      state: 'attached',
    });
    expect(await counselor.getAttribute('[data-testid=room]', 'data-role')).toBe('counselor');

    // Chat both ways, in order, with the sender's own messages acknowledged.
    await say(client, '你好，我有点紧张。');
    await say(counselor, '没关系，我们慢慢来。');
    await say(client, '好的。');
    const conversation = ['你好，我有点紧张。', '没关系，我们慢慢来。', '好的。'];
    await expect.poll(() => messageBodies(counselor), { timeout: 10_000 }).toEqual(conversation);
    await expect.poll(() => messageBodies(client), { timeout: 10_000 }).toEqual(conversation);
    expect(await client.locator('[data-testid=chat-pending]').count()).toBe(0);
    const seqs = await counselor
      .locator('[data-testid=chat-message]')
      .evaluateAll((items) => items.map((item) => Number(item.getAttribute('data-seq'))));
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    // The counselor's page is open, so the client's messages show as read there.
    await expect
      .poll(
        () =>
          client
            .locator('[data-testid=chat-message][data-mine=true] [data-testid=chat-message-state]')
            .first()
            .textContent(),
        { timeout: 10_000 },
      )
      .toContain('已读');

    // The video call: both browsers connect and receive the other's camera and microphone.
    for (const page of [client, counselor]) {
      await page.waitForSelector('[data-testid=room-video][data-connection-state=connected]', {
        timeout: 30_000,
        state: 'attached',
      });
      await expect
        .poll(() => page.getAttribute('[data-testid=room-video]', 'data-remote-tracks'), {
          timeout: 15_000,
        })
        .toBe('2');
      const remoteVideo = await page.evaluate(() => {
        const video = document.querySelector<HTMLVideoElement>('[data-testid=video-remote]');
        const stream = video?.srcObject;
        return stream instanceof MediaStream
          ? stream.getVideoTracks().filter((track) => track.readyState === 'live').length
          : 0;
      });
      expect(remoteVideo).toBe(1);
    }

    // Usable on the phone: nothing wider than the screen, the composer in reach.
    const overflow = await client.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await client.isVisible('[data-testid=chat-input]')).toBe(true);
    await client.screenshot({ path: join(RESULTS, 'session-room-phone.png'), fullPage: true });
    await counselor.screenshot({ path: join(RESULTS, 'session-room-desktop.png') });

    expect(await axeViolationsOn(client)).toEqual([]);
    expect(await axeViolationsOn(counselor)).toEqual([]);

    // The client reports a message; the counselor ends the session, and each is shown the way on.
    await client.click('[data-testid=chat-report]');
    expect(await client.textContent('[data-testid=report-excerpt]')).toBe('没关系，我们慢慢来。');
    await client.fill('[data-testid=report-reason]', '测试举报');
    await client.click('[data-testid=report-submit]');
    await expect.poll(() => client.textContent('[data-testid=report-done]')).not.toBe('');
    await counselor.click('[data-testid=end-session]');
    await counselor.check('[data-testid=end-reason-completed]');
    await counselor.click('[data-testid=end-confirm]');
    await counselor.waitForSelector('[data-testid=after-end-note]');
    await client.waitForSelector('[data-testid=after-end-feedback]');
    expect(await client.isVisible('[data-testid=chat-input]')).toBe(false);
    expect(await messageBodies(client)).toEqual(conversation);

    // The counselor's way on is the appointment's note, a draft ready to write.
    await counselor.click('[data-testid=after-end-note]');
    await counselor.waitForURL(/\/records\/[0-9a-f-]{36}$/);
    await expect
      .poll(() => counselor.getAttribute('[data-testid=record-status]', 'data-status'))
      .toBe('draft');

    // An administrator reads the report (an audited read) and closes it.
    const admin = await signedInPage(sessions.admin);
    await admin.goto(`${runtime.url}/admin/conduct-reports`);
    const row = admin.locator('[data-testid=conduct-row]');
    await row.locator('[data-testid=conduct-open]').click();
    expect(await admin.textContent('[data-testid=conduct-excerpt]')).toBe('没关系，我们慢慢来。');
    expect(await admin.textContent('[data-testid=conduct-reason]')).toBe('测试举报');
    expect(await axeViolationsOn(admin)).toEqual([]);
    const reportId = (await row.getAttribute('data-id')) ?? '';
    const reads = await runtime.ctx.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_events
        WHERE action = 'conduct_report.read' AND entity_id = $1`,
      [reportId],
    );
    expect(reads[0]?.n).toBe(1);
    await admin.click('[data-testid=conduct-close]');
    await admin.waitForSelector('[data-testid=conduct-empty]');
    await admin.click('[data-testid=conduct-tab-closed]');
    expect(await row.getAttribute('data-status')).toBe('closed');

    for (const context of contexts) await context.close();
  });
});
