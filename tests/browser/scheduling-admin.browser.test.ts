import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantConsents } from '../../server/src/modules/consent/test-support/consent-fixtures.ts';
import { buildCounselor } from '../../server/src/modules/counselors/test-support/counselor-factory.ts';
import { createPerson } from '../../server/src/modules/identity/setup.service.ts';
import { insertAppointmentRow } from '../../server/src/modules/scheduling/appointment-fixtures.ts';
import { hashPassword } from '../../server/src/platform/auth/passwords.ts';
import { availabilityRules } from '../../server/src/platform/db/schema/index.ts';
import { PASSWORD as MEMBER_PASSWORD } from '../../server/src/test/identity-fixtures.ts';
import type { TestApp } from '../../server/src/test/test-app.ts';
// Declares what the server's test set-up provides (the seeding helpers' modules refer to it).
import type {} from '../../server/src/test/global-setup.pglite.ts';
import { localDayKey, todayIn, weekStart } from '../../web/src/features/scheduling/time.ts';
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
const ZONE = 'Asia/Shanghai';
const HOUR_MS = 3_600_000;
const GRID_MS = 30 * 60_000;

/**
 * Scheduling configuration end to end, in Chromium against the real server: an administrator
 * widens the cancellation window to 48 hours and adds a session type; a client whose appointment
 * is 36 hours away is then told, before confirming a reschedule, that it now counts as a
 * no-show, and sees the new time; the counselor's and the centre's calendars show it.
 */
describe('scheduling settings and rescheduling in Chromium', () => {
  let product: Product;
  let admin: Page;
  let counselorLogin: { email: string; totp: () => string };
  let clientEmail = '';
  let originalId = '';
  /** The rescheduled appointment: its id and start, found on the client's page. */
  const moved = { id: '', startsAt: '', clock: '', day: '' };

  beforeAll(async () => {
    product = await startProduct('scheduling-admin');
    const { runtime, orgId } = product;
    const t = { ctx: runtime.ctx, database: runtime.ctx.database } as unknown as TestApp;
    // An approved counselor open all day, every day, written straight to the database.
    const counselor = await buildCounselor(t, { name: `Qiao ${STAMP}`, modalities: ['video'] });
    counselorLogin = counselor.member;
    await runtime.ctx.database.db.insert(availabilityRules).values(
      [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
        organizationId: orgId,
        counselorId: counselor.profileId,
        weekday,
        startTime: '00:00',
        endTime: '23:30',
      })),
    );
    // A client with an appointment 36 hours ahead: on time under the default 24-hour window,
    // late once the window is 48 hours.
    clientEmail = `client.${STAMP}@example.org`;
    const client = await runtime.ctx.database.db.transaction(async (tx) =>
      createPerson(tx, runtime.ctx.vault, orgId, {
        email: clientEmail,
        realName: '乔来访者',
        displayName: '小乔',
        roles: ['client'],
        passwordHash: await hashPassword(PASSWORD),
        isDemo: false,
        meta: null,
      }),
    );
    // Rescheduling needs the client's consent (B10); the consent page has its own test.
    await grantConsents(runtime.ctx.database.db, orgId, client.userId);
    const startsAt = new Date(Math.ceil((Date.now() + 36 * HOUR_MS) / GRID_MS) * GRID_MS);
    originalId = await insertAppointmentRow(t, {
      organizationId: orgId,
      counselorId: counselor.profileId,
      clientUserId: client.userId,
      startsAt,
    });
  });
  afterAll(() => product.stop());

  async function newPage(options: { bypassCSP?: boolean; from?: BrowserContext } = {}) {
    const context = await product.browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'zh-CN',
      timezoneId: ZONE,
      bypassCSP: options.bypassCSP ?? false,
      ...(options.from ? { storageState: await options.from.storageState() } : {}),
    });
    return context.newPage();
  }

  /** Moves the calendar `steps` spans on, then waits for the moved appointment on its day. */
  async function findOnCalendar(page: Page, steps: number) {
    for (let step = 0; step < steps; step += 1) await page.click('[data-testid=schedule-next]');
    const day = page.locator(`[data-testid=schedule-calendar] [data-day="${moved.day}"]`);
    const item = day.locator(`[data-testid=schedule-item][data-id="${moved.id}"]`);
    await item.waitFor();
    return item;
  }

  it('lets an administrator change the cancellation window and add a session type', async () => {
    const email = `admin.${STAMP}@example.org`;
    await createStaff(product, {
      role: 'administrator',
      email,
      displayName: '管理员',
      password: PASSWORD,
    });
    admin = await newPage();
    await signInEnrollingTotp(admin, product.runtime.url, email, PASSWORD);
    await admin.click('[data-testid=site-nav] a[href="/admin/scheduling"]');
    const window = admin.locator('[data-testid=scheduling-settings-cancellationWindowHours]');
    await window.waitFor();
    expect(await window.inputValue()).toBe('24');
    expect(await admin.locator('[data-testid=cancellation-rule]').textContent()).toContain(
      '24 小时规则',
    );

    // A value outside the allowed range is explained beside its field, and nothing is saved.
    await window.fill('500');
    await admin.click('[data-testid=scheduling-settings-submit]');
    const error = admin.locator('[data-testid=scheduling-settings-cancellationWindowHours-error]');
    expect(await error.textContent()).toBe('请输入 0 到 168 之间的整数。');
    expect(await window.getAttribute('aria-invalid')).toBe('true');
    await window.fill('48');
    await admin.click('[data-testid=scheduling-settings-submit]');
    await expect
      .poll(() => admin.locator('[data-testid=scheduling-settings-saved]').textContent())
      .toBe('预约规则已保存。');
    const settings = await admin.evaluate(() =>
      fetch('/api/v1/settings/scheduling').then((res) => res.json() as Promise<unknown>),
    );
    expect(settings).toMatchObject({ cancellationWindowHours: 48 });

    // A new session type joins the table.
    await admin.fill('[data-testid=session-type-add-code]', 'couple');
    await admin.fill('[data-testid=session-type-add-labelZh]', '伴侣咨询');
    await admin.fill('[data-testid=session-type-add-labelEn]', 'Couples session');
    await admin.fill('[data-testid=session-type-add-durationMinutes]', '90');
    await admin.click('[data-testid=session-type-add-submit]');
    await expect
      .poll(() => admin.locator('[data-testid=session-type-added]').textContent())
      .toBe('咨询类型已添加。');
    const row = admin.locator('[data-testid=session-type-row][data-code=couple]');
    expect(await row.textContent()).toContain('90 分钟');
    expect(await row.getAttribute('data-active')).toBe('true');

    // Making it the intake type moves the flag: the old intake type becomes an ordinary one.
    const intakeRow = admin.locator('[data-testid=session-type-row][data-code=intake]');
    await row.locator('[data-testid=session-type-row-edit]').click();
    await admin.check('[data-testid=session-type-edit-isIntake]');
    await admin.click('[data-testid=session-type-edit-submit]');
    await expect.poll(() => row.getAttribute('data-intake')).toBe('true');
    await expect.poll(() => intakeRow.getAttribute('data-intake')).toBe('false');
    // Retiring the only intake type is refused by the server, and the form says why.
    await row.locator('[data-testid=session-type-row-edit]').click();
    await admin.uncheck('[data-testid=session-type-edit-isIntake]');
    await admin.click('[data-testid=session-type-edit-submit]');
    const refused = admin.locator('[data-testid=session-type-edit-error]');
    await refused.waitFor();
    expect(await refused.textContent()).toContain('必须且只能有一个启用的初始访谈类型');
    await admin.click('[data-testid=session-type-edit-cancel]');
    // Back to the seeded intake type, for the client's steps below.
    await intakeRow.locator('[data-testid=session-type-row-edit]').click();
    await admin.check('[data-testid=session-type-edit-isIntake]');
    await admin.click('[data-testid=session-type-edit-submit]');
    await expect.poll(() => intakeRow.getAttribute('data-intake')).toBe('true');
    expect(await row.getAttribute('data-intake')).toBe('false');
    // An allowed edit is saved; the code stays as it was.
    await row.locator('[data-testid=session-type-row-edit]').click();
    await admin.fill('[data-testid=session-type-edit-durationMinutes]', '80');
    await admin.click('[data-testid=session-type-edit-submit]');
    await expect
      .poll(() => admin.locator('[data-testid=session-types-done]').textContent())
      .toBe('咨询类型已保存。');
    expect(await row.textContent()).toContain('80 分钟');

    // The page, with an edit form open, passes axe (in a context that may inject it).
    const audit = await newPage({ bypassCSP: true, from: admin.context() });
    await audit.goto(`${product.runtime.url}/admin/scheduling`);
    await audit.locator('[data-testid=session-type-row-edit]').first().click();
    await audit.waitForSelector('[data-testid=session-type-edit-form]');
    expect(await axeViolationsOn(audit)).toEqual([]);
    await audit.context().close();
    await admin.screenshot({ path: join(RESULTS, 'scheduling-admin.png'), fullPage: true });
  });

  it('tells a client the consequence of a late reschedule before confirming it', async () => {
    const client = await newPage();
    await client.goto(`${product.runtime.url}/sign-in`);
    await client.fill('[data-testid=sign-in-identifier]', clientEmail);
    await client.fill('[data-testid=sign-in-password]', PASSWORD);
    await client.click('[data-testid=sign-in-submit]');
    await client.waitForSelector('[data-testid=account-menu-button]');
    await client.click('[data-testid=site-nav] a[href="/appointments"]');
    const original = client.locator(`[data-testid=appointment-row][data-id="${originalId}"]`);
    await original.locator('[data-testid=appointment-reschedule]').click();

    // 36 hours ahead is inside the new 48-hour window: said before the confirm button is used.
    const consequence = client.locator('[data-testid=reschedule-consequence]');
    await consequence.waitFor();
    expect(await consequence.getAttribute('data-outcome')).toBe('late_cancel_noshow');
    expect(await consequence.textContent()).toContain('原预约将记为爽约');

    // A time at least three days on, well past the window.
    await client.waitForSelector('[data-testid=reschedule-slots]');
    const starts = await client
      .locator('[data-testid=reschedule-slots-slot]')
      .evaluateAll((buttons) => buttons.map((button) => button.getAttribute('data-starts-at')));
    moved.startsAt =
      starts.find((at) => at !== null && Date.parse(at) > Date.now() + 72 * HOUR_MS) ?? '';
    expect(moved.startsAt).not.toBe('');
    const slot = client.locator(
      `[data-testid=reschedule-slots-slot][data-starts-at="${moved.startsAt}"]`,
    );
    moved.clock = (await slot.textContent()) ?? '';
    await slot.click();
    await client.click('[data-testid=reschedule-confirm]');
    await expect
      .poll(() => client.locator('[data-testid=appointments-done]').textContent())
      .toBe('预约已改期。');

    // The new time is the one upcoming appointment; the original is past, as a no-show.
    const upcoming = client.locator(
      '[data-testid=appointments-upcoming] [data-testid=appointment-row]',
    );
    await expect.poll(() => upcoming.getAttribute('data-id')).not.toBe(originalId);
    moved.id = (await upcoming.getAttribute('data-id')) ?? '';
    expect(await upcoming.textContent()).toContain(moved.clock);
    expect(
      await client
        .locator(`[data-testid=appointments-past] [data-id="${originalId}"] [data-status]`)
        .getAttribute('data-status'),
    ).toBe('noshow');
    await client.screenshot({ path: join(RESULTS, 'scheduling-rescheduled.png'), fullPage: true });
    await client.context().close();
  });

  it('shows the moved appointment on the counselor’s day view and the centre’s week view', async () => {
    const today = todayIn(ZONE);
    const day = localDayKey(moved.startsAt, ZONE);
    moved.day = day;
    const daysAhead = Math.round((Date.parse(day) - Date.parse(today)) / (24 * HOUR_MS));
    const weeksAhead = Math.round(
      (Date.parse(weekStart(day)) - Date.parse(weekStart(today))) / (7 * 24 * HOUR_MS),
    );

    const counselor = await newPage();
    await counselor.goto(`${product.runtime.url}/sign-in`);
    await counselor.fill('[data-testid=sign-in-identifier]', counselorLogin.email);
    await counselor.fill('[data-testid=sign-in-password]', MEMBER_PASSWORD);
    await counselor.click('[data-testid=sign-in-submit]');
    await counselor.fill('[data-testid=mfa-code]', counselorLogin.totp());
    await counselor.click('[data-testid=mfa-submit]');
    await counselor.waitForSelector('[data-testid=account-menu-button]');
    await counselor.click('[data-testid=site-nav] a[href="/schedule"]');
    await counselor.click('[data-testid=schedule-view-day]');
    const own = await findOnCalendar(counselor, daysAhead);
    expect(await own.textContent()).toContain(moved.clock);
    await counselor.context().close();

    await admin.click('[data-testid=site-nav] a[href="/admin/schedule"]');
    await admin.waitForSelector('[data-testid=schedule-calendar]');
    const centre = await findOnCalendar(admin, weeksAhead);
    expect(await centre.textContent()).toContain(moved.clock);
  });

  it('lets the administrator set the room window, observing and the note format', async () => {
    await admin.click('[data-testid=site-nav] a[href="/admin/counseling-settings"]');
    const grace = admin.locator('[data-testid=sessions-settings-graceMinutes]');
    await grace.waitFor();
    expect(await grace.inputValue()).toBe('15');
    await grace.fill('500');
    await admin.click('[data-testid=sessions-settings-submit]');
    expect(
      await admin.locator('[data-testid=sessions-settings-graceMinutes-error]').textContent(),
    ).toBe('请输入 0 到 240 之间的整数。');
    await grace.fill('20');
    await admin.selectOption('[data-testid=sessions-settings-observerAllowed]', 'yes');
    await admin.click('[data-testid=sessions-settings-submit]');
    await admin.locator('[data-testid=sessions-settings-saved]').waitFor();
    await admin.selectOption('[data-testid=records-settings-sessionNoteTemplate]', 'dap');
    await admin.click('[data-testid=records-settings-submit]');
    await admin.locator('[data-testid=records-settings-saved]').waitFor();
    const saved = await admin.evaluate(() =>
      Promise.all(
        ['sessions', 'records'].map((name) =>
          fetch(`/api/v1/settings/${name}`).then((res) => res.json() as Promise<unknown>),
        ),
      ),
    );
    expect(saved).toEqual([
      { openMinutesBefore: 10, graceMinutes: 20, observerAllowed: true },
      { sessionNoteTemplate: 'dap' },
    ]);
    const audit = await newPage({ bypassCSP: true, from: admin.context() });
    await audit.goto(`${product.runtime.url}/admin/counseling-settings`);
    await audit.waitForSelector('[data-testid=records-settings-form]');
    expect(await axeViolationsOn(audit)).toEqual([]);
    await audit.context().close();
  });
});
