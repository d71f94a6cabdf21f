import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCounselor } from '../../server/src/modules/counselors/test-support/counselor-factory.ts';
import { createPerson } from '../../server/src/modules/identity/setup.service.ts';
import { hashPassword } from '../../server/src/platform/auth/passwords.ts';
import { availabilityRules } from '../../server/src/platform/db/schema/index.ts';
import type { TestApp } from '../../server/src/test/test-app.ts';
// Declares what the server's test set-up provides (the seeding helpers' modules refer to it).
import type {} from '../../server/src/test/global-setup.pglite.ts';
import { grantConsents } from '../../server/src/modules/consent/test-support/consent-fixtures.ts';
import {
  RESULTS,
  axeViolationsOn,
  createStaff,
  signInEnrollingTotp,
  startProduct,
  type Product,
} from './harness.ts';

const PASSWORD = 'a sturdy passphrase 42';
const STAMP = Date.now().toString(36);
const DAY_MS = 86_400_000;
const SCOPES = [
  'counseling',
  'sensitive_processing',
  'platform_rules',
  'session_recording',
  'anonymous_statistics',
];

/**
 * Consent end to end, in Chromium against the real server: a new client is taken to the consent
 * page at sign-in, finds every box unticked, signs the two required scopes, books a time less
 * than a day ahead, then withdraws on "My consents" and finds the appointment cancelled — by
 * the organisation, not as a no-show.
 */
describe('consent in Chromium', () => {
  let product: Product;
  let profileId = '';
  const email = `consent.${STAMP}@example.org`;
  const returning = `returning.${STAMP}@example.org`;
  const adminEmail = `admin.${STAMP}@example.org`;

  beforeAll(async () => {
    product = await startProduct('consent');
    const { runtime, orgId } = product;
    const t = { ctx: runtime.ctx, database: runtime.ctx.database } as unknown as TestApp;
    const counselor = await buildCounselor(t, {
      name: `Wu ${STAMP}`,
      modalities: ['video'],
      fees: { intake: 50_000, follow_up: 40_000 },
    });
    profileId = counselor.profileId;
    await runtime.ctx.database.db.insert(availabilityRules).values(
      [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
        organizationId: orgId,
        counselorId: counselor.profileId,
        weekday,
        startTime: '00:00',
        endTime: '23:30',
      })),
    );
    await runtime.ctx.database.db.transaction(async (tx) =>
      createPerson(tx, runtime.ctx.vault, orgId, {
        email,
        realName: '同意测试',
        displayName: '小意',
        roles: ['client'],
        passwordHash: await hashPassword(PASSWORD),
        isDemo: false,
        meta: null,
      }),
    );
  });
  afterAll(() => product.stop());

  async function signIn(page: Page, who: string) {
    await page.goto(`${product.runtime.url}/sign-in`);
    await page.fill('[data-testid=sign-in-identifier]', who);
    await page.fill('[data-testid=sign-in-password]', PASSWORD);
    await page.click('[data-testid=sign-in-submit]');
  }

  async function newPage(): Promise<Page> {
    const context = await product.browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      bypassCSP: true,
    });
    return context.newPage();
  }

  it('signs with unticked boxes, books, withdraws and sees the appointment cancelled', async () => {
    const url = product.runtime.url;
    const page = await newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${url}/sign-in`);
    await page.fill('[data-testid=sign-in-identifier]', email);
    await page.fill('[data-testid=sign-in-password]', PASSWORD);
    await page.click('[data-testid=sign-in-submit]');

    // Taken to the consent page before anything else; the whole texts are there to read.
    await page.waitForSelector('[data-testid=consent-submit]');
    expect(new URL(page.url()).pathname).toBe('/consent');
    expect(await page.locator('[data-testid=document-informed_consent]').textContent()).toContain(
      '保密的例外',
    );
    for (const scope of SCOPES)
      expect(await page.isChecked(`[data-testid=consent-scope-${scope}]`)).toBe(false);
    expect(await axeViolationsOn(page)).toEqual([]);
    // Nothing ticked: refused on the page, nothing sent.
    await page.click('[data-testid=consent-submit]');
    await page.waitForSelector('[data-testid=consent-missing]');
    await page.check('[data-testid=consent-scope-counseling]');
    await page.check('[data-testid=consent-scope-sensitive_processing]');
    await page.check('[data-testid=consent-scope-platform_rules]');
    await page.screenshot({ path: join(RESULTS, 'consent-sign.png'), fullPage: true });
    await page.click('[data-testid=consent-submit]');
    await page.waitForURL((u) => u.pathname !== '/consent');

    // Books a time less than a day ahead (a client's own cancellation would be a no-show).
    await page.goto(`${url}/counselors/${profileId}`);
    await page.click('[data-testid=directory-detail-book]');
    await page.waitForSelector('[data-testid=booking-slots]');
    const starts = await page
      .locator('[data-testid=booking-slots-slot]')
      .evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-starts-at')));
    const soon = starts.find((s) => s !== null && Date.parse(s) < Date.now() + DAY_MS);
    expect(soon).toBeDefined();
    await page.click(`[data-testid=booking-slots-slot][data-starts-at="${soon ?? ''}"]`);
    await page.click('[data-testid=booking-submit]');
    await page.waitForSelector('[data-testid=booking-done]');

    // Withdraws: the consequences are said before the confirm button.
    await page.click('[data-testid=site-nav] a[href="/consent/mine"]');
    await page.click('[data-testid=consent-withdraw-counseling]');
    expect(
      await page.locator('[data-testid=consent-withdraw-consequences]').textContent(),
    ).toContain('免费取消');
    await page.click('[data-testid=consent-withdraw-confirm]');
    await expect
      .poll(() => page.locator('[data-testid=consent-withdrawn]').textContent())
      .toContain('1');
    expect(await page.locator('[data-testid=consent-withdrawn]').textContent()).toContain(
      '删除申请',
    );
    await page.screenshot({ path: join(RESULTS, 'consent-withdrawn.png'), fullPage: true });

    // The appointment is cancelled, not a no-show.
    await page.goto(`${url}/appointments`);
    await page.waitForSelector('[data-testid=appointments-past]');
    await expect
      .poll(() =>
        page
          .locator('[data-testid=appointments-past] [data-status]')
          .first()
          .getAttribute('data-status'),
      )
      .toBe('cancelled');
    // And booking again leads back to the consent page.
    await page.goto(`${url}/counselors/${profileId}`);
    await page.waitForSelector('[data-testid=consent-submit]');
  });

  it('asks a client to accept again after an administrator publishes a material version', async () => {
    const { runtime, orgId } = product;
    const client = await runtime.ctx.database.db.transaction(async (tx) =>
      createPerson(tx, runtime.ctx.vault, orgId, {
        email: returning,
        realName: '回访测试',
        displayName: '小回',
        roles: ['client'],
        passwordHash: await hashPassword(PASSWORD),
        isDemo: false,
        meta: null,
      }),
    );
    await grantConsents(runtime.ctx.database.db, orgId, client.userId);
    await createStaff(product, {
      role: 'administrator',
      email: adminEmail,
      displayName: '管理员',
      password: PASSWORD,
    });
    const admin = await newPage();
    admin.setDefaultTimeout(15_000);
    await signInEnrollingTotp(admin, runtime.url, adminEmail, PASSWORD);
    await admin.click('[data-testid=site-nav] a[href="/admin/policy-documents"]');
    await admin.waitForSelector('[data-testid=policy-draft]');
    expect(await axeViolationsOn(admin)).toEqual([]);
    // The editor starts from the text in force; the change is marked material (the default).
    const body = admin.locator('[data-testid=policy-bodyZh]');
    await body.fill(`${await body.inputValue()}\n八、新增条款。`);
    await admin.click('[data-testid=policy-save]');
    await admin.click('[data-testid=policy-publish]');
    await expect
      .poll(() => admin.locator('[data-testid=policy-versions] tbody tr').count())
      .toBe(2);
    await admin.screenshot({ path: join(RESULTS, 'consent-admin.png'), fullPage: true });

    // The client who had agreed to version 1 is asked again at the next sign-in.
    const page = await newPage();
    page.setDefaultTimeout(15_000);
    await signIn(page, returning);
    await page.waitForSelector('[data-testid=consent-new-version]');
    expect(await page.locator('[data-testid=document-informed_consent]').textContent()).toContain(
      '新增条款',
    );
    await page.check('[data-testid=consent-scope-counseling]');
    await page.check('[data-testid=consent-scope-sensitive_processing]');
    await page.check('[data-testid=consent-scope-platform_rules]');
    await page.click('[data-testid=consent-submit]');
    await page.waitForURL((u) => u.pathname !== '/consent');
    const [row] = await runtime.ctx.database.query<{ document_version: number }>(
      `SELECT document_version FROM consents
        WHERE subject_id = $1 AND scope = 'counseling' AND status = 'active'`,
      [client.userId],
    );
    expect(row?.document_version).toBe(2);
  });
});
