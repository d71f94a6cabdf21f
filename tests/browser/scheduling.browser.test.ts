import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCounselor } from '../../server/src/modules/counselors/test-support/counselor-factory.ts';
import { createPerson } from '../../server/src/modules/identity/setup.service.ts';
import { hashPassword } from '../../server/src/platform/auth/passwords.ts';
import { loadConfig } from '../../server/src/platform/config.ts';
import { startRuntime, type Runtime } from '../../server/src/runtime.ts';
import type { TestApp } from '../../server/src/test/test-app.ts';
import { PASSWORD as MEMBER_PASSWORD } from '../../server/src/test/identity-fixtures.ts';
// Declares what the server's test set-up provides (the seeding helpers' modules refer to it).
import type {} from '../../server/src/test/global-setup.pglite.ts';
import { launchChromium } from './browser.ts';

const RESULTS = join(import.meta.dirname, '../../test-results');
const CLIENT_PASSWORD = 'a sturdy passphrase 42';
const STAMP = Date.now().toString(36);
const DAY_MS = 86_400_000;

/**
 * Booking end to end, in Chromium against the real server: a counselor sets weekly hours on the
 * availability page, a client books a time less than a day ahead (inside the cancellation
 * window), then cancels it and is told before confirming that it counts as a no-show.
 */
describe('booking and cancelling in Chromium', () => {
  let runtime: Runtime;
  let browser: Browser;
  let dataDir: string;
  let orgId: string;
  let profileId = '';
  let counselorLogin: { email: string; totp: () => string };

  beforeAll(async () => {
    mkdirSync(RESULTS, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), 'anxin-browser-scheduling-'));
    const config = loadConfig({
      ANXIN_DATA_DIR: dataDir,
      PORT: '0',
      ANXIN_JOBS: 'off',
      ANXIN_DEMO: '1',
    });
    runtime = await startRuntime(config, pino({ level: 'silent' }));
    const rows = await runtime.ctx.database.query<{ id: string }>(
      'SELECT id FROM organizations LIMIT 1',
    );
    orgId = rows[0]?.id ?? '';
    // An approved counselor written straight to the database, as the integration tests do.
    const seeded = await buildCounselor(
      { ctx: runtime.ctx, database: runtime.ctx.database } as unknown as TestApp,
      { name: `Lin ${STAMP}`, modalities: ['video'], fees: { intake: 50_000, follow_up: 40_000 } },
    );
    profileId = seeded.profileId;
    counselorLogin = seeded.member;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser.close();
    await runtime.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    return context.newPage();
  }

  it('lets a client book a counselor and see the no-show consequence of a late cancel', async () => {
    // The counselor opens every day, all day, on the availability page.
    const counselor = await newPage();
    await counselor.goto(`${runtime.url}/sign-in`);
    await counselor.fill('[data-testid=sign-in-identifier]', counselorLogin.email);
    await counselor.fill('[data-testid=sign-in-password]', MEMBER_PASSWORD);
    await counselor.click('[data-testid=sign-in-submit]');
    await counselor.fill('[data-testid=mfa-code]', counselorLogin.totp());
    await counselor.click('[data-testid=mfa-submit]');
    await counselor.waitForSelector('[data-testid=account-menu-button]');
    await counselor.click('[data-testid=site-nav] a[href="/counselor/availability"]');
    await counselor.waitForSelector('[data-testid=availability]');
    await counselor.selectOption('[data-testid=availability-zone]', 'Asia/Shanghai');
    for (let weekday = 1; weekday <= 7; weekday += 1) {
      await counselor.click(`[data-testid=availability-add-${String(weekday)}]`);
      const day = counselor.locator(`[data-weekday="${String(weekday)}"]`);
      await day.locator('[data-testid=availability-range-start]').fill('00:00');
      await day.locator('[data-testid=availability-range-end]').fill('23:30');
    }
    await counselor.click('[data-testid=availability-save]');
    await expect
      .poll(() => counselor.locator('[data-testid=availability-save-done]').textContent())
      .toBe('可预约时间已保存。');
    // The private calendar feed: its address is shown once, with a way to copy it.
    await counselor.click('[data-testid=calendar-feed-create]');
    expect(await counselor.locator('[data-testid=calendar-feed-url]').inputValue()).toMatch(
      /\/calendar\/[A-Za-z0-9_-]{43}\.ics$/,
    );

    // A verified client signs in and books a time less than a day ahead.
    const email = `client.${STAMP}@example.org`;
    await runtime.ctx.database.db.transaction(async (tx) =>
      createPerson(tx, runtime.ctx.vault, orgId, {
        email,
        realName: '测试来访者',
        displayName: '小测',
        roles: ['client'],
        passwordHash: await hashPassword(CLIENT_PASSWORD),
        isDemo: false,
        meta: null,
      }),
    );
    const client = await newPage();
    await client.goto(`${runtime.url}/sign-in`);
    await client.fill('[data-testid=sign-in-identifier]', email);
    await client.fill('[data-testid=sign-in-password]', CLIENT_PASSWORD);
    await client.click('[data-testid=sign-in-submit]');
    await client.waitForSelector('[data-testid=account-menu-button]');
    await client.goto(`${runtime.url}/counselors/${profileId}`);
    // A new client is taken to the consent page first, and back to the counselor after signing.
    await client.waitForSelector('[data-testid=consent-submit]');
    await client.check('[data-testid=consent-scope-counseling]');
    await client.check('[data-testid=consent-scope-sensitive_processing]');
    await client.check('[data-testid=consent-scope-platform_rules]');
    await client.click('[data-testid=consent-submit]');
    await client.click('[data-testid=directory-detail-book]');
    await client.waitForSelector('[data-testid=booking-slots]');
    expect(await client.locator('[data-testid=zone-note]').textContent()).toContain(
      'Asia/Shanghai',
    );
    const starts = await client
      .locator('[data-testid=booking-slots-slot]')
      .evaluateAll((buttons) => buttons.map((button) => button.getAttribute('data-starts-at')));
    const soon = starts.find(
      (startsAt) => startsAt !== null && Date.parse(startsAt) < Date.now() + DAY_MS,
    );
    expect(soon).toBeDefined();
    await client.click(`[data-testid=booking-slots-slot][data-starts-at="${soon ?? ''}"]`);
    await client.waitForSelector('[data-testid=booking-confirm]');
    expect(await client.locator('[data-testid=booking-policy]').textContent()).toContain(
      '之前可免费取消',
    );
    expect(await client.locator('[data-testid=booking-confirm-fee]').textContent()).toContain(
      '500',
    );
    await client.click('[data-testid=booking-submit]');
    await client.waitForSelector('[data-testid=booking-done]');

    // Cancelling inside the window: the no-show consequence is said before the confirm button.
    await client.click('[data-testid=booking-to-appointments]');
    await client.waitForSelector('[data-testid=appointments-upcoming]');
    await client.click('[data-testid=appointment-cancel]');
    const consequence = client.locator('[data-testid=cancel-consequence]');
    await consequence.waitFor();
    expect(await consequence.getAttribute('data-outcome')).toBe('late_cancel_noshow');
    expect(await consequence.textContent()).toContain('记为爽约');
    await client.click('[data-testid=cancel-confirm]');
    await expect
      .poll(() => client.locator('[data-testid=appointments-done]').textContent())
      .toBe('预约已取消。');
    await expect
      .poll(() =>
        client
          .locator('[data-testid=appointments-past] [data-status]')
          .first()
          .getAttribute('data-status'),
      )
      .toBe('noshow');
    await client.click('[data-testid=appointment-receipt]');
    await client.waitForSelector('[data-testid=receipt-due]');
    await client.screenshot({ path: join(RESULTS, 'scheduling-cancelled.png'), fullPage: true });
  });
});
