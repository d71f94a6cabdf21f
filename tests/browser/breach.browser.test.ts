import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson } from '../../server/src/modules/identity/setup.service.ts';
import { appendAudit } from '../../server/src/platform/audit/audit.ts';
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
 * Breach handling end to end, in Chromium against the real server: an administrator registers a
 * serious incident and sees its 4-hour report deadline, finds the three people a misused account
 * touched in the audit trail, and notifies them.
 */
describe('breach incidents in Chromium', () => {
  let product: Product;
  let page: Page;
  const leaker = randomUUID();
  const affected: string[] = [];

  beforeAll(async () => {
    product = await startProduct('breach');
    const { runtime, orgId } = product;
    for (const name of ['甲', '乙', '丙', '丁']) {
      const person = await runtime.ctx.database.db.transaction(async (tx) =>
        createPerson(tx, runtime.ctx.vault, orgId, {
          email: `client.${name.codePointAt(0) ?? 0}.${STAMP}@example.org`,
          realName: `来访者${name}`,
          displayName: `来访者${name}`,
          roles: ['client'],
          passwordHash: await hashPassword(PASSWORD),
          isDemo: false,
          meta: null,
        }),
      );
      affected.push(person.userId);
    }
    // The misused account read three people's records; a fourth was read by someone else.
    await runtime.ctx.database.db.transaction(async (tx) => {
      for (const [index, subjectId] of affected.entries()) {
        await appendAudit(tx, runtime.ctx.vault.keyring.auditKey, {
          organizationId: orgId,
          actorId: index < 3 ? leaker : randomUUID(),
          action: 'user.read',
          entityType: 'user',
          entityId: subjectId,
          subjectId,
        });
      }
    });
    await createStaff(product, {
      role: 'administrator',
      email: `breach.admin.${STAMP}@example.org`,
      displayName: '安全管理员',
      password: PASSWORD,
    });
    const context = await product.browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      bypassCSP: true,
    });
    page = await context.newPage();
    await signInEnrollingTotp(
      page,
      product.runtime.url,
      `breach.admin.${STAMP}@example.org`,
      PASSWORD,
    );
  });
  afterAll(async () => {
    await product.stop();
  });

  it('registers a serious incident with a 4-hour deadline, scopes the affected people and notifies them', async () => {
    await page.click('a[href="/admin/breach"]');
    await page.waitForSelector('[data-testid=breach-list-page]');
    await page.fill('[data-testid=breach-create-title]', '合作方误收预约名单');
    await page.selectOption('[data-testid=breach-create-severity]', 'serious');
    await page.check('[data-testid=breach-create-dataCategories-contact]');
    await page.check('[data-testid=breach-create-dataCategories-appointments]');
    await page.fill('[data-testid=breach-create-nature]', '一份预约名单被误发给了合作方。');
    await page.fill('[data-testid=breach-create-remediation]', '已要求对方删除并停用相关账户。');
    await page.click('[data-testid=breach-create-submit]');

    await page.waitForSelector('[data-testid=breach-detail-page] [data-testid=breach-title]');
    expect(await page.textContent('[data-testid=breach-severity]')).toBe('重大');
    const due = (await page.textContent('[data-testid=breach-report-due]')) ?? '';
    // Discovered this minute: 4 hours to the report (3 h 59 min or 4 h 0 min left).
    expect(due).toMatch(/剩余 (3 小时 5\d|4 小时 0) 分钟/);

    await page.click('[data-testid=breach-to-assessed]');
    await page.waitForSelector('[data-testid=breach-status]:has-text("已评估")');

    await page.fill('[data-testid=breach-scope-actorId]', leaker);
    await page.click('[data-testid=breach-scope-submit]');
    await page.waitForSelector('[data-testid=breach-scope-status]:has-text("找到 3 人")');
    await page.click('[data-testid=breach-scope-record]');
    await page.waitForSelector('[data-testid=breach-scope-status]:has-text("新登记 3 人")');
    await page.waitForSelector('[data-testid=breach-affected]:has-text("受影响 3 人")');

    await page.click('[data-testid=breach-notify]');
    await page.waitForSelector('[data-testid=breach-message]:has-text("本次告知 3 人")');
    await page.waitForSelector('[data-testid=breach-status]:has-text("告知中")');

    const rows = await product.runtime.ctx.database.query<{ user_id: string; channel: string }>(
      `SELECT user_id, channel FROM notification_outbox WHERE template = 'breach_notice' ORDER BY user_id, channel`,
    );
    const told = [...new Set(rows.map((r) => r.user_id))].sort();
    expect(told).toEqual(affected.slice(0, 3).sort());
    expect(rows.length).toBe(6);

    expect(await axeViolationsOn(page)).toEqual([]);
    await page.screenshot({ path: join(RESULTS, 'breach-incident.png'), fullPage: true });

    await page.click('a[href="/admin/breach"]');
    await page.waitForSelector('[data-testid=breach-row]');
    expect(await page.textContent('[data-testid=breach-table]')).toContain('合作方误收预约名单');
  });
});
