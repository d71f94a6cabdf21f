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
import { csrfForSession } from '../../server/src/platform/auth/cookies.ts';
import { createSession } from '../../server/src/platform/auth/session-store.ts';
import { loadConfig } from '../../server/src/platform/config.ts';
import { startRuntime, type Runtime } from '../../server/src/runtime.ts';
import type { TestApp } from '../../server/src/test/test-app.ts';
// Declares what the server's test set-up provides (the seeding helpers' modules refer to it).
import type {} from '../../server/src/test/global-setup.pglite.ts';
import { launchChromium } from './browser.ts';
import { axeViolationsOn, RESULTS } from './harness.ts';

const ZERO = 'LA6568-5';
const SEVERAL = 'LA6569-3';

/**
 * Clinical records and questionnaires in Chromium against the real server. The counselor opens
 * the chart of a client of their episode, writes a session note (saved as they type), signs it
 * and amends it with a reason; the chain of two versions verifies as intact. Then the counselor
 * gives the client a PHQ-9, the client answers it on a phone with item 9 above 0 and is shown
 * the crisis lines, and the database holds the risk signal the answer raised.
 */
describe('records and questionnaires in Chromium', () => {
  let runtime: Runtime;
  let browser: Browser;
  let dataDir: string;
  let clientId = '';
  let clientName = '';
  const sessions = { client: '', counselor: '' };
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    mkdirSync(RESULTS, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), 'anxin-browser-records-'));
    const config = loadConfig({
      ANXIN_DATA_DIR: dataDir,
      PORT: '0',
      ANXIN_JOBS: 'off',
      ANXIN_DEMO: '1',
    });
    // The browser starts while the server does: neither waits for the other.
    const [started, launched] = await Promise.all([
      startRuntime(config, pino({ level: 'silent' })),
      launchChromium(),
    ]);
    runtime = started;
    browser = launched;
    // People, the episode and its appointment written straight to the database, as the
    // integration tests do.
    const t = { ctx: runtime.ctx, database: runtime.ctx.database } as unknown as TestApp;
    const counselor = await buildCounselor(t, { name: 'Lin Chart' });
    const client = await clientMember(t, 'chartclient');
    clientId = client.userId;
    const [episode] = await runtime.ctx.database.query<{ id: string }>(
      `INSERT INTO care_episodes (organization_id, client_user_id, counselor_id, status)
       VALUES ($1, $2, $3, 'active') RETURNING id`,
      [client.organizationId, client.userId, counselor.profileId],
    );
    const appointmentId = await insertAppointmentRow(t, {
      organizationId: client.organizationId,
      counselorId: counselor.profileId,
      clientUserId: client.userId,
      startsAt: new Date(Date.now() - 2 * 3_600_000),
      status: 'arrived',
    });
    await runtime.ctx.database.query(
      `UPDATE appointments SET episode_id = $1, status = 'fulfilled' WHERE id = $2`,
      [episode?.id, appointmentId],
    );
    const [named] = await runtime.ctx.database.query<{ display_name: string }>(
      'SELECT display_name FROM users WHERE id = $1',
      [client.userId],
    );
    clientName = named?.display_name ?? '';
    const session = async (userId: string, roles: ('client' | 'counselor')[]) =>
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
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
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
    });
    contexts.push(context);
    const csrf = csrfForSession(runtime.ctx.vault.keyring.tokenKey, token);
    await context.addCookies([
      { name: 'anxin_session', value: token, url: runtime.url },
      { name: 'anxin_csrf', value: csrf, url: runtime.url },
    ]);
    return context.newPage();
  }

  const autosaved = (page: Page) =>
    page.waitForSelector('[data-testid=autosave-status][data-status=saved]', { state: 'attached' });

  let counselor: Page;

  it('writes, signs and amends a session note from the chart; the chain verifies', async () => {
    counselor = await signedInPage(sessions.counselor);
    await counselor.goto(`${runtime.url}/clients/${clientId}/chart`);
    await counselor.waitForSelector('[data-testid=chart-timeline]');
    expect(await counselor.textContent('h1')).toContain(clientName);
    expect(await counselor.locator('[data-testid=timeline-entry]').count()).toBe(1);

    // A session note of the appointment; the draft opens in the editor.
    const appointment = counselor.locator('[data-testid=new-note-appointmentId] option').nth(1);
    await counselor.selectOption('[data-testid=new-note-appointmentId]', {
      value: (await appointment.getAttribute('value')) ?? '',
    });
    await counselor.click('[data-testid=new-note-submit]');
    await counselor.waitForURL(/\/records\/[0-9a-f-]{36}$/);
    await counselor.waitForSelector('[data-testid=record-editor]');
    expect(await counselor.getAttribute('[data-testid=record-status]', 'data-status')).toBe(
      'draft',
    );

    // Typing is saved after a pause, and the page says so.
    await counselor.fill('[data-testid=record-editor-content-subjective]', '近两周睡眠不好。');
    expect(await counselor.getAttribute('[data-testid=autosave-status]', 'data-status')).toMatch(
      /pending|saving/,
    );
    await autosaved(counselor);
    expect(await counselor.textContent('[data-testid=autosave-status]')).toContain('已保存');

    // Signing with required fields empty names them; filling them in lets it through.
    await counselor.click('[data-testid=record-sign]');
    await counselor.click('[data-testid=sign-confirm-submit]');
    await counselor.waitForSelector('[data-testid=record-editor-content-plan-error]');
    expect(await counselor.textContent('[data-testid=record-editor-content-plan-error]')).toBe(
      '签署前请填写此项。',
    );
    await counselor.fill('[data-testid=record-editor-content-objective]', '按时到达，精神疲惫。');
    await counselor.fill('[data-testid=record-editor-content-assessment]', '情绪低落，未见风险。');
    await counselor.fill('[data-testid=record-editor-content-plan]', '睡眠日记，一周后复评。');
    expect(await axeViolationsOn(counselor)).toEqual([]);
    await counselor.click('[data-testid=record-sign]');
    await counselor.click('[data-testid=sign-confirm-submit]');
    await counselor.waitForSelector('[data-testid=signed-record]');
    expect(await counselor.getAttribute('[data-testid=record-status]', 'data-status')).toBe(
      'signed',
    );
    expect(await counselor.textContent('[data-testid=record-latest]')).toContain(
      '睡眠日记，一周后复评。',
    );

    // An addendum: the latest content prefilled, a reason required.
    await counselor.click('[data-testid=addendum-open]');
    expect(await counselor.inputValue('[data-testid=addendum-content-plan]')).toBe(
      '睡眠日记，一周后复评。',
    );
    await counselor.fill('[data-testid=addendum-content-plan]', '睡眠日记；转介医生评估睡眠。');
    await counselor.click('[data-testid=addendum-submit]');
    await counselor.waitForSelector('[data-testid=addendum-reason-error]');
    await counselor.fill('[data-testid=addendum-reason]', '补充咨询后的转介安排。');
    await counselor.click('[data-testid=addendum-submit]');
    await counselor.waitForSelector('[data-testid=record-status][data-status=amended]');
    const versions = counselor.locator('[data-testid=record-version]');
    expect(await versions.count()).toBe(2);
    expect(await counselor.textContent('[data-testid=record-version-reason]')).toBe(
      '补充咨询后的转介安排。',
    );
    const hashes = await counselor.locator('[data-testid=record-version-hash]').allTextContents();
    expect(new Set(hashes).size).toBe(2);

    await counselor.click('[data-testid=record-verify]');
    await counselor.waitForSelector('[data-testid=verify-result][data-intact=true]');
    expect(await counselor.textContent('[data-testid=verify-result]')).toContain('版本链完整');
    expect(await axeViolationsOn(counselor)).toEqual([]);
    await counselor.screenshot({ path: join(RESULTS, 'record-signed.png'), fullPage: true });
  });

  it('assigns a PHQ-9 the client answers on a phone, with crisis lines for item 9', async () => {
    await counselor.click('[data-testid=record-chart-link]');
    await counselor.waitForSelector('[data-testid=chart-timeline]');
    await counselor.selectOption('[data-testid=assign-assessment-assessmentCode]', 'phq9');
    await counselor.click('[data-testid=assign-assessment-submit]');
    await counselor.waitForSelector(
      '[data-testid=timeline-assessment-status][data-status=assigned]',
    );
    expect(await counselor.textContent('[data-testid=assign-assessment-done]')).toContain('PHQ-9');

    const client = await signedInPage(sessions.client, 390);
    await client.goto(`${runtime.url}/me/assessments`);
    await client.click('[data-testid=my-assessment-open]');
    await client.waitForSelector('[data-testid=question-phq9_9]');
    const taskId = new URL(client.url()).pathname.split('/').at(-1) ?? '';
    for (const item of [1, 2, 3, 4, 5, 6, 7, 8]) {
      await client.check(`[data-testid=answer-phq9_${item}-${ZERO}]`);
    }
    await client.check(`[data-testid=answer-phq9_9-${SEVERAL}]`);
    expect(await client.textContent('[data-testid=questionnaire-progress]')).toContain('9 / 10');
    const overflow = await client.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await axeViolationsOn(client)).toEqual([]);

    await client.click('[data-testid=questionnaire-submit]');
    await client.waitForSelector('[data-testid=questionnaire-done]');
    await client.waitForSelector('[data-testid=crisis-support]');
    for (const tel of ['12356', '120', '110']) {
      expect(await client.isVisible(`[data-testid=support-tel-${tel}]`)).toBe(true);
    }
    expect(await client.textContent('main')).not.toMatch(/总分|分数：/);
    expect(await axeViolationsOn(client)).toEqual([]);
    await client.screenshot({ path: join(RESULTS, 'questionnaire-support-phone.png') });

    const signals = await runtime.ctx.database.query<{ source: string; detector: string }>(
      'SELECT source, detector FROM risk_signals WHERE source_id = $1',
      [taskId],
    );
    expect(signals).toEqual([{ source: 'assessment', detector: 'phq9:phq9_9' }]);

    // The counselor's chart now draws the score and flags the answer.
    await counselor.reload();
    await counselor.waitForSelector('[data-testid=trend-chart][data-assessment=phq9]');
    expect(await counselor.isVisible('[data-testid=timeline-assessment-risk]')).toBe(true);
    expect(await axeViolationsOn(counselor)).toEqual([]);
    await counselor.screenshot({ path: join(RESULTS, 'client-chart.png'), fullPage: true });
  });

  it('sets, reviews and revises a goal on the chart, and refers the client', async () => {
    await counselor.waitForSelector('[data-testid=goals-empty]');
    const inTwoMonths = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
    await counselor.fill('[data-testid=goal-add-description]', '情绪低落缓解，能够正常上课。');
    await counselor.fill('[data-testid=goal-add-measure-target]', '9');
    await counselor.fill('[data-testid=goal-add-targetDate]', inTwoMonths);
    await counselor.click('[data-testid=goal-add-submit]');
    await counselor.waitForSelector('[data-testid=goal][data-status=active]');
    // The PHQ-9 the client just answered (a total of 2) already meets "at most 9".
    expect(await counselor.getAttribute('[data-testid=goal-latest-score]', 'data-met')).toBe(
      'true',
    );

    await counselor.click('[data-testid=goal-open-review]');
    await counselor.selectOption('[data-testid=goal-review-rating]', 'much_progress');
    await counselor.fill('[data-testid=goal-review-note]', '睡眠改善，白天精力好转。');
    await counselor.click('[data-testid=goal-review-submit]');
    await counselor.waitForSelector('[data-testid=goal-review][data-rating=much_progress]');

    // A revision starts from the goal as written; the old goal stays, marked as revised.
    await counselor.click('[data-testid=goal-open-revise]');
    expect(await counselor.inputValue('[data-testid=goal-revise-measure-target]')).toBe('9');
    await counselor.fill('[data-testid=goal-revise-measure-target]', '4');
    await counselor.fill('[data-testid=goal-revise-reason]', '进展良好，目标调高。');
    expect(await axeViolationsOn(counselor)).toEqual([]);
    await counselor.click('[data-testid=goal-revise-submit]');
    await counselor.waitForSelector('[data-testid=goal][data-status=revised]');
    const statuses = await counselor
      .locator('[data-testid=goal]')
      .evaluateAll((goals) => goals.map((goal) => goal.getAttribute('data-status')));
    expect(statuses.sort()).toEqual(['active', 'revised']);

    // A referral to the crisis line on the client's spoken agreement, attested.
    const crisisLine = counselor.locator(
      '[data-testid=referral-add-resourceId] option:has-text("12356")',
    );
    await counselor.selectOption('[data-testid=referral-add-resourceId]', {
      value: (await crisisLine.getAttribute('value')) ?? '',
    });
    await counselor.fill('[data-testid=referral-add-reason]', '夜间需要支持时可拨打。');
    await counselor.click('[data-testid=referral-add-submit]');
    await counselor.waitForSelector('[data-testid=referral-add-basis-attested-error]');
    await counselor.check('[data-testid=referral-add-basis-attested]');
    await counselor.click('[data-testid=referral-add-submit]');
    await counselor.waitForSelector('[data-testid=referral][data-status=made]');
    expect(await axeViolationsOn(counselor)).toEqual([]);
    await counselor.screenshot({ path: join(RESULTS, 'chart-care-plan.png'), fullPage: true });

    const goals = await runtime.ctx.database.query<{ status: string }>(
      'SELECT status FROM treatment_goals WHERE client_user_id = $1 ORDER BY status',
      [clientId],
    );
    expect(goals.map((g) => g.status)).toEqual(['active', 'revised']);
    const audited = await runtime.ctx.database.query<{ action: string }>(
      `SELECT DISTINCT action FROM audit_events
        WHERE subject_id = $1 AND action IN ('treatment_goal.create', 'treatment_goal.review',
              'treatment_goal.revise', 'referral.create')
        ORDER BY action`,
      [clientId],
    );
    expect(audited.map((a) => a.action)).toEqual([
      'referral.create',
      'treatment_goal.create',
      'treatment_goal.review',
      'treatment_goal.revise',
    ]);
  });
});
