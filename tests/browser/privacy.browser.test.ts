import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantConsents } from '../../server/src/modules/consent/test-support/consent-fixtures.ts';
import { createPerson } from '../../server/src/modules/identity/setup.service.ts';
import { hashPassword } from '../../server/src/platform/auth/passwords.ts';
import {
  axeViolationsOn,
  createStaff,
  RESULTS,
  signInEnrollingTotp,
  startProduct,
  type Product,
} from './harness.ts';

const PASSWORD = 'a sturdy passphrase 42';
const STAMP = Date.now().toString(36);

/**
 * Privacy rights end to end, in Chromium against the real server: a client files a correction
 * request and downloads everything held about them as a readable document; an administrator finds
 * the request in the queue, takes it, answers and completes it; the client sees the answer and the
 * administrator's reading of the request in "who accessed my records".
 */
describe('privacy requests and export in Chromium', () => {
  let product: Product;
  const clientEmail = `privacy.client.${STAMP}@example.org`;
  const adminEmail = `privacy.admin.${STAMP}@example.org`;
  const leaverEmail = `privacy.leaver.${STAMP}@example.org`;
  let admin: Page;

  beforeAll(async () => {
    product = await startProduct('privacy');
    const { runtime, orgId } = product;
    const { userId } = await runtime.ctx.database.db.transaction(async (tx) =>
      createPerson(tx, runtime.ctx.vault, orgId, {
        email: clientEmail,
        realName: '隐私测试',
        displayName: '小隐<b>',
        roles: ['client'],
        passwordHash: await hashPassword(PASSWORD),
        isDemo: false,
        meta: null,
      }),
    );
    await grantConsents(runtime.ctx.database.db, orgId, userId);
    await runtime.ctx.database.db.transaction(async (tx) =>
      createPerson(tx, runtime.ctx.vault, orgId, {
        email: leaverEmail,
        realName: '删除测试',
        displayName: '小删',
        roles: ['client'],
        passwordHash: await hashPassword(PASSWORD),
        isDemo: false,
        meta: null,
      }),
    );
    await createStaff(product, {
      role: 'administrator',
      email: adminEmail,
      displayName: '隐私专员',
      password: PASSWORD,
    });
  });
  afterAll(() => product.stop());

  async function signInClient(email: string): Promise<Page> {
    const page = await newPage();
    await page.goto(`${product.runtime.url}/sign-in`);
    await page.fill('[data-testid=sign-in-identifier]', email);
    await page.fill('[data-testid=sign-in-password]', PASSWORD);
    await page.click('[data-testid=sign-in-submit]');
    await page.waitForSelector('[data-testid=account-menu-button]');
    return page;
  }

  async function newPage(): Promise<Page> {
    const context = await product.browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      bypassCSP: true,
      acceptDownloads: true,
    });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    return page;
  }

  it('files a request, downloads the data, and reads the answer and who accessed it', async () => {
    const url = product.runtime.url;
    const client = await signInClient(clientEmail);
    await client.click('[data-testid=site-nav] a[href="/privacy"]');
    await client.waitForSelector('[data-testid=privacy-requests-empty]');

    await client.selectOption('[data-testid=privacy-request-kind]', 'correction');
    await client.fill('[data-testid=privacy-request-detail]', '我的真实姓名拼写有误');
    await client.click('[data-testid=privacy-request-submit]');
    await expect
      .poll(() => client.locator('[data-testid=privacy-request-status]').textContent())
      .toContain('答复期限');
    await client.waitForSelector('[data-testid=privacy-request]');
    expect(await client.locator('[data-testid=privacy-request]').textContent()).toContain('更正');
    expect(await axeViolationsOn(client)).toEqual([]);
    await client.screenshot({ path: join(RESULTS, 'privacy-mine.png'), fullPage: true });

    const [download] = await Promise.all([
      client.waitForEvent('download'),
      client.click('[data-testid=privacy-download-html]'),
    ]);
    const html = readFileSync(await download.path(), 'utf8');
    expect(download.suggestedFilename()).toMatch(/^anxin-personal-data-.*\.html$/);
    expect(html).toContain('谁访问过我的记录');
    expect(html).toContain('我的真实姓名拼写有误');
    expect(html).toContain('小隐&lt;b&gt;');
    expect(html).not.toContain('小隐<b>');

    admin = await newPage();
    await signInEnrollingTotp(admin, url, adminEmail, PASSWORD);
    await admin.click('[data-testid=site-nav] a[href="/admin/privacy-requests"]');
    await admin.waitForSelector('[data-testid=privacy-queue-row]');
    expect(await axeViolationsOn(admin)).toEqual([]);
    await admin.click('[data-testid=privacy-queue-row] a');
    await admin.waitForSelector('[data-testid=privacy-request-detail]');
    expect(await admin.locator('[data-testid=privacy-request-detail]').textContent()).toBe(
      '我的真实姓名拼写有误',
    );
    await admin.click('[data-testid=privacy-assign-me]');
    await expect
      .poll(() => admin.locator('[data-testid=privacy-request-handler]').textContent())
      .toBe('隐私专员');
    await admin.fill('[data-testid=privacy-answer-answer]', '已更正您的姓名。');
    await admin.click('[data-testid=privacy-answer-submit]');
    await admin.waitForSelector('[data-testid=privacy-answer-status]:has-text("答复已保存")');
    await admin.click('[data-testid=privacy-complete]');
    await expect
      .poll(() => admin.locator('[data-testid=privacy-request-message]').textContent())
      .toContain('已完成');
    expect(await axeViolationsOn(admin)).toEqual([]);
    await admin.screenshot({ path: join(RESULTS, 'privacy-request.png'), fullPage: true });

    await admin.goto(`${url}/admin/privacy-requests/calendar`);
    await admin.fill('[data-testid=working-day-date]', '2026-10-01');
    await admin.fill('[data-testid=working-day-label]', '国庆节');
    await admin.click('[data-testid=working-day-submit]');
    await admin.waitForSelector('[data-testid=working-day-row]');
    expect(await axeViolationsOn(admin)).toEqual([]);

    await client.reload();
    await client.waitForSelector('[data-testid=privacy-request]');
    expect(await client.locator('[data-testid=privacy-request]').textContent()).toContain(
      '已更正您的姓名。',
    );
    const log = await client.locator('[data-testid=privacy-access-log-table]').textContent();
    expect(log).toContain('隐私专员');
    expect(log).toContain('privacy_request.read');
  });

  it('carries out a deletion request from the queue and shows its certificate', async () => {
    const url = product.runtime.url;
    const leaver = await signInClient(leaverEmail);
    await leaver.goto(`${url}/privacy`);
    await leaver.selectOption('[data-testid=privacy-request-kind]', 'deletion');
    await leaver.click('[data-testid=privacy-request-submit]');
    await leaver.waitForSelector('[data-testid=privacy-request]');

    await admin.goto(`${url}/admin/privacy-requests`);
    await admin.click('[data-testid=privacy-queue-row] a:has-text("小删")');
    await admin.waitForSelector('[data-testid=privacy-erase]');
    // A deletion is completed by carrying it out, not by a status button.
    expect(await admin.locator('[data-testid=privacy-complete]').count()).toBe(0);
    await admin.click('[data-testid=privacy-erase]');
    await admin.click('[data-testid=privacy-erase-confirm]');
    await admin.waitForSelector('[data-testid=privacy-certificate]');
    expect(await admin.locator('[data-testid=privacy-certificate]').textContent()).toMatch(/\{/);
    expect(await axeViolationsOn(admin)).toEqual([]);
    await admin.screenshot({ path: join(RESULTS, 'privacy-erased.png'), fullPage: true });
  });
});
