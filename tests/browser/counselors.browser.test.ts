import { join } from 'node:path';
import type { Role } from '@anxin/common';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  axeViolationsOn,
  createStaff,
  MINIMAL_PDF,
  RESULTS,
  signInEnrollingTotp,
  startProduct,
  TINY_PNG,
  type Product,
} from './harness.ts';

const PASSWORD = 'a sturdy passphrase 42';
const STAMP = Date.now().toString(36);
const COUNSELOR_NAME = `周晴老师 ${STAMP}`;

/** A date `days` from today, as a date input takes it. */
function dayFromToday(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Vetting end to end, in Chromium against the real server: a counselor applies (profile,
 * certificate, scan, submission), an administrator reviews and approves, and the public
 * directory lists the counselor, filterable by specialty.
 */
describe('counselor vetting and directory in Chromium', () => {
  let product: Product;
  let runtime: Product['runtime'];
  let counselor: Page;
  let admin: Page;
  let profileId = '';
  const cspViolations: string[] = [];

  beforeAll(async () => {
    product = await startProduct('counselors');
    runtime = product.runtime;
  });
  afterAll(() => product.stop());

  const newContext = async (
    options: { width?: number; bypassCSP?: boolean; from?: BrowserContext } = {},
  ): Promise<Page> => {
    const context = await product.browser.newContext({
      viewport: { width: options.width ?? 1280, height: 900 },
      bypassCSP: options.bypassCSP ?? false,
      ...(options.from ? { storageState: await options.from.storageState() } : {}),
    });
    const page = await context.newPage();
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    return page;
  };

  /** A staff member created directly, then signed in through the pages, enrolling TOTP. */
  async function signInNewStaff(role: Role, displayName: string): Promise<Page> {
    const email = `${role}.${STAMP}@example.org`;
    await createStaff(product, { role, email, displayName, password: PASSWORD });
    const page = await newContext();
    await signInEnrollingTotp(page, runtime.url, email, PASSWORD);
    return page;
  }

  /** axe-core on a page, in a context that may run injected scripts (the CSP forbids them). */
  async function axeViolations(path: string, from?: BrowserContext): Promise<string[]> {
    const page = await newContext({ bypassCSP: true, ...(from ? { from } : {}) });
    await page.goto(runtime.url + path);
    await page.waitForSelector('h1');
    await page.waitForSelector('[data-testid=loading]', { state: 'detached' });
    const violations = await axeViolationsOn(page);
    await page.context().close();
    return violations;
  }

  it('lets a counselor fill in the profile, add a certificate with its scan, and submit', async () => {
    counselor = await signInNewStaff('counselor', '周晴');
    await counselor.click('[data-testid=site-nav] a[href="/counselor/profile"]');
    await counselor.waitForSelector('[data-testid=profile-new-intro]');

    await counselor.fill('[data-testid=profile-editor-displayName]', COUNSELOR_NAME);
    await counselor.selectOption('[data-testid=profile-editor-gender]', 'female');
    await counselor.fill('[data-testid=profile-editor-yearsOfPractice]', '7');
    await counselor.check('[data-testid=profile-editor-languages-zh]');
    await counselor.check('[data-testid=profile-editor-specialties-grief]');
    await counselor.check('[data-testid=profile-editor-specialties-sleep]');
    await counselor.check('[data-testid=profile-editor-approaches-humanistic]');
    await counselor.check('[data-testid=profile-editor-modalities-video]');
    await counselor.fill(
      '[data-testid=profile-editor-bioZh]',
      '陪伴经历丧失与哀伤的来访者，也关注睡眠困扰。',
    );
    // A wrong amount is caught beside its field before anything is sent.
    await counselor.fill('[data-testid=profile-editor-fees-intake]', '三百');
    await counselor.click('[data-testid=profile-editor-submit]');
    await counselor.waitForSelector('[data-testid=profile-editor-fees-intake-error]');
    await counselor.fill('[data-testid=profile-editor-fees-intake]', '380');
    await counselor.fill('[data-testid=profile-editor-fees-follow_up]', '299.5');
    await counselor.click('[data-testid=profile-editor-submit]');
    await expect
      .poll(() => counselor.locator('[data-testid=counselor-status]').getAttribute('data-status'))
      .toBe('applicant');
    await expect
      .poll(() => counselor.locator('[data-testid=profile-editor-saved]').textContent())
      .toBe('资料已保存。');

    await counselor.setInputFiles('[data-testid=photo-upload-input]', {
      name: 'portrait.png',
      mimeType: 'image/png',
      buffer: TINY_PNG,
    });
    await counselor.click('[data-testid=photo-upload-submit]');
    await expect
      .poll(() =>
        counselor
          .locator('.photo-panel img.avatar')
          .evaluate((img: HTMLImageElement) => img.naturalWidth),
      )
      .toBe(1);

    await counselor.click('.subnav a[href="/counselor/qualifications"]');
    await counselor.waitForSelector('[data-testid=qualifications-empty]');
    await counselor.selectOption('[data-testid=qualification-add-typeCode]', 'cps_registered');
    await counselor.fill('[data-testid=qualification-add-number]', `CPS-${STAMP}`);
    await counselor.fill('[data-testid=qualification-add-issuer]', '中国心理学会');
    await counselor.fill('[data-testid=qualification-add-issuedOn]', dayFromToday(-400));
    await counselor.fill('[data-testid=qualification-add-expiresOn]', dayFromToday(45));
    await counselor.fill(
      '[data-testid=qualification-add-verificationUrl]',
      'https://example.org/registry',
    );
    await counselor.click('[data-testid=qualification-add-submit]');
    const card = counselor.locator('[data-testid=qualification-card]');
    await expect.poll(() => card.count()).toBe(1);
    // 45 days to expiry: flagged.
    expect(
      await card.locator('[data-testid=qualification-expiry]').getAttribute('data-level'),
    ).toBe('soon');

    // A text file named .pdf is refused by content, and the server's explanation is shown.
    await card.locator('[data-testid=qualification-file-input]').setInputFiles({
      name: 'certificate.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('this is not a PDF at all'),
    });
    await card.locator('[data-testid=qualification-file-submit]').click();
    await expect
      .poll(() => card.locator('[data-testid=qualification-file-detail]').textContent())
      .toMatch(/详情：.*text\/plain|详情：.*not a recognised type/);

    await card.locator('[data-testid=qualification-file-input]').setInputFiles({
      name: '注册证书.pdf',
      mimeType: 'application/pdf',
      buffer: MINIMAL_PDF,
    });
    await card.locator('[data-testid=qualification-file-submit]').click();
    await counselor.waitForSelector('[data-testid=qualification-download]');
    await counselor.screenshot({
      path: join(RESULTS, 'counselor-qualifications.png'),
      fullPage: true,
    });

    await counselor.click('.subnav a[href="/counselor/profile"]');
    await counselor.click('[data-testid=profile-submit]');
    await expect
      .poll(() => counselor.locator('[data-testid=counselor-status]').getAttribute('data-status'))
      .toBe('submitted');
    // Under review the application is locked: the editor gives way to read-only facts.
    expect(await counselor.locator('[data-testid=profile-facts]').count()).toBe(1);
    expect(await counselor.locator('[data-testid=profile-editor-form]').count()).toBe(0);
    await counselor.screenshot({ path: join(RESULTS, 'counselor-submitted.png'), fullPage: true });
  });

  it('lets an administrator review, verify the certificate and approve', async () => {
    admin = await signInNewStaff('administrator', '审核管理员');
    await admin.click('[data-testid=site-nav] a[href="/admin/counselors"]');
    const row = admin.locator('[data-testid=admin-counselor-row]', { hasText: COUNSELOR_NAME });
    await row.waitFor();
    profileId = (await row.getAttribute('data-counselor-id')) ?? '';
    await admin.screenshot({ path: join(RESULTS, 'admin-review-queue.png'), fullPage: true });
    await row.locator('[data-testid=admin-counselor-link]').click();
    await admin.waitForSelector('[data-testid=decisions]');
    expect(await admin.locator('h1').textContent()).toBe(COUNSELOR_NAME);

    // A rejection needs a reason: refused in the page, nothing sent.
    await admin.click('[data-testid=transition-reject]');
    await admin.waitForSelector('[data-testid=transition-reason-error]');

    await admin.click('[data-testid=transition-start_review]');
    await expect
      .poll(() => admin.locator('[data-testid=counselor-status]').getAttribute('data-status'))
      .toBe('under_review');

    const qualification = admin.locator('[data-testid=admin-qualification]');
    expect(await qualification.locator('[data-testid=qualification-download]').count()).toBe(1);
    await qualification.locator('[data-testid=qualification-verify]').click();
    await expect
      .poll(() =>
        qualification.locator('[data-testid=qualification-status]').getAttribute('data-status'),
      )
      .toBe('verified');

    await admin.click('[data-testid=transition-approve]');
    await expect
      .poll(() => admin.locator('[data-testid=counselor-status]').getAttribute('data-status'))
      .toBe('approved');
    await expect
      .poll(() => admin.locator('[data-testid=admin-listable]').textContent())
      .toBe('当前在咨询师目录中展示。');
    expect(await admin.locator('[data-testid=review-event]').count()).toBeGreaterThanOrEqual(3);
    await admin.screenshot({ path: join(RESULTS, 'admin-counselor-approved.png'), fullPage: true });

    // The counselor sees the outcome on their own page.
    await counselor.reload();
    await expect
      .poll(() => counselor.locator('[data-testid=status-next]').textContent())
      .toContain('咨询师目录中找到你');
  });

  it('lists the approved counselor in the public directory, filterable by specialty', async () => {
    const visitor = await newContext();
    await visitor.goto(`${runtime.url}/counselors`);
    const card = visitor.locator('[data-testid=directory-card]', { hasText: COUNSELOR_NAME });
    await card.waitFor();
    expect(await card.locator('[data-testid=directory-card-fee]').textContent()).toBe('¥299.50 起');
    expect(await card.textContent()).toContain('丧失与哀伤');
    expect(await card.textContent()).toContain('中国心理学会注册心理师');
    // The portrait loads from the public directory, without a session.
    const photo = card.locator('img.avatar');
    await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);

    await visitor.selectOption('[data-testid=directory-filter-specialty]', 'grief');
    await visitor.click('[data-testid=directory-filter-submit]');
    await visitor.waitForURL(/specialty=grief/);
    await card.waitFor();
    await visitor.screenshot({ path: join(RESULTS, 'directory-grief.png'), fullPage: true });

    await visitor.selectOption('[data-testid=directory-filter-specialty]', 'youth');
    await visitor.click('[data-testid=directory-filter-submit]');
    await visitor.waitForURL(/specialty=youth/);
    await visitor.waitForSelector('[data-testid=directory-count]');
    expect(await card.count()).toBe(0);

    await visitor.goto(`${runtime.url}/counselors?specialty=grief`);
    await card.locator('[data-testid=directory-card-link]').click();
    await visitor.waitForSelector('[data-testid=directory-detail-bio]');
    expect(await visitor.locator('h1').textContent()).toBe(COUNSELOR_NAME);
    expect(await visitor.locator('[data-testid=fee-list]').textContent()).toContain('¥380');
    // The one way to book: a link to the booking page.
    expect(await visitor.locator('[data-testid=directory-detail-book]').getAttribute('href')).toBe(
      `/counselors/${profileId}/book`,
    );

    await visitor.locator('[data-testid=language-switch]').selectOption('en');
    await expect
      .poll(() => visitor.locator('[data-testid=directory-detail-bio]').getAttribute('lang'))
      .toBe('zh-CN');
    expect(await visitor.locator('body').textContent()).toContain('Grief and loss');
    await visitor.screenshot({ path: join(RESULTS, 'directory-detail-en.png'), fullPage: true });
    await visitor.context().close();
  });

  it('lets the counselor declare a relationship and record training and supervision', async () => {
    await counselor.goto(`${runtime.url}/counselor/relationships`);
    await counselor.fill('[data-testid=relationship-clientIdentifier]', 'cousin@example.org');
    await counselor.fill('[data-testid=relationship-description]', '表妹');
    await counselor.click('[data-testid=relationship-submit]');
    const relationship = counselor.locator('[data-testid=relationship-row]');
    await relationship.waitFor();
    await relationship.locator('[data-testid=relationship-end-button]').click();
    await expect.poll(() => relationship.getAttribute('data-ended')).toBe('true');

    await counselor.goto(`${runtime.url}/counselor/development`);
    await counselor.waitForSelector('[data-testid=training-empty]');
    await counselor.fill('[data-testid=training-title]', '哀伤辅导工作坊');
    await counselor.fill('[data-testid=training-provider]', '中国心理学会');
    await counselor.fill('[data-testid=training-category]', '哀伤');
    await counselor.fill('[data-testid=training-hours]', '1.5');
    await counselor.fill('[data-testid=training-completedOn]', dayFromToday(0));
    await counselor.click('[data-testid=training-submit]');
    const training = counselor.locator('[data-testid=training-row]');
    await training.waitFor();
    await training.locator('[data-testid=training-evidence-input]').setInputFiles({
      name: 'attendance.pdf',
      mimeType: 'application/pdf',
      buffer: MINIMAL_PDF,
    });
    await training.locator('[data-testid=training-evidence-submit]').click();
    await expect
      .poll(() => training.locator('[data-testid=training-evidence-done]').textContent())
      .toBe('已上传。');

    await counselor.fill('[data-testid=supervision-supervisorName]', '陈督导');
    await counselor.fill('[data-testid=supervision-heldOn]', dayFromToday(0));
    await counselor.fill('[data-testid=supervision-hours]', '2');
    await counselor.click('[data-testid=supervision-submit]');
    await counselor.locator('[data-testid=supervision-row]').waitFor();
    await expect
      .poll(() => counselor.locator('[data-testid=development-progress-text]').textContent())
      .toBe('继续教育已完成 1.5 / 20 学时');
    await counselor.screenshot({
      path: join(RESULTS, 'counselor-development.png'),
      fullPage: true,
    });
  });

  /** How many audited reads of this kind the server has recorded for the profile. */
  async function auditedReads(action: string): Promise<number> {
    const rows = await runtime.ctx.database.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM audit_events WHERE action = $1 AND entity_id = $2',
      [action, profileId],
    );
    return rows[0]?.n ?? 0;
  }

  it('shows an administrator the relationships and training on demand, and lets them edit the profile', async () => {
    const relationshipReads = await auditedReads('counselor.relationships.read');
    const developmentReads = await auditedReads('counselor.development.read');
    await admin.goto(`${runtime.url}/admin/counselors/${profileId}`);
    await admin.waitForSelector('[data-testid=decisions]');
    await admin.waitForSelector('[data-testid=loading]', { state: 'detached' });

    // Declared relationships name other people: nothing is read until the section is opened.
    const relationships = admin.locator('[data-testid=admin-relationships]');
    const relationshipsToggle = relationships.locator('[data-testid=admin-relationships-toggle]');
    expect(await relationshipsToggle.getAttribute('aria-expanded')).toBe('false');
    expect(await relationships.locator('[data-testid=relationship-row]').count()).toBe(0);
    expect(await auditedReads('counselor.relationships.read')).toBe(relationshipReads);
    await relationshipsToggle.click();
    expect(await relationshipsToggle.getAttribute('aria-expanded')).toBe('true');
    const declared = relationships.locator('[data-testid=relationship-row]');
    await declared.waitFor();
    expect(await declared.textContent()).toContain('表妹');
    expect(await declared.getAttribute('data-ended')).toBe('true');
    // Read-only: the administrator cannot end or declare one.
    expect(await relationships.locator('button:not([aria-expanded])').count()).toBe(0);
    expect(await auditedReads('counselor.relationships.read')).toBe(relationshipReads + 1);

    const development = admin.locator('[data-testid=admin-development]');
    expect(await auditedReads('counselor.development.read')).toBe(developmentReads);
    await development.locator('[data-testid=admin-development-toggle]').click();
    await development.locator('[data-testid=training-row]').waitFor();
    expect(await development.locator('[data-testid=training-row]').textContent()).toContain(
      '哀伤辅导工作坊',
    );
    expect(await development.locator('[data-testid=supervision-row]').textContent()).toContain(
      '陈督导',
    );
    expect(await development.locator('[data-testid=training-delete-button]').count()).toBe(0);
    expect(await development.locator('form').count()).toBe(0);
    expect(await auditedReads('counselor.development.read')).toBe(developmentReads + 1);
    await admin.screenshot({ path: join(RESULTS, 'admin-counselor-records.png'), fullPage: true });

    // A8: the administrator corrects the public profile with the counselor's own editor.
    const edit = admin.locator('[data-testid=admin-profile-edit]');
    expect(await edit.getAttribute('aria-expanded')).toBe('false');
    await edit.click();
    expect(await edit.getAttribute('aria-expanded')).toBe('true');
    expect(await admin.inputValue('[data-testid=profile-editor-displayName]')).toBe(COUNSELOR_NAME);
    await admin.fill('[data-testid=profile-editor-bioEn]', 'Walks with people through grief.');
    await admin.fill('[data-testid=profile-editor-fees-intake]', '400');
    await admin.click('[data-testid=profile-editor-submit]');
    await expect
      .poll(() => admin.locator('[data-testid=admin-profile-saved]').textContent())
      .toBe('资料已保存。');
    expect(await edit.getAttribute('aria-expanded')).toBe('false');
    expect(await admin.locator('[data-testid=profile-editor-form]').count()).toBe(0);
    await admin.reload();
    const facts = admin.locator('[data-testid=profile-facts]');
    await facts.waitFor();
    expect(await facts.textContent()).toContain('Walks with people through grief.');
    expect(await facts.textContent()).toContain('¥400');
    // Nothing sensitive was read again on the reload.
    expect(await auditedReads('counselor.relationships.read')).toBe(relationshipReads + 1);
  });

  it('shows administrators the training shortfall, the vocabularies and the settings', async () => {
    await admin.click('[data-testid=site-nav] a[href="/admin/counselors/development"]');
    await admin.locator('[data-testid=shortfall-row]', { hasText: COUNSELOR_NAME }).waitFor();

    await admin.click('[data-testid=site-nav] a[href="/admin/vocabularies"]');
    await admin.waitForSelector('[data-testid=vocabulary-list]');
    await admin.fill('[data-testid=vocabulary-add-code]', `eating_${STAMP}`);
    await admin.fill('[data-testid=vocabulary-add-labelZh]', '进食障碍');
    await admin.fill('[data-testid=vocabulary-add-labelEn]', 'Eating disorders');
    await admin.click('[data-testid=vocabulary-add-submit]');
    const term = admin.locator(`[data-testid=vocabulary-term][data-code="eating_${STAMP}"]`);
    await term.waitFor();
    await term.locator('[data-testid=vocabulary-retire]').click();
    await expect.poll(() => term.getAttribute('data-active')).toBe('false');

    await admin.click('[data-testid=site-nav] a[href="/admin/settings"]');
    await admin.fill('[data-testid=counselor-settings-ceHoursPerYear]', '24');
    await admin.fill('[data-testid=counselor-settings-reminderDays]', '7, 60，30');
    await admin.click('[data-testid=counselor-settings-submit]');
    await expect
      .poll(() => admin.locator('[data-testid=counselor-settings-saved]').textContent())
      .toBe('设置已保存。');
    await admin.reload();
    await expect
      .poll(() => admin.inputValue('[data-testid=counselor-settings-reminderDays]'))
      .toBe('60, 30, 7');
    expect(await admin.inputValue('[data-testid=counselor-settings-ceHoursPerYear]')).toBe('24');
  });

  it('fits the directory and the application on a 360 px phone', async () => {
    for (const [path, from] of [
      ['/counselors', undefined],
      ['/counselor/qualifications', counselor.context()],
      [`/admin/counselors/${profileId}`, admin.context()],
    ] as const) {
      const page = await newContext({ width: 360, ...(from ? { from } : {}) });
      await page.goto(runtime.url + path);
      await page.waitForSelector('h1');
      await page.waitForSelector('[data-testid=loading]', { state: 'detached' });
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect({ path, overflow }).toEqual({ path, overflow: 0 });
      if (path === '/counselors') {
        // The filters fold away on a phone; the button brings them back.
        expect(await page.isVisible('[data-testid=directory-filter-specialty]')).toBe(false);
        await page.click('[data-testid=directory-filters-toggle]');
        expect(await page.isVisible('[data-testid=directory-filter-specialty]')).toBe(true);
        await page.screenshot({ path: join(RESULTS, 'directory-360.png'), fullPage: true });
      }
      await page.context().close();
    }
  });

  it('has no accessibility violations that axe-core can detect', async () => {
    expect(await axeViolations('/counselors')).toEqual([]);
    expect(await axeViolations('/counselors?specialty=grief&minPrice=100')).toEqual([]);
    expect(await axeViolations(`/admin/counselors/${profileId}`, admin.context())).toEqual([]);
    expect(await axeViolations('/admin/counselors?view=all', admin.context())).toEqual([]);
    expect(await axeViolations('/counselor/profile', counselor.context())).toEqual([]);
    expect(await axeViolations('/counselor/qualifications', counselor.context())).toEqual([]);
    expect(await axeViolations('/counselor/development', counselor.context())).toEqual([]);
    expect(await axeViolations('/admin/vocabularies', admin.context())).toEqual([]);
  });

  it('violated no Content-Security-Policy rule on any page', async () => {
    await counselor.context().close();
    await admin.context().close();
    expect(cspViolations).toEqual([]);
  });
});
